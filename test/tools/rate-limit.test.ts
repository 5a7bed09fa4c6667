import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  MemoryRateLimitStore,
  PROBE_MS,
  RATE_LIMIT_MARGIN,
  RateLimitGate,
  decide,
  learn,
  observe,
  rateLimitKey,
  type RateLimitKeyState,
} from '../../tools/rate-limit'
import { ToolFailure } from '../../tools/errors'

const KEY = 'k'
const clock = { now: () => Date.now() }

function fresh(): RateLimitKeyState {
  return { unmetered: false, tat: 0, blockedUntil: 0, probeUntil: 0, granted: 0 }
}

/** A server counting calls in fixed windows that start with their first call, like the sandbox. */
class WindowServer {
  private windowStart = -Infinity
  private count = 0
  hits = 0
  tooMany = 0
  ok = 0
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}
  hit(now: number): { status: number; headers: Headers } {
    this.hits++
    if (now >= this.windowStart + this.windowMs) {
      this.windowStart = now
      this.count = 0
    }
    this.count++
    const exceeded = this.count > this.limit
    if (exceeded) this.tooMany++
    else this.ok++
    return {
      status: exceeded ? 429 : 200,
      headers: new Headers({
        'x-ratelimit-limit': String(this.limit),
        'x-ratelimit-remaining': String(Math.max(0, this.limit - this.count)),
        'x-ratelimit-reset': String(Math.ceil((this.windowStart + this.windowMs) / 1000)),
      }),
    }
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Runs `ops` operations over `workers` workers through the gate against the server; 429s go back to the front of the line. */
async function bulk(gate: RateLimitGate, server: WindowServer, ops: number, workers: number, latencyMs = 3) {
  let next = 0
  const doneAt: number[] = []
  async function worker() {
    while (next < ops) {
      next++
      let first = false
      for (;;) {
        const { ticket } = await gate.admit(KEY, { deadline: Date.now() + 600_000, maxWaitMs: 600_000, first })
        const sentAt = Date.now()
        await delay(latencyMs / 2)
        const answer = server.hit(Date.now())
        await delay(latencyMs / 2)
        await gate.report(KEY, observe(answer.headers, answer.status, sentAt, Date.now(), ticket))
        if (answer.status !== 429) break
        first = true
      }
      doneAt.push(Date.now())
    }
  }
  const run = Promise.all(Array.from({ length: workers }, worker))
  while (doneAt.length < ops) await vi.advanceTimersByTimeAsync(50)
  await run
  return doneAt
}

describe('rate-limit store decisions', () => {
  it('lets one probe through while the limit is unknown, then paces the rest of the window evenly', () => {
    const state = fresh()
    const now = 1_000_000
    expect(decide(state, now, 60_000)).toMatchObject({ granted: true, waitMs: 0, ticket: 0 })
    // A second call waits for the probe's answer, without reserving anything.
    expect(decide(state, now + 1, 60_000)).toEqual({ granted: false, waitMs: PROBE_MS - 1 })
    learn(state, { status: 200, limit: 10, remaining: 9, resetAt: now + 10_000, sentAt: now, receivedAt: now + 5, ticket: 0 })
    // 9 calls left for 9.995 s: one every 1.1 s.
    const first = decide(state, now + 5, 60_000)
    expect(first).toMatchObject({ granted: true, waitMs: 0 })
    const second = decide(state, now + 5, 60_000)
    expect(second.granted).toBe(true)
    expect(second.waitMs).toBeCloseTo(9_995 / 9, 5)
  })

  it('learns the window from the step between two resets and spaces calls by window × (1 + margin) / limit', () => {
    const state = fresh()
    const t = 2_000_000
    learn(state, { status: 200, limit: 20, remaining: 19, resetAt: t + 2_000, sentAt: t, receivedAt: t + 1 })
    learn(state, { status: 200, limit: 20, remaining: 19, resetAt: t + 5_000, sentAt: t + 2_100, receivedAt: t + 2_101 })
    expect(state.windowMs).toBe(3_000)
    // A smaller step (the earlier one spanned an idle stretch) wins.
    learn(state, { status: 200, limit: 20, remaining: 19, resetAt: t + 7_000, sentAt: t + 5_050, receivedAt: t + 5_051 })
    expect(state.windowMs).toBe(2_000)
    const now = t + 5_100
    const a = decide(state, now, 60_000)
    const b = decide(state, now, 60_000)
    expect(a.waitMs).toBe(0)
    expect(b.waitMs).toBeCloseTo((2_000 * (1 + RATE_LIMIT_MARGIN)) / 20, 6)
  })

  it('counts calls granted after an answer against the remaining budget it reported', () => {
    const state = fresh()
    const now = 3_000_000
    learn(state, { status: 200, limit: 5, remaining: 4, resetAt: now + 10_000, sentAt: now - 10, receivedAt: now, ticket: undefined })
    // 4 left: four grants, then the fifth must wait for the reset and reserves nothing.
    for (let index = 0; index < 4; index++) expect(decide(state, now, 60_000).granted).toBe(true)
    const fifth = decide(state, now, 60_000)
    expect(fifth).toEqual({ granted: false, waitMs: 10_000 })
    expect(decide(state, now, 5_000)).toEqual({ granted: false, waitMs: 10_000 })
  })

  it('holds the key after a 429 until the window ends, from its start when it was seen, else from the reset', () => {
    const state = fresh()
    const t = 4_000_000
    learn(state, { status: 200, limit: 20, remaining: 19, resetAt: t + 2_000, sentAt: t, receivedAt: t + 1 })
    learn(state, { status: 200, limit: 20, remaining: 19, resetAt: t + 4_000, sentAt: t + 2_000, receivedAt: t + 2_002 })
    expect(state.windowMs).toBe(2_000)
    // The window started with the answer received at t + 2002; the header rounds its end up to t + 4000... 
    learn(state, { status: 429, limit: 20, remaining: 0, resetAt: t + 5_000, sentAt: t + 3_000, receivedAt: t + 3_001 })
    // ...a later reset means a new window whose start was not seen: the reset is used.
    expect(state.blockedUntil).toBe(t + 5_000)
    const other = fresh()
    learn(other, { status: 200, limit: 20, remaining: 19, resetAt: t + 2_000, sentAt: t, receivedAt: t + 1 })
    learn(other, { status: 200, limit: 20, remaining: 19, resetAt: t + 5_000, sentAt: t + 2_500, receivedAt: t + 2_502 })
    learn(other, { status: 200, limit: 20, remaining: 19, resetAt: t + 7_000, sentAt: t + 4_600, receivedAt: t + 4_602 })
    expect(other.windowMs).toBe(2_000)
    learn(other, { status: 429, limit: 20, remaining: 0, resetAt: t + 7_000, sentAt: t + 5_000, receivedAt: t + 5_001 })
    expect(other.blockedUntil).toBe(t + 4_602 + 2_000)
    expect(decide(other, t + 5_002, 60_000).waitMs).toBe(t + 6_602 - (t + 5_002))
    // Retry-After, when sent, is the server's own word.
    const third = fresh()
    learn(third, observe(new Headers({ 'retry-after': '3' }), 429, t, t + 10, undefined))
    expect(third.blockedUntil).toBe(t + 3_010)
  })

  it('does not pace answers that carry no rate-limit headers, and a transport failure only releases the probe', () => {
    const state = fresh()
    const now = 5_000_000
    decide(state, now, 60_000)
    learn(state, { status: 0, sentAt: now, receivedAt: now + 1 })
    expect(state.unmetered).toBe(false)
    expect(decide(state, now + 2, 60_000)).toMatchObject({ granted: true, waitMs: 0 })
    learn(state, { status: 200, sentAt: now, receivedAt: now + 3 })
    for (let index = 0; index < 100; index++) expect(decide(state, now + 3, 60_000)).toMatchObject({ granted: true, waitMs: 0 })
  })

  it('reads the headers, refusing garbage', () => {
    const seen = observe(new Headers({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000010' }), 200, 1, 2, 7)
    expect(seen).toEqual({ status: 200, sentAt: 1, receivedAt: 2, ticket: 7, limit: 100, remaining: 0, resetAt: 1_700_000_010_000 })
    const bad = observe(new Headers({ 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '-1', 'x-ratelimit-reset': 'soon' }), 200, 1, 2, undefined)
    expect(bad).toEqual({ status: 200, sentAt: 1, receivedAt: 2 })
  })
})

describe('rate-limit gate (fake clock)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 1_700_000_000_300 })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  for (const [workers, limit, windowMs] of [
    [20, 100, 10_000],
    [50, 20, 2_000],
  ] as const) {
    it(`keeps ${workers} workers at the limit of ${limit} per ${windowMs / 1000} s: at most one 429 per window, ≥ 97% of the rate after the first window`, async () => {
      const server = new WindowServer(limit, windowMs)
      const gate = new RateLimitGate(new MemoryRateLimitStore(), clock)
      const start = Date.now()
      const ops = limit * 8
      const doneAt = await bulk(gate, server, ops, workers)
      const windows = Math.ceil((Math.max(...doneAt) - start) / windowMs)
      expect(server.tooMany).toBeLessThanOrEqual(windows)
      expect(server.ok).toBe(ops)
      // Steady state: from the end of the first window to the last op.
      const after = doneAt.filter((time) => time >= start + windowMs).sort((a, b) => a - b)
      const rate = (after.length - 1) / ((after[after.length - 1] as number) - (after[0] as number))
      expect(rate / (limit / windowMs)).toBeGreaterThanOrEqual(0.97)
      expect(rate / (limit / windowMs)).toBeLessThanOrEqual(1)
    })
  }

  it('lets calls through in the order they came and drops a cancelled one from the line', async () => {
    const store = new MemoryRateLimitStore()
    const gate = new RateLimitGate(store, clock)
    const now = Date.now()
    await store.update(KEY, { status: 200, limit: 3, remaining: 0, resetAt: now + 5_000, sentAt: now, receivedAt: now })
    const order: string[] = []
    const controller = new AbortController()
    const admit = (name: string, signal?: AbortSignal) =>
      gate.admit(KEY, { deadline: now + 60_000, maxWaitMs: 60_000, ...(signal ? { signal } : {}) }).then(
        () => order.push(name),
        (error: ToolFailure) => order.push(`${name}:${error.error.code}`),
      )
    const calls = [admit('a'), admit('b', controller.signal), admit('c'), admit('d')]
    await vi.advanceTimersByTimeAsync(1_000)
    controller.abort()
    await vi.advanceTimersByTimeAsync(1)
    expect(order).toEqual(['b:aborted'])
    await vi.advanceTimersByTimeAsync(10_000)
    await Promise.all(calls)
    expect(order).toEqual(['b:aborted', 'a', 'c', 'd'])
  })

  it('cancels the head of the line while it waits for its slot', async () => {
    const store = new MemoryRateLimitStore()
    const gate = new RateLimitGate(store, clock)
    const now = Date.now()
    await store.update(KEY, { status: 429, limit: 3, remaining: 0, resetAt: now + 5_000, sentAt: now, receivedAt: now })
    const controller = new AbortController()
    const head = gate.admit(KEY, { deadline: now + 60_000, maxWaitMs: 60_000, signal: controller.signal })
    const next = gate.admit(KEY, { deadline: now + 60_000, maxWaitMs: 60_000 })
    const headResult = head.catch((error: ToolFailure) => error.error.code)
    await vi.advanceTimersByTimeAsync(100)
    controller.abort()
    expect(await headResult).toBe('aborted')
    await vi.advanceTimersByTimeAsync(5_000)
    await expect(next).resolves.toBeDefined()
    expect(Date.now()).toBeGreaterThanOrEqual(now + 5_000)
  })

  it('refuses at once with rate_limit_exceeded when the wait would pass the caller\'s limit, and refuses an aborted signal', async () => {
    const store = new MemoryRateLimitStore()
    const gate = new RateLimitGate(store, clock)
    const now = Date.now()
    await store.update(KEY, { status: 429, limit: 3, remaining: 0, resetAt: now + 90_000, sentAt: now, receivedAt: now })
    const failure = await gate.admit(KEY, { deadline: now + 60_000, maxWaitMs: 60_000 }).catch((error: ToolFailure) => error)
    expect(failure).toBeInstanceOf(ToolFailure)
    expect((failure as ToolFailure).error).toMatchObject({ code: 'rate_limit_exceeded', retryable: true })
    expect((failure as ToolFailure).error.message).toMatch(/90 s.*60 s/)
    expect(Date.now()).toBe(now)
    const aborted = await gate.admit(KEY, { deadline: now + 120_000, maxWaitMs: 120_000, signal: AbortSignal.abort() }).catch((error: ToolFailure) => error.error.code)
    expect(aborted).toBe('aborted')
    // A longer allowance waits instead.
    const waiting = gate.admit(KEY, { deadline: now + 120_000, maxWaitMs: 120_000 })
    await vi.advanceTimersByTimeAsync(90_000)
    await expect(waiting).resolves.toBeDefined()
  })

  it('holds others back while the first call on a key learns the limit, then wakes them on its answer', async () => {
    const store = new MemoryRateLimitStore()
    const gate = new RateLimitGate(store, clock)
    const now = Date.now()
    const first = await gate.admit(KEY, { deadline: now + 60_000, maxWaitMs: 60_000 })
    let released = false
    const second = gate.admit(KEY, { deadline: now + 60_000, maxWaitMs: 60_000 }).then(() => (released = true))
    await vi.advanceTimersByTimeAsync(10)
    expect(released).toBe(false)
    await gate.report(KEY, { status: 200, limit: 100, remaining: 99, resetAt: now + 10_000, sentAt: now, receivedAt: now + 10, ...(first.ticket === undefined ? {} : { ticket: first.ticket }) })
    await vi.advanceTimersByTimeAsync(0)
    await second
    expect(released).toBe(true)
    expect(Date.now()).toBeLessThan(now + 20)
  })
})

describe('rate-limit keys', () => {
  it('name the host and a SHA-256 of the token, never the token', async () => {
    const token = 'tok_secret_value_123'
    const key = await rateLimitKey('https://api.intercom.io', token)
    expect(key).not.toContain(token)
    expect(key).toMatch(/^intercom-blocks:rl:https:\/\/api\.intercom\.io:[0-9a-f]{64}$/)
    expect(await rateLimitKey('https://api.eu.intercom.io', token)).not.toBe(key)
    expect(await rateLimitKey('https://api.intercom.io', 'other')).not.toBe(key)
  })
})
