/**
 * The rate-limit gate: one per store, shared by every call made with the same token and host.
 *
 * Intercom counts calls per app in fixed windows (10 s) and reports the budget on every answer
 * (`X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` in unix seconds). The gate
 * learns the limit and the window from those headers and hands out send times evenly spaced
 * (`window × (1 + margin) / limit` apart, a generic cell rate algorithm), so that no window of the
 * server's, aligned or not, holds more than its limit. Calls that must wait are queued in order
 * and can be cancelled by their signal. A 429 is information: the key is held until the window
 * ends, and the call waits its turn again without using up a retry.
 *
 * The decisions live in a `RateLimitStore` (in memory by default) so that several processes can
 * share one: each decision is one `acquire` or `update` on one key, small enough to run as one
 * atomic server-side script (see the README for a Redis-shaped sketch).
 */
import type { RateLimitDecision, RateLimitObservation, RateLimitStore } from '../types'
import { ToolFailure } from './errors'

/** Spacing margin: send at most 1 / (1 + margin) of the allowed rate, to absorb timer and network jitter. */
export const RATE_LIMIT_MARGIN = 0.02
/** How long one probing call may hold the others back while the limit is unknown. */
export const PROBE_MS = 2_000
/** Keys the in-memory store holds before it drops idle ones. */
const MAX_KEYS = 10_000
/** Longest a call waits for the rate limit in total, unless the context says otherwise. */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 60_000

/** What a store keeps per key (a shared store keeps the same fields, e.g. in one hash). */
export interface RateLimitKeyState {
  /** Requests per window, from `X-RateLimit-Limit`. */
  limit?: number
  /** Window length, learned from the step between two successive reset times. */
  windowMs?: number
  /** Answers came without rate-limit headers: nothing to pace. */
  unmetered: boolean
  /** Theoretical arrival time: the earliest next slot. */
  tat: number
  /** No call before this time (after a 429, or when the window's budget is spent). */
  blockedUntil: number
  /** While the limit or the current window is unknown, one call probes and the others wait until this time. */
  probeUntil: number
  /** Grants handed out so far: the ticket of the next one. */
  granted: number
  /** The current window's end as the server reports it (ms). */
  resetAt?: number
  /** The lowest remaining budget reported for `resetAt`, and the ticket of that answer. */
  remaining?: number
  remainingTicket?: number
  /** When the current window started, as far as the answers tell (the receipt of its first answer). */
  windowStart?: number
}

/**
 * The default store: the gate's state in this process's memory. Every method is synchronous
 * underneath; the interface is async so that a shared store (Redis) fits the same shape.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly keys = new Map<string, RateLimitKeyState>()

  private state(key: string): RateLimitKeyState {
    let state = this.keys.get(key)
    if (!state) {
      if (this.keys.size >= MAX_KEYS) this.forgetIdle(Date.now())
      state = { unmetered: false, tat: 0, blockedUntil: 0, probeUntil: 0, granted: 0 }
      this.keys.set(key, state)
    }
    return state
  }

  async acquire(key: string, now: number, maxWaitMs: number): Promise<RateLimitDecision> {
    return decide(this.state(key), now, maxWaitMs)
  }

  async update(key: string, observation: RateLimitObservation): Promise<void> {
    learn(this.state(key), observation)
  }

  /** Drops keys with nothing pending for ten minutes (a process serving many tokens). */
  private forgetIdle(now: number): void {
    for (const [key, state] of this.keys) {
      if (Math.max(state.tat, state.blockedUntil, state.probeUntil, state.resetAt ?? 0) < now - 600_000) this.keys.delete(key)
    }
  }

  /** Forgets every key (tests). */
  clear(): void {
    this.keys.clear()
  }
}

function grant(state: RateLimitKeyState, start: number, now: number, interval: number): RateLimitDecision {
  state.tat = start + interval
  const ticket = state.granted
  state.granted += 1
  return { waitMs: start - now, granted: true, ticket }
}

/** One decision: when may the next call on this key be sent? Pure over the state; `now` is the caller's clock. */
export function decide(state: RateLimitKeyState, now: number, maxWaitMs: number): RateLimitDecision {
  if (state.unmetered) return grant(state, now, now, 0)
  const probe = (): RateLimitDecision => {
    if (state.probeUntil > now) return { waitMs: state.probeUntil - now, granted: false }
    const start = Math.max(now, state.blockedUntil)
    if (start - now > maxWaitMs) return { waitMs: start - now, granted: false }
    state.probeUntil = start + PROBE_MS
    return grant(state, start, now, 0)
  }
  const limit = state.limit
  if (limit === undefined) return probe()

  let start = Math.max(now, state.blockedUntil, state.tat)
  let interval: number
  if (state.windowMs !== undefined) {
    interval = (state.windowMs * (1 + RATE_LIMIT_MARGIN)) / limit
  } else if (state.resetAt !== undefined && state.resetAt > now) {
    // The window's length is not known yet: spread what is left of this window's budget over
    // the time left until its reset.
    const left = (state.remaining ?? limit) - (state.granted - 1 - (state.remainingTicket ?? -1))
    if (left <= 0 || start >= state.resetAt) {
      // Spent: nothing is reserved; the first call after the reset probes the next window.
      return { waitMs: Math.max(start, state.resetAt) - now, granted: false }
    }
    interval = (state.resetAt - start) / left
  } else {
    // The window passed before its length could be learned: one call reads the new one.
    if (state.blockedUntil > now) return { waitMs: state.blockedUntil - now, granted: false }
    return probe()
  }
  if (start - now > maxWaitMs) return { waitMs: start - now, granted: false }
  return grant(state, start, now, interval)
}

/** Folds one answer's headers into the state. */
export function learn(state: RateLimitKeyState, observation: RateLimitObservation): void {
  state.probeUntil = 0
  // No answer (a transport failure): only the probe is released.
  if (observation.status === 0) return
  const { limit, remaining, resetAt } = observation
  if (limit === undefined || remaining === undefined || resetAt === undefined) {
    if (observation.status !== 429 && state.limit === undefined) state.unmetered = true
  } else {
    state.unmetered = false
    state.limit = limit
    if (state.resetAt === undefined || resetAt > state.resetAt) {
      // A later reset: a new window. The step between two resets is at least one window
      // (a multiple of it when windows went unused), so the smallest step seen is the window.
      if (state.resetAt !== undefined && state.resetAt > observation.sentAt - 60_000) {
        const step = resetAt - state.resetAt
        if (step > 0 && (state.windowMs === undefined || step < state.windowMs)) state.windowMs = step
      }
      state.resetAt = resetAt
      state.remaining = remaining
      state.remainingTicket = observation.ticket
      state.windowStart = remaining === limit - 1 ? observation.receivedAt : undefined
    } else if (resetAt === state.resetAt) {
      if (state.remaining === undefined || remaining < state.remaining) {
        state.remaining = remaining
        state.remainingTicket = observation.ticket
      }
      if (remaining === limit - 1) state.windowStart = observation.receivedAt
    }
  }
  if (observation.status === 429) {
    // The server's own word comes first; else the window's end: its reset, or, when the window's
    // start was seen, start + length (the reset header is rounded up to the second).
    let until = observation.retryAt ?? resetAt ?? state.resetAt
    if (observation.retryAt === undefined && until !== undefined && state.windowStart !== undefined && state.windowMs !== undefined) {
      until = Math.min(until, state.windowStart + state.windowMs)
    }
    if (until === undefined || until <= observation.receivedAt) until = observation.receivedAt + 1_000
    state.blockedUntil = Math.max(state.blockedUntil, until)
    state.tat = Math.max(state.tat, state.blockedUntil)
  }
}

/** Reads the rate-limit headers of an answer. */
export function observe(
  headers: Headers,
  status: number,
  sentAt: number,
  receivedAt: number,
  ticket: number | undefined,
): RateLimitObservation {
  const observation: RateLimitObservation = { status, sentAt, receivedAt }
  if (ticket !== undefined) observation.ticket = ticket
  const limit = positiveNumber(headers.get('x-ratelimit-limit'))
  const remaining = positiveNumber(headers.get('x-ratelimit-remaining'), true)
  const reset = positiveNumber(headers.get('x-ratelimit-reset'))
  if (limit !== undefined && remaining !== undefined && reset !== undefined && limit >= 1) {
    observation.limit = limit
    observation.remaining = remaining
    observation.resetAt = reset * 1000
  } else if (reset !== undefined) {
    observation.resetAt = reset * 1000
  }
  if (status === 429) {
    const retryAfter = headers.get('retry-after')
    if (retryAfter !== null && retryAfter.trim() !== '') {
      const seconds = Number(retryAfter)
      if (Number.isFinite(seconds) && seconds >= 0) observation.retryAt = receivedAt + seconds * 1000
      else {
        const date = Date.parse(retryAfter)
        if (Number.isFinite(date)) observation.retryAt = date
      }
    }
  }
  return observation
}

function positiveNumber(text: string | null, allowZero = false): number | undefined {
  if (text === null || text.trim() === '') return undefined
  const value = Number(text)
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) return undefined
  return value
}

/** The gate's view of time; tests pass a fake one. */
export interface Clock {
  now(): number
}

const systemClock: Clock = { now: () => Date.now() }

function aborted(): ToolFailure {
  return new ToolFailure({ code: 'aborted', message: 'The call was cancelled by its abort signal.', retryable: true })
}

export function rateLimitExceeded(waitMs: number, maxWaitMs: number): ToolFailure {
  return new ToolFailure({
    code: 'rate_limit_exceeded',
    status: 429,
    message: `Intercom's rate limit for this app would hold this call about ${Math.ceil(waitMs / 1000)} s, past the ${Math.round(
      maxWaitMs / 1000,
    )} s the context allows (maxRateLimitWaitMs). Try again later, or allow a longer wait.`,
    retryable: true,
  })
}

interface Waiter {
  resolve(ticket: number | undefined): void
  reject(error: ToolFailure): void
  deadline: number
  maxWaitMs: number
  signal: AbortSignal | undefined
  onAbort?: () => void
}

interface Lane {
  waiters: Waiter[]
  pumping: boolean
  /** Wakes a head that waits for a probe's answer. */
  wake?: () => void
}

/** A call's pass through the gate: `ticket` is handed back with the answer's observation. */
export interface Admission {
  ticket: number | undefined
}

/**
 * The in-process side of a store: one FIFO lane per key, so that only the head of the line asks
 * the store for a slot, waits for it, and lets the call go. Cancelled calls leave the line.
 */
export class RateLimitGate {
  private readonly lanes = new Map<string, Lane>()

  constructor(
    readonly store: RateLimitStore,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Resolves when the call may be sent. Rejects with `aborted` when the signal fires, or with
   * `rate_limit_exceeded` when the wait would pass `deadline` (a time on the gate's clock).
   * `first` puts the call at the front of the line (a call sent back by a 429 keeps its place).
   */
  async admit(key: string, options: { signal?: AbortSignal; deadline: number; maxWaitMs: number; first?: boolean }): Promise<Admission> {
    if (options.signal?.aborted) throw aborted()
    let lane = this.lanes.get(key)
    if (!lane || (lane.waiters.length === 0 && !lane.pumping)) {
      // Fast path: nobody waits on this key; ask once and go when the answer is "now".
      const now = this.clock.now()
      const decision = await this.store.acquire(key, now, options.deadline - now)
      if (decision.granted && decision.waitMs <= 0) return { ticket: decision.ticket }
      if (!decision.granted && decision.waitMs > options.deadline - now) throw rateLimitExceeded(decision.waitMs, options.maxWaitMs)
      if (decision.granted) {
        await sleep(decision.waitMs, options.signal)
        return { ticket: decision.ticket }
      }
      lane = this.lanes.get(key)
      if (!lane) {
        lane = { waiters: [], pumping: false }
        this.lanes.set(key, lane)
      }
    }
    const current = lane
    return new Promise<Admission>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (ticket) => resolve({ ticket }),
        reject,
        deadline: options.deadline,
        maxWaitMs: options.maxWaitMs,
        signal: options.signal,
      }
      if (options.signal) {
        waiter.onAbort = () => {
          const index = current.waiters.indexOf(waiter)
          if (index >= 0) current.waiters.splice(index, 1)
          reject(aborted())
        }
        options.signal.addEventListener('abort', waiter.onAbort, { once: true })
      }
      if (options.first) current.waiters.unshift(waiter)
      else current.waiters.push(waiter)
      if (!current.pumping) void this.pump(key, current)
    })
  }

  /** Folds an answer into the store, and wakes the line if a probe's answer was awaited. */
  async report(key: string, observation: RateLimitObservation): Promise<void> {
    await this.store.update(key, observation)
    this.lanes.get(key)?.wake?.()
  }

  private async pump(key: string, lane: Lane): Promise<void> {
    lane.pumping = true
    try {
      while (lane.waiters.length > 0) {
        const head = lane.waiters[0] as Waiter
        const now = this.clock.now()
        const decision = await this.store.acquire(key, now, head.deadline - now)
        if (lane.waiters[0] !== head) {
          // The head was cancelled while the store decided: its slot is given up.
          continue
        }
        if (!decision.granted) {
          if (decision.waitMs > head.deadline - now) {
            lane.waiters.shift()
            settle(head)
            head.reject(rateLimitExceeded(decision.waitMs, head.maxWaitMs))
            continue
          }
          await this.pause(lane, decision.waitMs, head)
          continue
        }
        if (decision.waitMs > 0) await this.pause(lane, decision.waitMs, head, true)
        const index = lane.waiters.indexOf(head)
        if (index < 0) continue
        lane.waiters.splice(index, 1)
        settle(head)
        head.resolve(decision.ticket)
      }
    } finally {
      lane.pumping = false
      if (lane.waiters.length === 0) this.lanes.delete(key)
    }
  }

  /** Sleeps `ms`, or less when the head is cancelled or (unless `reserved`) an answer arrives. */
  private pause(lane: Lane, ms: number, head: Waiter, reserved = false): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        head.signal?.removeEventListener('abort', done)
        if (lane.wake === done) lane.wake = undefined
        resolve()
      }
      const timer = setTimeout(done, ms)
      head.signal?.addEventListener('abort', done, { once: true })
      if (!reserved) lane.wake = done
    })
  }
}

function settle(waiter: Waiter): void {
  if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort)
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(aborted())
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer)
      reject(aborted())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

const gates = new WeakMap<RateLimitStore, RateLimitGate>()
/** The process-wide default store. */
export const defaultRateLimitStore = new MemoryRateLimitStore()

/** The gate of a store (one per store object in the process). */
export function gateFor(store: RateLimitStore = defaultRateLimitStore): RateLimitGate {
  let gate = gates.get(store)
  if (!gate) {
    gate = new RateLimitGate(store)
    gates.set(store, gate)
  }
  return gate
}

const tokenHashes = new Map<string, string>()

/**
 * The key of a token and host: the host, then the SHA-256 of the token in hex. The token itself
 * is never part of a key (a shared store may be read by others).
 */
export async function rateLimitKey(baseUrl: string, token: string): Promise<string> {
  let hash = tokenHashes.get(token)
  if (hash === undefined) {
    const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))
    hash = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
    if (tokenHashes.size >= 1_000) tokenHashes.clear()
    tokenHashes.set(token, hash)
  }
  return `intercom-blocks:rl:${baseUrl}:${hash}`
}
