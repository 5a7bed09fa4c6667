import type { AnyToolDefinition, BuiltRequest, HttpMethod, QueryValue, Route } from '../types'
import { ToolFailure, validationFailure } from './errors'

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g

/** Splits a route template into its method and path. */
export function parseRoute(route: Route): { method: HttpMethod; path: string; placeholders: string[] } {
  const space = route.indexOf(' ')
  const method = route.slice(0, space) as HttpMethod
  const path = route.slice(space + 1)
  const placeholders = [...path.matchAll(PLACEHOLDER)].map((match) => match[1] as string)
  return { method, path, placeholders }
}

/**
 * Encodes one path segment. The value must already be a non-empty string; `.` and `..` are
 * refused because URL resolution would turn them into "this folder" and "the parent folder".
 */
export function encodeSegment(name: string, value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new ToolFailure({ code: 'validation_error', field: name, message: `${name} is required`, retryable: false })
  }
  const text = String(value)
  const trimmed = text.trim()
  if (trimmed === '') throw validationFailure(name, 'must not be empty')
  if (trimmed === '.' || trimmed === '..') throw validationFailure(name, "must be an Intercom id, not '.' or '..'")
  try {
    return encodeURIComponent(text)
  } catch {
    // encodeURIComponent throws (URIError) for a lone surrogate and nothing else.
    throw validationFailure(name, LONE_SURROGATE_MESSAGE)
  }
}

/**
 * Half of a UTF-16 surrogate pair with no other half: not a character, so it cannot be encoded
 * in a URL (encodeURIComponent throws, URLSearchParams silently turns it into U+FFFD).
 */
const LONE_SURROGATE = /\p{Cs}/u
const LONE_SURROGATE_MESSAGE = 'holds a broken character (half of a UTF-16 surrogate pair) that cannot be sent in a URL'

function serializeQuery(query: Record<string, QueryValue> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  if (!query) return out
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    const text = String(value)
    if (LONE_SURROGATE.test(text)) throw validationFailure(key, LONE_SURROGATE_MESSAGE)
    out[key] = text
  }
  return out
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined) out[key] = value
  }
  return out
}

/** A route as `buildRequest` uses it: the path as its fixed text between the placeholders. */
interface CompiledRoute {
  method: HttpMethod
  placeholders: string[]
  /** The fixed text around the placeholders: one more entry than `placeholders`. */
  texts: string[]
}

/** Routes compiled once per template, not on every call. */
const compiledRoutes = new Map<Route, CompiledRoute>()

function compileRoute(route: Route): CompiledRoute {
  const { method, path, placeholders } = parseRoute(route)
  return { method, placeholders, texts: path.split(PLACEHOLDER).filter((_, index) => index % 2 === 0) }
}

/**
 * Turns a tool and its validated params into the request to send. Pure: no network, no clock.
 *
 * Route placeholders are filled from the params of the same name (each encoded as one segment)
 * and consumed. With a `request` mapping the tool says where the rest goes; without one, the
 * rest goes to the query string for GET and DELETE and to the JSON body for POST and PUT. Only
 * `undefined` is left out: `0`, `false` and `''` are sent as given.
 */
export function buildRequest(tool: AnyToolDefinition, params: Record<string, unknown>): BuiltRequest {
  let route = compiledRoutes.get(tool.route)
  if (!route) compiledRoutes.set(tool.route, (route = compileRoute(tool.route)))
  const { method, placeholders, texts } = route
  let path = texts[0] as string
  for (let index = 0; index < placeholders.length; index++) {
    const name = placeholders[index] as string
    path += encodeSegment(name, params[name]) + (texts[index + 1] as string)
  }

  if (tool.request) {
    const parts = tool.request(params)
    const built: BuiltRequest = { method, path, query: serializeQuery(parts.query) }
    if (parts.body !== undefined) built.body = parts.body
    return built
  }

  const rest: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(params)) {
    if (!placeholders.includes(key)) rest[key] = value
  }
  if (method === 'GET' || method === 'DELETE') {
    return { method, path, query: serializeQuery(rest as Record<string, QueryValue>) }
  }
  return { method, path, query: {}, body: withoutUndefined(rest) }
}

/** A copy of a record without its `undefined` entries (`0`, `false`, `''` and `null` stay). */
export function definedOnly<T extends Record<string, unknown>>(record: T): Partial<T> {
  return withoutUndefined(record) as Partial<T>
}
