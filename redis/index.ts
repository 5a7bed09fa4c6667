/**
 * `intercom-blocks/redis` (Node only): the rate-limit gate's state and the webhook handler's
 * "seen" ids in Redis, so that several processes (workers, machines, webhook replicas) share one
 * Intercom app's budget and start each notification's workflow once.
 *
 * `client` is a connected client of the official `redis` package (node-redis, an optional peer
 * dependency). Only its `isReady` and `sendCommand` are used, so this module imports nothing from
 * `redis` itself and the main entry never loads it.
 */
import { createHash, randomUUID } from 'node:crypto'
import { MemoryRateLimitStore, PROBE_MS, RATE_LIMIT_MARGIN } from '../tools/rate-limit'
import type { RateLimitDecision, RateLimitObservation, RateLimitStore, SeenStore } from '../types'
import { ACQUIRE_SCRIPT, UPDATE_SCRIPT } from './scripts'

/**
 * What the stores need of a Redis client: a standalone `createClient()` client of node-redis
 * (v4 and later) has both. Replies are read as RESP2/RESP3 plain values (strings, numbers, arrays).
 */
export interface RedisClientLike {
  /** Whether the client is connected and can run commands now. */
  readonly isReady: boolean
  /** Sends one command, e.g. `['SET', key, value, 'NX']`. */
  sendCommand(args: string[]): Promise<unknown>
}

/** Options shared by both stores. */
interface RedisCommonOptions {
  /**
   * How long one Redis command may take before the store counts Redis as unreachable.
   * @default 1000
   */
  commandTimeoutMs?: number
}

/** The options of `redisRateLimitStore`. */
export interface RedisRateLimitStoreOptions extends RedisCommonOptions {
  /**
   * Put before every key (the gate's keys are `intercom-blocks:rl:<host>:<sha256 of the token>`),
   * e.g. to keep two environments apart on one Redis.
   * @default ''
   */
  prefix?: string
  /**
   * How long a key outlives the last time it reserved (its last slot, hold or window end); Redis
   * then drops it on its own.
   * @default 600000 (10 minutes)
   */
  idleMs?: number
  /**
   * While another call (perhaps in another process) reads the limit, a waiting call asks the
   * store again after at most this long: that call's answer wakes only its own process.
   * @default 50
   */
  pollMs?: number
  /**
   * After Redis failed, how long the store keeps to its in-memory gate before it tries Redis again.
   * @default 1000
   */
  retryMs?: number
  /**
   * Told when Redis becomes unreachable (the gate falls back to this process's memory) and when it
   * is back. Never given the token.
   * @default console.warn
   */
  onWarning?: (message: string) => void
}

/** The options of `redisSeenStore`. */
export interface RedisSeenStoreOptions extends RedisCommonOptions {
  /**
   * Put before each notification id in its key.
   * @default 'intercom-blocks:seen:'
   */
  prefix?: string
  /**
   * How long a claim holds while its workflow starts. The handler marks the id done (for the
   * handler's `seenTtlMs`) once `onEvent` succeeded, and releases it when `onEvent` threw; a claim
   * whose process died in between lapses after `leaseMs`, so that Intercom's later retry is
   * processed instead of being taken for a duplicate forever.
   * @default 600000 (10 minutes)
   */
  leaseMs?: number
}

function positive(name: string, value: number | undefined, fallback: number, allowInfinity = false): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0 || (!allowInfinity && !Number.isFinite(value))) {
    throw new TypeError(`${name} must be a positive number`)
  }
  return value
}

function checkClient(client: unknown): RedisClientLike {
  if (client === null || typeof client !== 'object' || typeof (client as RedisClientLike).sendCommand !== 'function' || !('isReady' in client)) {
    throw new TypeError('client must be a node-redis client (createClient() from the redis package, connected): it needs isReady and sendCommand')
  }
  return client as RedisClientLike
}

class RedisTimeout extends Error {}

/** Runs one command with a time limit. */
async function send(client: RedisClientLike, args: string[], timeoutMs: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([
      client.sendCommand(args),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RedisTimeout(`no answer from Redis within ${timeoutMs} ms`)), timeoutMs)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** A Lua script run by its SHA-1, sent whole when Redis does not know it (first use, after a restart). */
class Script {
  private readonly sha: string
  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex')
  }

  async run(client: RedisClientLike, key: string, args: string[], timeoutMs: number): Promise<unknown> {
    try {
      return await send(client, ['EVALSHA', this.sha, '1', key, ...args], timeoutMs)
    } catch (error) {
      if (!messageOf(error).startsWith('NOSCRIPT')) throw error
      return send(client, ['EVAL', this.source, '1', key, ...args], timeoutMs)
    }
  }
}

const acquireScript = new Script(ACQUIRE_SCRIPT)
const updateScript = new Script(UPDATE_SCRIPT)
/** Deletes a key only while it holds the given value (a claim only by its owner). */
const releaseScript = new Script("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0")

/** `%.17g`-exact text of a number for a script, or '' for none. */
function arg(value: number | undefined): string {
  return value === undefined ? '' : String(value)
}

function parseDecision(reply: unknown): { decision: RateLimitDecision; reason?: string } {
  if (!Array.isArray(reply) || reply.length < 2) throw new Error(`unexpected reply from the acquire script: ${JSON.stringify(reply)}`)
  const waitMs = Number(String(reply[1]))
  if (!Number.isFinite(waitMs)) throw new Error(`unexpected wait from the acquire script: ${String(reply[1])}`)
  if (Number(reply[0]) === 1) return { decision: { waitMs, granted: true, ticket: Number(String(reply[2])) } }
  return { decision: { waitMs, granted: false }, reason: String(reply[2]) }
}

/** A store that may degrade: the Redis store keeps this process's own gate warm beside it. */
export interface RedisRateLimitStore extends RateLimitStore {
  /** Whether decisions are made in Redis now (false while it is unreachable). */
  readonly shared: boolean
}

/**
 * The rate-limit gate's state in Redis, for `rateLimitStore` in the tool context: every process
 * that uses a store on the same Redis paces its calls with the others, per token and host.
 *
 * Each decision is one Lua script on one key (atomic across processes). Keys are the gate's
 * (`intercom-blocks:rl:<host>:<sha256 of the token>`, never the token) and expire on their own
 * after `idleMs`. Times are the callers' clocks (`Date.now()`), as Intercom's reset times are
 * compared with them anyway: keep the machines' clocks synchronised (NTP).
 *
 * When Redis is unreachable (not ready, an error, no answer within `commandTimeoutMs`) the store
 * decides in this process's memory, which already knows the limit from the answers it saw, says
 * so once through `onWarning`, and goes back to Redis when it answers again (node-redis
 * reconnects on its own). While degraded, processes do not see each other: a 429 may come, and
 * the gate waits for it instead of failing the call.
 *
 * @example
 * import { createClient } from 'redis'
 * import { redisRateLimitStore } from 'intercom-blocks/redis'
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect()
 * const context = { accessToken, rateLimitStore: redisRateLimitStore(redis) }
 */
export function redisRateLimitStore(client: RedisClientLike, options: RedisRateLimitStoreOptions = {}): RedisRateLimitStore {
  const redis = checkClient(client)
  const prefix = options.prefix ?? ''
  if (typeof prefix !== 'string') throw new TypeError('prefix must be a string')
  const timeoutMs = positive('commandTimeoutMs', options.commandTimeoutMs, 1_000)
  const idleMs = positive('idleMs', options.idleMs, 600_000)
  const pollMs = positive('pollMs', options.pollMs, 50, true)
  const retryMs = positive('retryMs', options.retryMs, 1_000)
  const warn = options.onWarning ?? ((message: string) => console.warn(message))
  if (typeof warn !== 'function') throw new TypeError('onWarning must be a function')
  const local = new MemoryRateLimitStore()
  let downSince: number | undefined
  let retryAt = 0

  function usable(): boolean {
    if (!redis.isReady) {
      down('the client is not connected')
      return false
    }
    return downSince === undefined || Date.now() >= retryAt
  }
  function down(reason: string): void {
    retryAt = Date.now() + retryMs
    if (downSince !== undefined) return
    downSince = Date.now()
    warn(`intercom-blocks/redis: Redis is unreachable (${reason}); the rate-limit gate decides in this process's memory until it is back`)
  }
  function up(): void {
    if (downSince === undefined) return
    const seconds = ((Date.now() - downSince) / 1000).toFixed(1)
    downSince = undefined
    warn(`intercom-blocks/redis: Redis is reachable again after ${seconds} s; the rate-limit gate is shared again`)
  }

  return {
    get shared() {
      return downSince === undefined && redis.isReady
    },
    async acquire(key, now, maxWaitMs) {
      if (usable()) {
        try {
          const reply = await acquireScript.run(redis, prefix + key, [String(now), String(maxWaitMs), String(RATE_LIMIT_MARGIN), String(PROBE_MS), String(idleMs)], timeoutMs)
          up()
          const { decision, reason } = parseDecision(reply)
          // Another process's probe answer does not wake this one: ask again soon.
          if (reason === 'probe') decision.waitMs = Math.min(decision.waitMs, pollMs)
          return decision
        } catch (error) {
          down(messageOf(error))
        }
      }
      // This process's own gate; its tickets are told apart by their sign.
      const decision = await local.acquire(key, now, maxWaitMs)
      return decision.ticket === undefined ? decision : { ...decision, ticket: -1 - decision.ticket }
    },
    async update(key, observation) {
      const ticket = observation.ticket
      const fromLocal = ticket !== undefined && ticket < 0
      // The in-memory gate learns from every answer, so that it knows the limit if Redis goes away.
      const localObservation: RateLimitObservation = { ...observation }
      if (fromLocal) localObservation.ticket = -1 - ticket
      else delete localObservation.ticket
      await local.update(key, localObservation)
      if (!usable()) return
      const args = [
        String(observation.status),
        arg(observation.limit),
        arg(observation.remaining),
        arg(observation.resetAt),
        arg(observation.retryAt),
        String(observation.sentAt),
        String(observation.receivedAt),
        fromLocal ? '' : arg(ticket),
        String(Date.now()),
        String(idleMs),
      ]
      try {
        await updateScript.run(redis, prefix + key, args, timeoutMs)
        up()
      } catch (error) {
        down(messageOf(error))
      }
    },
  }
}

/**
 * The webhook handler's `seen` store in Redis: two handler replicas given the same notification
 * start its workflow once. A claim is `SET key pending:<token> NX PX leaseMs`, the token new for
 * every claim; success marks it `done` for the handler's `seenTtlMs`; a failed `onEvent` deletes
 * it, so Intercom's retry is processed.
 *
 * Nothing is lost or started twice when Redis cannot answer:
 * - `claim` throws, and the handler answers 503, so Intercom sends the notification again.
 * - A claim whose answer was lost (Redis killed, or slower than `commandTimeoutMs`) may have been
 *   made all the same. This process deletes it, by its token, as soon as Redis answers again.
 * - A notification whose claim is still pending (being processed, or that claim not yet
 *   deleted) is not taken for a duplicate: `claim` throws, and Intercom tries again later. Only
 *   `done` is a duplicate.
 *
 * Claims survive a Redis restart only if Redis persists them (`appendonly yes`); without it, a
 * duplicate arriving after a restart is processed again.
 *
 * @example
 * const handler = createWebhookHandler({ clientSecret, onEvent, seen: redisSeenStore(redis) })
 */
export function redisSeenStore(client: RedisClientLike, options: RedisSeenStoreOptions = {}): SeenStore {
  const redis = checkClient(client)
  const prefix = options.prefix ?? 'intercom-blocks:seen:'
  if (typeof prefix !== 'string') throw new TypeError('prefix must be a string')
  const timeoutMs = positive('commandTimeoutMs', options.commandTimeoutMs, 1_000)
  const leaseMs = Math.ceil(positive('leaseMs', options.leaseMs, 600_000))
  /** This process's claims, by key: the token that proves them ours. */
  const owned = new Map<string, string>()

  function keyOf(id: string): string {
    if (typeof id !== 'string' || id === '') throw new TypeError('id must be a non-empty string')
    return prefix + id
  }
  function ttlOf(ttlMs: number): string {
    if (!(typeof ttlMs === 'number' && ttlMs > 0 && Number.isFinite(ttlMs))) throw new TypeError('ttlMs must be a positive number')
    return String(Math.ceil(ttlMs))
  }
  async function run(args: string[]): Promise<unknown> {
    if (!redis.isReady) throw new Error('intercom-blocks/redis: Redis is not connected')
    return send(redis, args, timeoutMs)
  }
  async function releaseOwn(key: string, token: string): Promise<void> {
    if (!redis.isReady) throw new Error('intercom-blocks/redis: Redis is not connected')
    await releaseScript.run(redis, key, [token], timeoutMs)
  }
  /**
   * A claim sent without an answer: deletes it (if it was made) once Redis answers, trying every
   * `retryMs` until the lease would have lapsed anyway. Commands on a connection run in order, so
   * one answer settles it: the claim, if it ever reaches Redis, reaches it before the delete.
   */
  function settleUncertain(key: string, token: string): void {
    const until = Date.now() + leaseMs
    const retryMs = Math.min(250, timeoutMs)
    const attempt = () => {
      releaseOwn(key, token).catch(() => {
        if (Date.now() < until) (setTimeout(attempt, retryMs) as { unref?: () => void }).unref?.()
      })
    }
    attempt()
  }

  return {
    async claim(id, ttlMs) {
      const key = keyOf(id)
      const ttl = Number(ttlOf(ttlMs))
      const token = `pending:${randomUUID()}`
      if (!redis.isReady) throw new Error('intercom-blocks/redis: Redis is not connected')
      let reply: unknown
      try {
        reply = await send(redis, ['SET', key, token, 'NX', 'PX', String(Math.min(leaseMs, ttl))], timeoutMs)
      } catch (error) {
        // Sent without an answer: the claim may have been made all the same.
        settleUncertain(key, token)
        throw error
      }
      if (reply === 'OK') {
        owned.set(key, token)
        return true
      }
      const current = await run(['GET', key])
      if (current === 'done') return false
      // Pending: another claim is being processed, or its answer was lost and it is about to be
      // deleted. Either way this delivery must come again rather than count as a duplicate.
      throw new Error(`notification ${id} is being processed by another claim; Intercom will send it again`)
    },
    async complete(id, ttlMs) {
      const key = keyOf(id)
      await run(['SET', key, 'done', 'PX', ttlOf(ttlMs)])
      owned.delete(key)
    },
    async release(id) {
      const key = keyOf(id)
      const token = owned.get(key)
      owned.delete(key)
      if (token === undefined) await run(['DEL', key])
      else await releaseOwn(key, token)
    },
  }
}
