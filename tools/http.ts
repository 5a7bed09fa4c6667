import ky, { TimeoutError, type KyInstance } from 'ky'
import type { BuiltRequest, Region, ToolContext, ToolError } from '../types'
import { MAY_HAVE_BEEN_APPLIED, ToolFailure, invalidResponse, validationFailure } from './errors'
import { DEFAULT_MAX_RATE_LIMIT_WAIT_MS, defaultRateLimitStore, gateFor, observe, rateLimitKey } from './rate-limit'
import { DEFAULT_INTERCOM_VERSION, PACKAGE_VERSION } from './version'

/** API hosts per data centre. */
export const REGION_HOSTS: Readonly<Record<Region, string>> = {
  us: 'https://api.intercom.io',
  eu: 'https://api.eu.intercom.io',
  au: 'https://api.au.intercom.io',
}

export const USER_AGENT = `intercom-blocks/${PACKAGE_VERSION}`

const DEFAULT_TIMEOUT_MS = 30_000
const DEFAULT_MAX_RETRIES = 3
const BACKOFF_BASE_MS = 250
const BACKOFF_CAP_MS = 8_000

/** A successful answer from Intercom. */
export interface HttpResponse {
  status: number
  headers: Headers
  /** Parsed JSON, or `undefined` for an empty body (e.g. `202 Accepted`). */
  body: unknown
}

/** One configured connection to Intercom: auth, host, version, timeouts and retries. */
export interface IntercomClient {
  readonly baseUrl: string
  /** Sends a request; resolves with a 2xx answer, throws a `ToolFailure` otherwise. */
  send(request: BuiltRequest, options: { idempotent: boolean }): Promise<HttpResponse>
}

const clients = new WeakMap<ToolContext, IntercomClient>()
/**
 * Clients of contexts without a signal, by transport, store and settings: hosts that build a
 * fresh context for every call (most do) reuse the client of an equal one. Bounded.
 */
const sharedClients = new WeakMap<object, WeakMap<object, Map<string, IntercomClient>>>()
const DEFAULT_TRANSPORT = {}
const MAX_SHARED_CLIENTS = 1_000

function settingsKey(context: ToolContext): string | undefined {
  const { accessToken, baseUrl, region, version, timeoutMs, maxRetries, maxRateLimitWaitMs } = context
  for (const value of [baseUrl, region, version]) if (value !== undefined && typeof value !== 'string') return undefined
  for (const value of [timeoutMs, maxRetries, maxRateLimitWaitMs]) if (value !== undefined && typeof value !== 'number') return undefined
  if (typeof accessToken !== 'string') return undefined
  return `${accessToken}\u0000${baseUrl ?? ''}\u0000${region ?? ''}\u0000${version ?? ''}\u0000${timeoutMs ?? ''}\u0000${maxRetries ?? ''}\u0000${maxRateLimitWaitMs ?? ''}`
}

/** The client of a context: created once per context object, and shared by equal contexts without a signal. */
export function clientFor(context: ToolContext): IntercomClient {
  const key = context.signal === undefined ? settingsKey(context) : undefined
  let client: IntercomClient | undefined
  if (key === undefined) {
    // A context with a signal (or odd settings) keeps a client of its own.
    client = clients.get(context)
    if (!client) {
      client = createClient(context)
      clients.set(context, client)
    }
  } else {
    const transport = (context.fetch as object | undefined) ?? DEFAULT_TRANSPORT
    const store = (context.rateLimitStore as object | undefined) ?? defaultRateLimitStore
    let byStore = sharedClients.get(transport)
    if (!byStore) sharedClients.set(transport, (byStore = new WeakMap()))
    let bySettings = byStore.get(store)
    if (!bySettings) byStore.set(store, (bySettings = new Map()))
    client = bySettings.get(key)
    if (!client) {
      client = createClient(context)
      if (bySettings.size >= MAX_SHARED_CLIENTS) bySettings.clear()
      bySettings.set(key, client)
    }
  }
  return client
}

/** Checks a context and returns the base URL it points at. Throws a validation `ToolFailure`. */
export function resolveBaseUrl(context: ToolContext): string {
  if (context.baseUrl !== undefined) {
    if (typeof context.baseUrl !== 'string') throw validationFailure('baseUrl', 'must be a URL given as text')
    let url: URL
    try {
      url = new URL(context.baseUrl)
    } catch {
      throw validationFailure('baseUrl', 'is not a valid URL')
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw validationFailure('baseUrl', 'must be an http(s) URL')
    }
    // fetch refuses URLs with credentials, so they could never be sent; say so without echoing them.
    if (url.username !== '' || url.password !== '') {
      throw validationFailure('baseUrl', 'must not carry login details before its host: fetch refuses such URLs. Give the address without them')
    }
    return context.baseUrl.replace(/\/+$/, '')
  }
  const region = context.region === undefined ? 'us' : context.region
  // An own-property lookup: 'constructor', '__proto__' or 'toString' are not regions.
  const host = typeof region === 'string' && Object.hasOwn(REGION_HOSTS, region) ? REGION_HOSTS[region] : undefined
  if (!host) throw validationFailure('region', `must be one of us, eu, au (got ${describeValue(region)})`)
  return host
}

function describeValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/** The user name and password of a URL (decoded and as written), to keep them out of every message. */
export function urlCredentials(baseUrl: unknown): string[] {
  if (typeof baseUrl !== 'string') return []
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    return []
  }
  const out: string[] = []
  for (const part of [url.username, url.password]) {
    if (part === '') continue
    out.push(part)
    try {
      out.push(decodeURIComponent(part))
    } catch {
      // Keep the encoded form only.
    }
  }
  if (url.username !== '' || url.password !== '') {
    out.push(`${url.username}${url.password === '' ? '' : `:${url.password}`}@`)
  }
  return out
}

function checkContext(context: ToolContext): void {
  if (typeof context.accessToken !== 'string' || context.accessToken.trim() === '') {
    throw validationFailure('accessToken', 'an Intercom access token is required')
  }
  if (/[\r\n]/.test(context.accessToken)) {
    throw validationFailure('accessToken', 'must be a single line')
  }
  if (context.timeoutMs !== undefined && !(Number.isInteger(context.timeoutMs) && context.timeoutMs > 0)) {
    throw validationFailure('timeoutMs', 'must be a positive whole number of milliseconds')
  }
  if (context.maxRetries !== undefined && !(Number.isInteger(context.maxRetries) && context.maxRetries >= 0)) {
    throw validationFailure('maxRetries', 'must be a whole number, 0 or more')
  }
  if (context.maxRateLimitWaitMs !== undefined && !(Number.isInteger(context.maxRateLimitWaitMs) && context.maxRateLimitWaitMs >= 0)) {
    throw validationFailure('maxRateLimitWaitMs', 'must be a whole number of milliseconds, 0 or more')
  }
  const store = context.rateLimitStore as Partial<Record<'acquire' | 'update', unknown>> | undefined
  if (store !== undefined && (store === null || typeof store.acquire !== 'function' || typeof store.update !== 'function')) {
    throw validationFailure('rateLimitStore', 'must be a rate-limit store with acquire and update methods')
  }
  if (context.version !== undefined && (typeof context.version !== 'string' || context.version.trim() === '')) {
    throw validationFailure('version', 'must be an Intercom API version such as "2.16"')
  }
}

/**
 * What one call hands to its transport beside ky's request, under names ky does not know (ky
 * passes options it does not know on to `fetch`): the JSON text of the body and the caller's
 * signal. ky builds and dispatches the request (URL, method, headers); the body is not given to
 * ky because ky would turn the string into a stream, tee it for retries that are ours (retry: 0),
 * and fetch would pipe the copy through one more stream; sent as the string it is, a POST costs
 * what a plain fetch costs. The signal goes to the transport alone, so ky need not combine it
 * with a controller of its own (its timeout is off: ours is one shared timer).
 */
interface PassThrough {
  intercomBody?: string
  intercomSignal?: AbortSignal
}

/** One ky instance per transport, shared by every context: a context of its own costs no ky instance. */
const kyByFetch = new WeakMap<typeof fetch, KyInstance>()
let kyDefault: KyInstance | undefined

function kyFor(transport: typeof fetch | undefined): KyInstance {
  // Retries are ours (they follow the tool's idempotency and the rate-limit gate), errors are
  // read from the answer, and the URL comes whole: ky only sends.
  const send = (request: Request, options: PassThrough): Promise<Response> => {
    const init: RequestInit = { method: request.method, headers: request.headers }
    if (options.intercomBody !== undefined) init.body = options.intercomBody
    if (options.intercomSignal !== undefined) init.signal = options.intercomSignal
    // The global fetch is looked up per call, as a plain `fetch(...)` would be.
    return transport ? transport(request.url, init) : globalThis.fetch(request.url, init)
  }
  const options = { retry: 0, throwHttpErrors: false, timeout: false, fetch: send as unknown as typeof fetch } as const
  if (!transport) return (kyDefault ??= ky.create(options))
  let instance = kyByFetch.get(transport)
  if (!instance) {
    instance = ky.create(options)
    kyByFetch.set(transport, instance)
  }
  return instance
}

function queryString(query: Record<string, string>): string {
  let out = ''
  for (const key in query) {
    out += `${out === '' ? '?' : '&'}${encodeURIComponent(key)}=${encodeURIComponent(query[key] as string)}`
  }
  return out
}

/** Builds the connection of a context: checked once, then only data (headers, URL, limits). */
export function createClient(context: ToolContext): IntercomClient {
  checkContext(context)
  const baseUrl = resolveBaseUrl(context)
  const maxRetries = context.maxRetries ?? DEFAULT_MAX_RETRIES
  const maxWaitMs = context.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS
  const timeout = context.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const signal = context.signal
  const api = kyFor(context.fetch)
  const gate = gateFor(context.rateLimitStore ?? defaultRateLimitStore)
  const headers: Record<string, string> = {
    Authorization: `Bearer ${context.accessToken}`,
    'Intercom-Version': context.version ?? DEFAULT_INTERCOM_VERSION,
    Accept: 'application/json',
    'User-Agent': USER_AGENT,
  }
  const jsonHeaders = { ...headers, 'Content-Type': 'application/json' }
  const key = rateLimitKey(baseUrl, context.accessToken)

  function attempt(request: BuiltRequest, body: string | undefined): Promise<Response> {
    const options: PassThrough & { method: string; headers: Record<string, string> } = {
      method: request.method,
      headers: body === undefined ? headers : jsonHeaders,
    }
    if (body !== undefined) options.intercomBody = body
    if (signal) options.intercomSignal = signal
    const pending = api(`${baseUrl}${request.path}${queryString(request.query)}`, options)
    return withDeadline(signal ? untilAborted(pending, signal) : pending, timeout)
  }

  return {
    baseUrl,
    async send(request, { idempotent }) {
      const body = request.body === undefined ? undefined : JSON.stringify(request.body)
      const gateKey = await key
      const deadline = Date.now() + maxWaitMs
      // A call sent back by a 429 goes to the front of the line: waiting is not a retry.
      let first = false
      for (let tries = 0; ; ) {
        // Checked before every attempt: a transport that ignores the signal must not be handed the request.
        if (signal?.aborted) throw abortedFailure(false)
        const { ticket } = await gate.admit(gateKey, signal ? { signal, deadline, maxWaitMs, first } : { deadline, maxWaitMs, first })
        if (signal?.aborted) throw abortedFailure(false)
        const mayRetry = tries < maxRetries
        const sentAt = Date.now()
        let response: Response
        try {
          response = await attempt(request, body)
        } catch (error) {
          await gate.report(gateKey, ticket === undefined ? { status: 0, sentAt, receivedAt: Date.now() } : { status: 0, sentAt, receivedAt: Date.now(), ticket })
          if (signal?.aborted) throw abortedFailure(!idempotent)
          const failure = transportFailure(error, idempotent)
          if (failure.error.retryable && mayRetry) {
            tries++
            first = false
            await sleep(backoff(tries - 1), signal)
            continue
          }
          throw failure
        }
        await gate.report(gateKey, observe(response.headers, response.status, sentAt, Date.now(), ticket))

        if (response.status === 429) {
          // Intercom refused the call without doing it: wait for the window and send it again.
          await discard(response)
          first = true
          continue
        }
        first = false
        const transient = response.status === 408 || response.status >= 500
        if (transient && idempotent && mayRetry) {
          await discard(response)
          tries++
          await sleep(backoff(tries - 1), signal)
          continue
        }
        if (!response.ok) throw await httpFailure(response, transient && idempotent, idempotent)
        return { status: response.status, headers: response.headers, body: await readJson(response, idempotent) }
      }
    },
  }
}

/** An attempt that took longer than `timeoutMs`. */
export class AttemptTimeoutError extends Error {
  override name = 'AttemptTimeoutError'
}

interface Deadline {
  at: number
  expire(): void
}

const deadlines = new Set<Deadline>()
let sweepAt = Infinity
let sweepTimer: ReturnType<typeof setTimeout> | undefined

function scheduleSweep(at: number): void {
  if (at >= sweepAt) return
  if (sweepTimer !== undefined) clearTimeout(sweepTimer)
  sweepAt = at
  // setTimeout takes at most 2^31 - 1 ms; a later deadline is checked again then.
  sweepTimer = setTimeout(sweep, Math.min(2_147_483_647, Math.max(0, at - Date.now())))
  // The attempt itself keeps the process alive while it runs; the timer must not, after it.
  ;(sweepTimer as { unref?: () => void }).unref?.()
}

/** Forgets a settled attempt's deadline; the timer goes when no attempt is left. */
function settleDeadline(deadline: Deadline): void {
  deadlines.delete(deadline)
  if (deadlines.size === 0 && sweepTimer !== undefined) {
    clearTimeout(sweepTimer)
    sweepTimer = undefined
    sweepAt = Infinity
  }
}

/** Expires the attempts past their deadline, then waits for the next deadline. */
function sweep(): void {
  sweepTimer = undefined
  sweepAt = Infinity
  const now = Date.now()
  let next = Infinity
  for (const deadline of deadlines) {
    if (deadline.at <= now) {
      deadlines.delete(deadline)
      deadline.expire()
    } else if (deadline.at < next) next = deadline.at
  }
  if (next !== Infinity) scheduleSweep(next)
}

/**
 * Settles with the attempt, or rejects with `AttemptTimeoutError` after `ms`. One timer serves
 * every attempt in the process (set for the earliest deadline), instead of one per call. A late
 * answer is discarded; the transport's own timeouts close a connection that never answers.
 */
function withDeadline(pending: Promise<Response>, ms: number): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    let expired = false
    const deadline: Deadline = {
      at: Date.now() + ms,
      expire: () => {
        expired = true
        reject(new AttemptTimeoutError(`No answer within ${ms} ms`))
      },
    }
    deadlines.add(deadline)
    scheduleSweep(deadline.at)
    pending.then(
      (response) => {
        settleDeadline(deadline)
        if (expired) void discard(response)
        else resolve(response)
      },
      (error: unknown) => {
        settleDeadline(deadline)
        if (!expired) reject(error)
      },
    )
  })
}

/**
 * Settles with the transport's answer, or rejects as soon as the signal aborts, even when the
 * transport (an injected fetch) ignores the signal. A late answer is discarded.
 */
function untilAborted(pending: Promise<Response>, signal: AbortSignal | undefined): Promise<Response> {
  if (!signal) return pending
  return new Promise<Response>((resolve, reject) => {
    let aborted = false
    const onAbort = () => {
      aborted = true
      reject(new DOMException('The operation was aborted.', 'AbortError'))
    }
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort, { once: true })
    pending.then(
      (response) => {
        signal.removeEventListener('abort', onAbort)
        if (aborted) void discard(response)
        else resolve(response)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

/**
 * The call was cancelled. `inFlightWrite`: a request that changes something had already been
 * handed to the transport, so it may have reached Intercom.
 */
function abortedFailure(inFlightWrite: boolean): ToolFailure {
  return new ToolFailure({
    code: 'aborted',
    message: `The call was cancelled by its abort signal.${inFlightWrite ? ` ${MAY_HAVE_BEEN_APPLIED}` : ''}`,
    retryable: !inFlightWrite,
  })
}

/** Connection errors raised before anything reached Intercom: resending cannot duplicate a write. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT'])

function errorCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

function transportFailure(error: unknown, idempotent: boolean): ToolFailure {
  if (error instanceof TimeoutError || error instanceof AttemptTimeoutError) {
    return new ToolFailure({
      code: 'timeout',
      message: idempotent
        ? 'Intercom did not answer in time.'
        : `Intercom did not answer in time. ${MAY_HAVE_BEEN_APPLIED}`,
      retryable: idempotent,
    })
  }
  const code = errorCode(error)
  const neverSent = code !== undefined && NEVER_SENT_CODES.has(code)
  const detail = error instanceof Error ? error.message : String(error)
  return new ToolFailure({
    code: 'network_error',
    message: `Could not reach Intercom (${code ?? detail}).${
      neverSent || idempotent ? '' : ` ${MAY_HAVE_BEEN_APPLIED}`
    }`,
    retryable: neverSent || idempotent,
  })
}

/** Exponential backoff with equal jitter: half fixed, half random. */
function backoff(tries: number): number {
  const full = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** tries)
  return full / 2 + Math.random() * (full / 2)
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortedFailure(false))
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortedFailure(false))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel()
  } catch {
    // Nothing to do: the body is not needed.
  }
}

async function readText(response: Response, idempotent: boolean): Promise<string> {
  try {
    return await response.text()
  } catch (error) {
    throw new ToolFailure({
      code: 'network_error',
      message: `The connection broke while reading Intercom's answer (${(error as Error).message}).${idempotent ? '' : ` ${MAY_HAVE_BEEN_APPLIED}`}`,
      status: response.status,
      retryable: idempotent,
    })
  }
}

async function readJson(response: Response, idempotent: boolean): Promise<unknown> {
  const text = await readText(response, idempotent)
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    const type = response.headers.get('content-type') ?? 'no content type'
    throw invalidResponse(
      `Intercom answered ${response.status} with a body that is not JSON (${type}). Check baseUrl or region: the request may have reached something that is not the Intercom API.${
        idempotent ? '' : ` ${MAY_HAVE_BEEN_APPLIED}`
      }`,
      response.status,
    )
  }
}

interface IntercomErrorBody {
  type?: unknown
  request_id?: unknown
  errors?: Array<{ code?: unknown; message?: unknown; field?: unknown }>
}

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'gone',
  422: 'unprocessable_entity',
  429: 'rate_limit_exceeded',
}

const STATUS_HINTS: Record<number, string> = {
  401: 'Check the access token, and that region or baseUrl matches the workspace.',
  403: "The token's app lacks the permission or plan this operation needs.",
  404: 'Check the id; ids come from the list, search or create tools of the same resource.',
  429: 'Intercom rate-limited this app; try again after the window resets.',
}

async function httpFailure(response: Response, retryable: boolean, idempotent: boolean, waitMs?: number): Promise<ToolFailure> {
  const text = await readText(response, idempotent)
  let body: IntercomErrorBody | undefined
  try {
    body = text.trim() === '' ? undefined : (JSON.parse(text) as IntercomErrorBody)
  } catch {
    body = undefined
  }
  const first = Array.isArray(body?.errors) ? body.errors[0] : undefined
  const messages = Array.isArray(body?.errors)
    ? body.errors
        .map((entry) => (typeof entry?.message === 'string' ? entry.message : typeof entry?.code === 'string' ? entry.code : ''))
        .filter((message) => message !== '')
    : []
  const status = response.status
  const code =
    typeof first?.code === 'string' && first.code !== ''
      ? first.code
      : (STATUS_CODES[status] ?? (status >= 500 ? 'server_error' : 'http_error'))
  let message = messages.length > 0 ? messages.join('; ') : `Intercom answered HTTP ${status}.`
  const hint = STATUS_HINTS[status]
  if (hint) message = `${sentence(message)} ${hint}`
  if (status === 429 && waitMs !== undefined) message = `${sentence(message)} The window resets in about ${Math.ceil(waitMs / 1000)} s.`
  if (status === 410) {
    const canonical = /<\/contacts\/([^>]+)>;\s*rel="?canonical"?/.exec(response.headers.get('link') ?? '')
    if (canonical) message = `${sentence(message)} The contact now lives at id ${safeDecode(canonical[1] as string)}.`
  }
  if (status >= 500 && !idempotent) message = `${sentence(message)} ${MAY_HAVE_BEEN_APPLIED}`
  const error: ToolError = { code, message, status, retryable }
  const requestId = typeof body?.request_id === 'string' ? body.request_id : response.headers.get('x-request-id')
  if (requestId) error.requestId = requestId
  if (typeof first?.field === 'string' && first.field !== '') error.field = first.field
  return new ToolFailure(error)
}

/** Ends Intercom's own message with a full stop (unless it has its own) so our hint reads as a new sentence. */
function sentence(text: string): string {
  const trimmed = text.trimEnd()
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

/** `decodeURIComponent`, or the text as given when it is not valid percent-encoding. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
