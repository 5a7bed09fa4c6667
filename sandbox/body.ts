/**
 * Reading request bodies the way Intercom checks them: a field of the wrong type is a 400
 * `parameter_invalid`, a missing required field a 400 `parameter_not_found`, and a field the
 * operation does not know is refused too (see DIFFERENCES.md: Intercom mostly ignores those, the
 * sandbox does not, so that a misspelt field cannot pass unnoticed).
 */
import { ApiError, invalid, missing } from './errors'
import type { Json, JsonObject } from './types'

export type Body = Record<string, unknown>

function isPlainObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The body as an object with only the allowed keys. A missing body reads as `{}` so that the
 * required fields report themselves; anything but an object is refused.
 */
export function objectBody(raw: unknown, allowed: readonly string[], where = 'body'): Body {
  if (raw === undefined) return {}
  if (!isPlainObject(raw)) throw new ApiError(400, 'bad_request', `${where} must be a JSON object`)
  return only(raw, allowed, where === 'body' ? '' : `${where}.`)
}

/** Refuses keys that are not allowed; `prefix` names the object in the message. */
export function only(value: Body, allowed: readonly string[], prefix = ''): Body {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new ApiError(400, 'parameter_invalid', `${prefix}${key} is not a parameter of this operation`, `${prefix}${key}`)
    }
  }
  return value
}

/** A nested object field, or undefined when absent. */
export function obj(body: Body, key: string, path = key): Body | undefined {
  const value = body[key]
  if (value === undefined) return undefined
  if (!isPlainObject(value)) throw invalid(path, 'must be an object')
  return value
}

/** A nested object field that may be null. */
export function objOrNull(body: Body, key: string, path = key): Body | null | undefined {
  return body[key] === null ? null : obj(body, key, path)
}

export function arr(body: Body, key: string, path = key): unknown[] | undefined {
  const value = body[key]
  if (value === undefined) return undefined
  if (!Array.isArray(value)) throw invalid(path, 'must be an array')
  return value
}

export function str(body: Body, key: string, path = key): string | undefined {
  const value = body[key]
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw invalid(path, 'must be a string')
  return value
}

export function strOrNull(body: Body, key: string, path = key): string | null | undefined {
  return body[key] === null ? null : str(body, key, path)
}

/** An Intercom id: a string, or an integer (which Intercom accepts and reads as its text). */
export function id(body: Body, key: string, path = key): string | undefined {
  const value = body[key]
  if (value === undefined) return undefined
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value)
  if (typeof value !== 'string') throw invalid(path, 'must be a string id')
  if (value.trim() === '') throw invalid(path, 'must not be empty')
  return value
}

export function idOrNull(body: Body, key: string, path = key): string | null | undefined {
  return body[key] === null ? null : id(body, key, path)
}

export function int(body: Body, key: string, path = key): number | undefined {
  const value = body[key]
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid(path, 'must be an integer')
  return value
}

export function intOrNull(body: Body, key: string, path = key): number | null | undefined {
  return body[key] === null ? null : int(body, key, path)
}

/** A unix timestamp in seconds (a non-negative integer). */
export function timestamp(body: Body, key: string, path = key): number | undefined {
  const value = int(body, key, path)
  if (value !== undefined && value < 0) throw invalid(path, 'must be a unix timestamp in seconds')
  return value
}

export function timestampOrNull(body: Body, key: string, path = key): number | null | undefined {
  return body[key] === null ? null : timestamp(body, key, path)
}

export function num(body: Body, key: string, path = key): number | undefined {
  const value = body[key]
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(path, 'must be a number')
  return value
}

export function bool(body: Body, key: string, path = key): boolean | undefined {
  const value = body[key]
  if (value === undefined) return undefined
  if (typeof value !== 'boolean') throw invalid(path, 'must be true or false')
  return value
}

export function boolOrNull(body: Body, key: string, path = key): boolean | null | undefined {
  return body[key] === null ? null : bool(body, key, path)
}

/** The value, or a 400 `parameter_not_found` naming the field. */
export function required<T>(value: T | undefined | null, path: string): T {
  if (value === undefined || value === null) throw missing(path)
  return value
}

/** A string that must not be blank. */
export function requiredText(value: string | undefined, path: string): string {
  if (value === undefined) throw missing(path)
  if (value.trim() === '') throw invalid(path, 'must not be empty')
  return value
}

/** One of the allowed values. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], path: string): T
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], path: string): T | undefined
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], path: string): T | undefined {
  if (value === undefined) return undefined
  if (!(allowed as readonly string[]).includes(value)) throw invalid(path, `must be one of ${allowed.join(', ')}`)
  return value as T
}

/** A JSON value copied from a request (already parsed from JSON, so it is JSON). */
export function asJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json
}

export function asJsonObject(value: Body): JsonObject {
  return asJson(value) as JsonObject
}

/** Reads an integer query parameter; absent → undefined, anything but digits → 400. */
export function queryInt(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = query.get(name)
  if (raw === null || raw === '') return undefined
  if (!/^-?\d+$/.test(raw)) throw invalid(name, 'must be an integer')
  const value = Number(raw)
  if (value < min || value > max) throw invalid(name, `must be between ${min} and ${max}`)
  return value
}
