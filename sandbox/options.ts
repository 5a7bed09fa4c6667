/** The options of startSandbox, their defaults and their checks. */
import { resolveWebhooks, type ResolvedWebhooks, type WebhookDeliveryOptions, type WebhookSubscription } from './webhooks/options'

/** Requests allowed per window, as Intercom's `X-RateLimit-*` headers report them. */
export interface RateLimitOptions {
  /** Requests allowed in one window; the next one gets a 429. */
  limit: number
  /** Window length in milliseconds. A window starts with its first request. */
  windowMs: number
}

/** Injected failures and slowness, for testing retries and timeouts. */
export interface FaultOptions {
  /** Share of requests (0–1) answered with one of `statuses` instead of being handled. Default 0. */
  errorRate?: number
  /** The statuses a faulted request gets, chosen at random. Default [500, 503]. */
  statuses?: number[]
  /**
   * Share of requests (0–1) handled in full (the change applied and saved) and then answered
   * with one of `statuses` instead of their result: an ambiguous write. Default 0.
   */
  errorAfterRate?: number
  /**
   * Share of requests (0–1) handled in full (the change applied and saved) whose connection is
   * then reset with no answer at all. Default 0.
   */
  resetAfterRate?: number
  /** Milliseconds added to every response. Default 0. */
  latencyMs?: number
  /** Seed of the fault PRNGs (one stream per kind of fault). Defaults to the workspace seed. */
  seed?: number
}

export interface SandboxOptions {
  /** TCP port. Default 0: the system picks a free one (see `Sandbox.port`). */
  port?: number
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string
  /** Seed of the generated workspace: the same seed gives the same data and ids. Default 1. */
  seed?: number
  /**
   * A JSON file that holds the workspace: read at start when it exists (then `seed` is not
   * used), else seeded and written; rewritten atomically after every change.
   */
  data?: string
  /** Access tokens accepted as `Authorization: Bearer <token>`. Default: any non-empty token. */
  tokens?: string[]
  /** Rate limit. Default 10,000 requests per 60 s, so that only the headers show. */
  rateLimit?: RateLimitOptions
  /** Fault injection. Default none. */
  faults?: FaultOptions
  /** Receivers of signed webhook notifications for every change made through the API. Default none. */
  webhooks?: WebhookSubscription[]
  /** Retries (time-scaled), timeouts and delivery faults of the webhooks. */
  webhookDelivery?: WebhookDeliveryOptions
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 10_000, windowMs: 60_000 }
export const DEFAULT_FAULT_STATUSES = [500, 503] as const
export const DEFAULT_SEED = 1
/** The token to use when `tokens` is not given (any non-empty one works). */
export const DEFAULT_TOKEN = 'sandbox-token'

/** Options with defaults applied. */
export interface ResolvedOptions {
  port: number
  host: string
  seed: number
  data: string | undefined
  tokens: string[] | undefined
  rateLimit: RateLimitOptions
  faults: { errorRate: number; errorAfterRate: number; resetAfterRate: number; statuses: number[]; latencyMs: number; seed: number }
  webhooks: ResolvedWebhooks
}

function fail(message: string): never {
  throw new TypeError(`startSandbox: ${message}`)
}

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value)
}

export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  const port = options.port ?? 0
  if (!isInt(port) || port < 0 || port > 65_535) fail('port must be an integer from 0 to 65535')
  const host = options.host ?? '127.0.0.1'
  if (typeof host !== 'string' || host === '') fail('host must be a non-empty string')
  const seed = options.seed ?? DEFAULT_SEED
  if (!isInt(seed)) fail('seed must be an integer')
  if (options.data !== undefined && (typeof options.data !== 'string' || options.data === '')) fail('data must be a file path')
  const tokens = options.tokens
  if (tokens !== undefined && (!Array.isArray(tokens) || tokens.length === 0 || !tokens.every((token) => typeof token === 'string' && token.trim() !== ''))) {
    fail('tokens must be a non-empty array of non-empty strings')
  }
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT
  if (!isInt(rateLimit.limit) || rateLimit.limit < 1) fail('rateLimit.limit must be a positive integer')
  if (!isInt(rateLimit.windowMs) || rateLimit.windowMs < 1) fail('rateLimit.windowMs must be a positive integer')
  const faults = options.faults ?? {}
  const errorRate = faults.errorRate ?? 0
  if (typeof errorRate !== 'number' || !(errorRate >= 0 && errorRate <= 1)) fail('faults.errorRate must be a number from 0 to 1')
  const errorAfterRate = faults.errorAfterRate ?? 0
  if (typeof errorAfterRate !== 'number' || !(errorAfterRate >= 0 && errorAfterRate <= 1)) fail('faults.errorAfterRate must be a number from 0 to 1')
  const resetAfterRate = faults.resetAfterRate ?? 0
  if (typeof resetAfterRate !== 'number' || !(resetAfterRate >= 0 && resetAfterRate <= 1)) fail('faults.resetAfterRate must be a number from 0 to 1')
  const statuses = faults.statuses ?? [...DEFAULT_FAULT_STATUSES]
  if (!Array.isArray(statuses) || statuses.length === 0 || !statuses.every((status) => isInt(status) && status >= 400 && status <= 599)) {
    fail('faults.statuses must be a non-empty array of HTTP error statuses (400–599)')
  }
  const latencyMs = faults.latencyMs ?? 0
  if (typeof latencyMs !== 'number' || !(latencyMs >= 0) || !Number.isFinite(latencyMs)) fail('faults.latencyMs must be 0 or more')
  const faultSeed = faults.seed ?? seed
  if (!isInt(faultSeed)) fail('faults.seed must be an integer')
  return {
    port,
    host,
    seed,
    data: options.data,
    tokens: tokens ? [...tokens] : undefined,
    rateLimit: { limit: rateLimit.limit, windowMs: rateLimit.windowMs },
    faults: { errorRate, errorAfterRate, resetAfterRate, statuses: [...statuses], latencyMs, seed: faultSeed },
    webhooks: resolveWebhooks(options.webhooks, options.webhookDelivery, seed),
  }
}
