import type { z } from 'zod'

/** HTTP methods the Intercom operations use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

/**
 * A route template in the Octokit style: the method, a space, then the path with `{param}`
 * placeholders that are filled from the tool's params (each one encoded as one path segment).
 *
 * @example 'GET /contacts/{contactId}'
 */
export type Route = `${HttpMethod} /${string}`

/** Intercom data centres. Each has its own API host. */
export type Region = 'us' | 'eu' | 'au'

/** What a tool does to the workspace. Retries follow `idempotent`, never the HTTP verb. */
export interface ToolAnnotations {
  /** The tool only reads. */
  readOnly: boolean
  /** The tool removes or overwrites something that cannot be restored by calling it again. */
  destructive: boolean
  /** Sending the same request twice leaves the workspace as sending it once. */
  idempotent: boolean
}

/** How and where to call Intercom. Credentials live here, never in tool params. */
export interface ToolContext {
  /** An Intercom access token (private app token or OAuth token). Never echoed anywhere. */
  accessToken: string
  /**
   * The workspace's data centre.
   * @default 'us'
   */
  region?: Region
  /** Overrides `region`: a sandbox, a proxy or a mock server, e.g. `http://127.0.0.1:4010`. */
  baseUrl?: string
  /**
   * The `Intercom-Version` header.
   * @default '2.16'
   */
  version?: string
  /** An injected transport (tests, edge runtimes). Defaults to `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch
  /** Cancels the call, including any wait between retries. */
  signal?: AbortSignal
  /**
   * Time limit of one attempt, in milliseconds.
   * @default 30000
   */
  timeoutMs?: number
  /**
   * How many times a failed attempt may be repeated (when repeating is safe).
   * @default 3
   */
  maxRetries?: number
  /**
   * Where the rate-limit gate keeps its state. Calls with the same token and host share one
   * gate per store; pass a shared store (e.g. Redis-backed) to pace several processes together.
   * @default the in-memory store of this process
   */
  rateLimitStore?: RateLimitStore
  /**
   * The longest a call may wait, in total, for Intercom's rate limit (queued behind other calls
   * or held after a 429) before it fails with `rate_limit_exceeded`.
   * @default 60000
   */
  maxRateLimitWaitMs?: number
}

/** What an answer told about the rate limit, as the gate hands it to a store. */
export interface RateLimitObservation {
  /** The HTTP status, or 0 when no answer came (the call failed in transport). */
  status: number
  /** `X-RateLimit-Limit`: calls allowed per window. */
  limit?: number
  /** `X-RateLimit-Remaining`: calls left in the current window. */
  remaining?: number
  /** `X-RateLimit-Reset` in milliseconds since the epoch: when the current window ends. */
  resetAt?: number
  /** From `Retry-After` on a 429, in milliseconds since the epoch. */
  retryAt?: number
  /** When the call was sent and when its answer came (the caller's clock, ms). */
  sentAt: number
  receivedAt: number
  /** The `ticket` of the grant the call was sent under. */
  ticket?: number
}

/** A store's answer to `acquire`. */
export interface RateLimitDecision {
  /**
   * With `granted`, the slot is reserved: send after `waitMs`. Without it nothing is reserved:
   * ask again after `waitMs` (or sooner, when an answer arrives); a `waitMs` past the caller's
   * `maxWaitMs` means the call would wait too long.
   */
  waitMs: number
  granted: boolean
  /** The grant's sequence number, passed back in the observation of the call's answer. */
  ticket?: number
}

/**
 * The state of the rate-limit gate, by key (host + SHA-256 of the token). Each method is one
 * decision on one key, so that a shared store can make it atomically (one server-side script).
 */
export interface RateLimitStore {
  /** Asks for the next send slot of `key` at time `now`; reserves nothing past `maxWaitMs`. */
  acquire(key: string, now: number, maxWaitMs: number): Promise<RateLimitDecision>
  /** Folds what an answer said into the key's state. */
  update(key: string, observation: RateLimitObservation): Promise<void>
}

/** A failure, as `executeTool` reports it. */
export interface ToolError {
  /**
   * `validation_error`, `unknown_tool`, `timeout`, `network_error`, `invalid_response`, `aborted`,
   * or Intercom's own error code (`not_found`, `unauthorized`, `rate_limit_exceeded`, ...).
   */
  code: string
  /** What went wrong and what to do about it, for a person or a model. */
  message: string
  /** The HTTP status Intercom answered with, when it answered. */
  status?: number
  /** Intercom's request id, to quote to Intercom support. */
  requestId?: string
  /** The param (or context field) at fault, as a dotted path. */
  field?: string
  /** Whether sending the same call again later may succeed without changing anything. */
  retryable?: boolean
}

/** The outcome of `executeTool`: it never throws. */
export type ToolResult<O extends Record<string, unknown> = Record<string, unknown>> =
  | { success: true; output: O }
  | { success: false; error: ToolError }

/** A query-string value before serialization. `undefined` means: not sent. */
export type QueryValue = string | number | boolean | undefined

/** What a tool's own request mapping returns: the query and body it wants sent. */
export interface RequestParts {
  query?: Record<string, QueryValue>
  body?: unknown
}

/** A request, fully built and ready to send: pure data, testable without a network. */
export interface BuiltRequest {
  method: HttpMethod
  /** The path with every placeholder filled and encoded, e.g. `/contacts/abc%2F1`. */
  path: string
  /** Serialized query parameters, in insertion order. */
  query: Record<string, string>
  /** The JSON body, or `undefined` when nothing is sent. */
  body?: unknown
}

/** Read-only calls a tool may make before or after its main request (see `prepare`, `followUp`). */
export interface ToolApi {
  /** Sends one request through the same client (auth, region, version, retries). */
  send(request: BuiltRequest, options: { idempotent: boolean }): Promise<unknown>
  /** The admin that owns the access token (`GET /me`), cached per token and host. */
  me(): Promise<{ id: string; [key: string]: unknown }>
}

/** What a transform is told besides the response body. */
export interface ResponseInfo<P> {
  status: number
  params: P
}

/**
 * One Intercom operation, declared as data. The executor, the block, the docs and the JSON
 * Schemas are all derived from it.
 */
export interface ToolDefinition<
  P extends z.ZodObject = z.ZodObject,
  O extends Record<string, unknown> = Record<string, unknown>,
  Id extends string = string,
> {
  /** Permanent id, `intercom_<verb>_<noun>` (a literal type: the typed helpers are keyed by it). */
  id: Id
  /** A short human name, e.g. "Create contact". */
  name: string
  /** What the tool does and when to use it, written for a model that has never seen Intercom. */
  description: string
  /** The params, one strict zod object; every field `.describe()`d. */
  params: P
  route: Route
  /**
   * Pure mapping from validated params to query and body, when the generic rule (path
   * placeholders from params, the rest to the query for GET/DELETE or the body for POST/PUT)
   * is not enough.
   */
  request?(params: z.output<P>): RequestParts
  /** Fills in params that need a read first (e.g. the token's own admin id). */
  prepare?(params: z.output<P>, api: ToolApi): Promise<z.output<P>>
  /** Pure transform from Intercom's JSON to the tool's output. */
  transform(body: unknown, info: ResponseInfo<z.output<P>>): O
  /** A second request that the caller asked for through a param (e.g. linking a company). */
  followUp?(output: O, params: z.output<P>, api: ToolApi): Promise<O>
  /** Documents the output; tests check every transform against it. */
  output: z.ZodType<O>
  annotations: ToolAnnotations
  /**
   * Advice added to Intercom's error message when it matches (code and message are tested),
   * e.g. what to do when a scroll is already open.
   */
  errorHints?: ReadonlyArray<{ match: RegExp; hint: string }>
  /**
   * What `paginate` cannot read from the params and output schemas: the largest page Intercom
   * allows when the `per_page` schema has no maximum.
   */
  pagination?: { maxPerPage?: number }
}

/** Any tool, as the registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyToolDefinition = ToolDefinition<any, any>
