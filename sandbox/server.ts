/**
 * The request pipeline: rate limit → auth → Intercom-Version → fault injection → route →
 * save → faults after the change (5xx, or a reset with no answer) → latency → answer. Every answer carries the `X-RateLimit-*` headers and every error is
 * Intercom's `error.list`.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { ApiError, errorBody, faultCode, unemulated } from './errors'
import type { ResolvedOptions } from './options'
import { Rng } from './random'
import { matchRoute, type Reply, type Route } from './router'
import type { Store } from './store'
import type { JsonObject } from './types'
import { shapeForVersion } from './versions'

/** The `Intercom-Version` values Intercom accepts. */
export const INTERCOM_VERSIONS: readonly string[] = [
  ...['1.0', '1.1', '1.2', '1.3', '1.4'],
  ...Array.from({ length: 17 }, (_, minor) => `2.${minor}`),
  'Unstable',
  'Preview',
]
const MAX_BODY_BYTES = 5 * 1024 * 1024

/** Fixed windows that start with their first request. */
class RateLimiter {
  private windowStart = -Infinity
  private count = 0

  constructor(private readonly limit: number, private readonly windowMs: number) {}

  hit(now: number): { headers: Record<string, string>; exceeded: boolean } {
    if (now >= this.windowStart + this.windowMs) {
      this.windowStart = now
      this.count = 0
    }
    this.count += 1
    const reset = Math.ceil((this.windowStart + this.windowMs) / 1000)
    return {
      exceeded: this.count > this.limit,
      headers: {
        'X-RateLimit-Limit': String(this.limit),
        'X-RateLimit-Remaining': String(Math.max(0, this.limit - this.count)),
        'X-RateLimit-Reset': String(reset),
      },
    }
  }

  message(): string {
    const seconds = this.windowMs / 1000
    return `Exceeded rate limit of ${this.limit} in ${Number.isInteger(seconds) ? seconds : seconds.toFixed(3)}_seconds`
  }
}

export interface PipelineConfig {
  store: Store
  routes: readonly Route[]
  options: ResolvedOptions
  /** Saves the workspace; called after a request that changed it, before the answer. */
  persist: (() => void) | undefined
  /** Counts requests for the state view. */
  onRequest: () => void
  /** Called before a request that may change the workspace; the function it returns, after it (webhooks). */
  watch?: () => () => void
}

function readBody(request: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    request.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY_BYTES }))
    request.on('error', reject)
  })
}

function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization
  const match = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null
  const token = match?.[1]?.trim()
  return token === undefined || token === '' ? undefined : token
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** The node:http request listener of a sandbox. */
export function createPipeline(config: PipelineConfig): (request: IncomingMessage, response: ServerResponse) => void {
  const { store, routes, options } = config
  const limiter = new RateLimiter(options.rateLimit.limit, options.rateLimit.windowMs)
  // One stream per kind of fault, so that turning one on does not move the others.
  const faults = new Rng(options.faults.seed)
  const errorsAfter = new Rng(options.faults.seed + 1)
  const resetsAfter = new Rng(options.faults.seed + 2)

  /**
   * Each request draws the same numbers from every stream, whether or not its faults are on and
   * whatever happened to the request: so a stream's faults fall on the same requests when another
   * kind is turned on or off.
   */
  function draw(): { before: [number, number]; reset: number; after: [number, number] } {
    return { before: [faults.next(), faults.next()], reset: resetsAfter.next(), after: [errorsAfter.next(), errorsAfter.next()] }
  }

  function handle(request: IncomingMessage, raw: { text: string; tooLarge: boolean }, drawn: ReturnType<typeof draw>): Reply {
    const method = (request.method ?? 'GET').toUpperCase()
    const url = new URL(request.url ?? '/', 'http://sandbox.invalid')
    const token = bearerToken(request)
    if (token === undefined || (options.tokens !== undefined && !options.tokens.includes(token))) {
      throw new ApiError(401, 'unauthorized', 'Access Token Invalid')
    }
    const version = request.headers['intercom-version']
    if (version !== undefined && !INTERCOM_VERSIONS.includes(String(version).trim())) {
      throw new ApiError(400, 'intercom_version_invalid', 'The requested version could not be found')
    }
    if (drawn.before[0] < options.faults.errorRate) {
      const statuses = options.faults.statuses
      const status = statuses[Math.floor(drawn.before[1] * statuses.length)] ?? 500
      const { code, message } = faultCode(status)
      throw new ApiError(status, code, message)
    }
    if (raw.tooLarge) throw new ApiError(413, 'request_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes`)
    let body: unknown
    if (method !== 'GET' && method !== 'HEAD' && raw.text.trim() !== '') {
      try {
        body = JSON.parse(raw.text)
      } catch {
        throw new ApiError(400, 'bad_request', 'The request body is not valid JSON')
      }
    }
    const found = matchRoute(routes, method, url.pathname)
    if (!found) throw unemulated(method, url.pathname)
    const reply = found.route.handler({ method, params: found.params, query: url.searchParams, body, store })
    if (reply.body === undefined || reply.status >= 400) return reply
    const requested = version === undefined ? undefined : String(version).trim()
    return { status: reply.status, body: shapeForVersion(requested, `${method} ${found.route.pattern}`, reply.body as JsonObject) }
  }

  function persist(): void {
    if (!store.dirty) return
    store.dirty = false
    if (config.persist) config.persist()
  }

  return (request, response) => {
    config.onRequest()
    const requestId = randomUUID()
    const rate = limiter.hit(Date.now())
    const drawn = draw()
    const headers: Record<string, string> = { ...rate.headers, 'X-Request-Id': requestId }
    void readBody(request)
      .then(async (raw) => {
        let reply: Reply
        let reset = false
        const method = (request.method ?? 'GET').toUpperCase()
        const watched = method === 'GET' || method === 'HEAD' ? undefined : config.watch?.()
        try {
          if (rate.exceeded) throw new ApiError(429, 'rate_limit_exceeded', limiter.message())
          reply = handle(request, raw, drawn)
          persist()
          // Faults after the change: the work is done and saved, the client does not learn it.
          if (drawn.reset < options.faults.resetAfterRate) {
            reset = true
          } else if (drawn.after[0] < options.faults.errorAfterRate) {
            const statuses = options.faults.statuses
            const status = statuses[Math.floor(drawn.after[1] * statuses.length)] ?? 500
            const { code, message } = faultCode(status)
            throw new ApiError(status, code, message)
          }
        } catch (error) {
          try {
            persist()
          } catch (saveError) {
            error = saveError
          }
          if (error instanceof ApiError) Object.assign(headers, error.headers)
          reply =
            error instanceof ApiError
              ? { status: error.status, body: errorBody([error.entry()], requestId) }
              : { status: 500, body: errorBody([{ code: 'server_error', message: `Sandbox error: ${(error as Error).message}` }], requestId) }
        }
        watched?.()
        if (options.faults.latencyMs > 0) await sleep(options.faults.latencyMs)
        if (response.destroyed) return
        if (reset) {
          // A TCP reset with no answer (ECONNRESET at the client).
          request.socket.resetAndDestroy()
          return
        }
        if (reply.body === undefined) {
          response.writeHead(reply.status, { ...headers, 'Content-Length': '0' })
          response.end()
          return
        }
        const text = JSON.stringify(reply.body)
        response.writeHead(reply.status, {
          ...headers,
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': String(Buffer.byteLength(text)),
        })
        response.end(text)
      })
      .catch(() => {
        if (!response.destroyed) response.destroy()
      })
  }
}
