import type { ErrorBody } from './errors'
import type { Store } from './store'
import type { JsonObject } from './types'

/** What a handler sees of a request. */
export interface SandboxRequest {
  method: string
  /** The decoded path parameters, by the names in the route pattern. */
  params: Record<string, string>
  query: URLSearchParams
  /** The parsed JSON body, or undefined when none was sent. */
  body: unknown
  store: Store
}

/** A handler's answer; no body means an empty one (202 on POST /events). */
export interface Reply {
  status: number
  body?: JsonObject | ErrorBody
}

export type Handler = (request: SandboxRequest) => Reply

export interface Route {
  method: string
  pattern: string
  segments: string[]
  handler: Handler
}

export function route(method: string, pattern: string, handler: Handler): Route {
  return { method, pattern, segments: pattern.split('/').filter(Boolean), handler }
}

export function ok(body: JsonObject): Reply {
  return { status: 200, body }
}

/**
 * The route for a method and path, with its decoded parameters. Literal segments win over
 * parameters (`/contacts/search` before `/contacts/{id}`) whatever the registration order.
 */
export function matchRoute(routes: readonly Route[], method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  const parts = path.split('/').filter(Boolean)
  let best: { route: Route; params: Record<string, string>; literals: number } | undefined
  for (const candidate of routes) {
    if (candidate.method !== method || candidate.segments.length !== parts.length) continue
    const params: Record<string, string> = {}
    let literals = 0
    let matched = true
    for (let index = 0; index < parts.length; index++) {
      const segment = candidate.segments[index] as string
      const part = parts[index] as string
      if (segment.startsWith('{') && segment.endsWith('}')) {
        let value: string
        try {
          value = decodeURIComponent(part)
        } catch {
          matched = false
          break
        }
        params[segment.slice(1, -1)] = value
      } else if (segment === part) {
        literals++
      } else {
        matched = false
        break
      }
    }
    if (matched && (!best || literals > best.literals)) best = { route: candidate, params, literals }
  }
  return best && { route: best.route, params: best.params }
}
