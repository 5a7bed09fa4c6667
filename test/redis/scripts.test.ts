/**
 * The Lua scripts of the Redis rate-limit store against the in-memory gate they port: random
 * sequences of acquisitions and answers (fast-check) go through `decide`/`learn` of
 * tools/rate-limit.ts on a plain state and through the Redis store on a real redis-server; every
 * decision and the whole state after every step must be the same, to the bit.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redisRateLimitStore } from '../../redis'
import { decide, learn, type RateLimitKeyState } from '../../tools/rate-limit'
import type { RateLimitDecision, RateLimitObservation } from '../../types'
import { connect, redisAvailable, redisSkipNote, sharedRedis, uniquePrefix } from '../helpers/redis'

type Step =
  | { kind: 'acquire'; advance: number; maxWaitMs: number }
  | {
      kind: 'update'
      advance: number
      status: number
      limit: number | undefined
      remainingShare: number
      resetIn: number | undefined
      retryIn: number | undefined
      latency: number
      ticketBack: number | undefined
    }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('acquire' as const),
    advance: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 3_000, noNaN: true })),
    maxWaitMs: fc.oneof(fc.constant(60_000), fc.integer({ min: 0, max: 5_000 })),
  }),
  fc.record({
    kind: fc.constant('update' as const),
    advance: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 3_000, noNaN: true })),
    status: fc.constantFrom(0, 200, 200, 200, 404, 429, 500),
    limit: fc.option(fc.constantFrom(1, 5, 20, 100), { nil: undefined }),
    remainingShare: fc.double({ min: 0, max: 1, noNaN: true }),
    // Intercom's reset is a whole second; windows of 1, 2 or 10 s, sometimes one already past.
    resetIn: fc.option(fc.constantFrom(-1, 0, 1, 2, 3, 10, 20), { nil: undefined }),
    retryIn: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    latency: fc.double({ min: 0, max: 400, noNaN: true }),
    ticketBack: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
  }),
)

const EPOCH = 1_790_000_000_000

function observation(s: Extract<Step, { kind: 'update' }>, now: number, tickets: number[]): RateLimitObservation {
  const sentAt = now - s.latency
  const obs: RateLimitObservation = { status: s.status, sentAt, receivedAt: now }
  if (s.ticketBack !== undefined && tickets.length > 0) obs.ticket = tickets[Math.max(0, tickets.length - 1 - s.ticketBack)] as number
  if (s.limit !== undefined && s.resetIn !== undefined) {
    obs.limit = s.limit
    obs.remaining = Math.floor(s.remainingShare * s.limit)
    obs.resetAt = (Math.ceil(now / 1000) + s.resetIn) * 1000
  } else if (s.resetIn !== undefined) {
    obs.resetAt = (Math.ceil(now / 1000) + s.resetIn) * 1000
  }
  if (s.status === 429 && s.retryIn !== undefined) obs.retryAt = now + s.retryIn * 1000
  return obs
}

const NUMERIC = ['limit', 'windowMs', 'tat', 'blockedUntil', 'probeUntil', 'granted', 'resetAt', 'remaining', 'remainingTicket', 'windowStart'] as const
const DEFAULTS: Record<string, number> = { tat: 0, blockedUntil: 0, probeUntil: 0, granted: 0 }

/** Both states in one form: every field, defaults filled in. */
function normalise(fields: Record<string, string | number | boolean | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = { unmetered: fields.unmetered === true || fields.unmetered === '1' }
  for (const name of NUMERIC) {
    const value = fields[name]
    out[name] = value === undefined ? DEFAULTS[name] : Number(value)
  }
  return out
}

describe.skipIf(!redisAvailable)(`the Redis store's scripts are the in-memory gate's decisions${redisSkipNote}`, () => {
  let redis: Awaited<ReturnType<typeof sharedRedis>>
  let client: Awaited<ReturnType<typeof connect>>
  const prefix = uniquePrefix('scripts')

  beforeAll(async () => {
    redis = await sharedRedis()
    client = await connect(redis.url)
  }, 30_000)
  afterAll(async () => {
    await client?.close()
    await redis?.close()
  })

  it('agrees with decide/learn on every step of random sequences (state included)', async () => {
    const warnings: string[] = []
    // pollMs: Infinity, so that the store hands back the script's own waits unchanged.
    const store = redisRateLimitStore(client, { prefix, pollMs: Infinity, onWarning: (message) => warnings.push(message) })
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const key = `k${run++}`
        const state: RateLimitKeyState = { unmetered: false, tat: 0, blockedUntil: 0, probeUntil: 0, granted: 0 }
        const tickets: number[] = []
        let now = EPOCH + (run % 7) * 123.456
        for (const s of steps) {
          now += s.advance
          if (s.kind === 'acquire') {
            const expected: RateLimitDecision = decide(state, now, s.maxWaitMs)
            const actual = await store.acquire(key, now, s.maxWaitMs)
            expect(actual).toEqual(expected)
            if (expected.ticket !== undefined) tickets.push(expected.ticket)
          } else {
            const obs = observation(s, now, tickets)
            learn(state, obs)
            await store.update(key, obs)
          }
          const stored = (await client.hGetAll(prefix + key)) as Record<string, string>
          expect(normalise(stored)).toEqual(normalise(state as unknown as Record<string, number | boolean | undefined>))
        }
      }),
      { numRuns: 150 },
    )
    expect(warnings).toEqual([])
  }, 120_000)

  it('sets an expiry on every key it writes, past its last reserved time', async () => {
    const store = redisRateLimitStore(client, { prefix, idleMs: 5_000 })
    const now = Date.now()
    await store.acquire('ttl', now, 60_000)
    await store.update('ttl', { status: 200, limit: 10, remaining: 9, resetAt: now + 10_000, sentAt: now, receivedAt: now + 1, ticket: 0 })
    const ttl = await client.pTTL(`${prefix}ttl`)
    // resetAt (10 s ahead) + idleMs (5 s): about 15 s, and never without an expiry (-1).
    expect(ttl).toBeGreaterThan(13_000)
    expect(ttl).toBeLessThanOrEqual(15_100)
  })
})
