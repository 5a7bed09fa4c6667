/**
 * The Redis stores on a real redis-server: the rate-limit store's keys (host and token hash,
 * never the token; an expiry), its fallback to this process's memory when Redis is unreachable
 * and its return; the seen store's claims, leases and releases, and two webhook handler replicas
 * given the same signed notification.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { executeTool } from '../../tools/executor'
import { redisRateLimitStore, redisSeenStore, type RedisClientLike } from '../../redis'
import { startSandbox, type Sandbox } from '../../sandbox'
import { createWebhookHandler } from '../../triggers/handler'
import { signWebhookBody } from '../../triggers/signature'
import type { TriggerEvent } from '../../types'
import { connect, redisAvailable, redisSkipNote, sharedRedis, startOwnRedis, uniquePrefix } from '../helpers/redis'

const SECRET = 'replica-secret'

async function notification(id: string): Promise<Request> {
  const body = JSON.stringify({
    type: 'notification_event',
    app_id: 'app1',
    id,
    topic: 'company.created',
    created_at: Math.floor(Date.now() / 1000),
    delivery_attempts: 1,
    first_sent_at: Math.floor(Date.now() / 1000),
    data: { type: 'notification_event_data', item: { type: 'company', id: 'c1', company_id: 'acme', name: 'Acme' } },
  })
  return new Request('http://replica.test/webhooks', { method: 'POST', body, headers: { 'Content-Type': 'application/json', 'X-Hub-Signature': await signWebhookBody(body, SECRET) } })
}

describe('the Redis stores refuse what they cannot use, naming it', () => {
  it('needs a client with isReady and sendCommand, and valid options', () => {
    expect(() => redisRateLimitStore({} as RedisClientLike)).toThrow(/client must be a node-redis client/)
    expect(() => redisSeenStore(null as unknown as RedisClientLike)).toThrow(/client must be a node-redis client/)
    const client: RedisClientLike = { isReady: true, sendCommand: async () => 'OK' }
    expect(() => redisRateLimitStore(client, { commandTimeoutMs: 0 })).toThrow(/commandTimeoutMs must be a positive number/)
    expect(() => redisRateLimitStore(client, { idleMs: -1 })).toThrow(/idleMs/)
    expect(() => redisSeenStore(client, { leaseMs: Number.NaN })).toThrow(/leaseMs/)
  })

  it('decides in memory when a command gets no answer in time, and says so once', async () => {
    const hung: RedisClientLike = { isReady: true, sendCommand: () => new Promise(() => undefined) }
    const warnings: string[] = []
    const store = redisRateLimitStore(hung, { commandTimeoutMs: 30, onWarning: (message) => warnings.push(message) })
    const decision = await store.acquire('k', Date.now(), 60_000)
    expect(decision).toMatchObject({ granted: true, waitMs: 0 })
    expect(decision.ticket).toBeLessThan(0)
    expect(store.shared).toBe(false)
    await store.acquire('k', Date.now(), 60_000)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/Redis is unreachable \(no answer from Redis within 30 ms\)/)
    // The seen store cannot decide without Redis: it fails, so that the handler answers 503.
    await expect(redisSeenStore(hung, { commandTimeoutMs: 30 }).claim('n1', 1_000)).rejects.toThrow(/no answer from Redis/)
    await expect(redisSeenStore({ isReady: false, sendCommand: async () => 'OK' }).claim('n1', 1_000)).rejects.toThrow(/not connected/)
  })
})

describe.skipIf(!redisAvailable)(`the Redis stores on a real server${redisSkipNote}`, () => {
  let redis: Awaited<ReturnType<typeof sharedRedis>>
  let client: Awaited<ReturnType<typeof connect>>
  let sandbox: Sandbox
  beforeAll(async () => {
    redis = await sharedRedis()
    client = await connect(redis.url)
    sandbox = await startSandbox({ tokens: ['secret-token-for-redis-keys'] })
  }, 30_000)
  afterAll(async () => {
    await sandbox?.close()
    await client?.close()
    await redis?.close()
  })

  it('keys the gate by host and the SHA-256 of the token, never the token, with an expiry', async () => {
    const prefix = uniquePrefix('keys')
    const store = redisRateLimitStore(client, { prefix })
    const token = 'secret-token-for-redis-keys'
    const result = await executeTool('intercom_list_admins', {}, { accessToken: token, baseUrl: sandbox.url, rateLimitStore: store })
    expect(result.success).toBe(true)
    const keys = await client.keys(`${prefix}*`)
    expect(keys).toHaveLength(1)
    const key = keys[0] as string
    expect(key).toMatch(new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}intercom-blocks:rl:${sandbox.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:[0-9a-f]{64}$`))
    expect(key).not.toContain(token)
    expect(JSON.stringify(await client.hGetAll(key))).not.toContain(token)
    expect(await client.pTTL(key)).toBeGreaterThan(0)
    // What the gate learned from the sandbox's headers is in the hash.
    expect(Number((await client.hGetAll(key)).limit)).toBeGreaterThan(0)
  })

  it('falls back to memory when Redis goes away, with a warning, and back to Redis when it returns', async () => {
    const own = await startOwnRedis()
    const ownClient = await connect(own.url)
    try {
      const warnings: string[] = []
      const store = redisRateLimitStore(ownClient, { retryMs: 50, onWarning: (message) => warnings.push(message) })
      const context = { accessToken: sandbox.token, baseUrl: sandbox.url, rateLimitStore: store, maxRetries: 0 }
      expect((await executeTool('intercom_list_tags', {}, context)).success).toBe(true)
      expect(store.shared).toBe(true)
      await own.kill('SIGKILL')
      for (let call = 0; call < 5; call++) expect((await executeTool('intercom_list_tags', {}, context)).success).toBe(true)
      expect(store.shared).toBe(false)
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toMatch(/^intercom-blocks\/redis: Redis is unreachable/)
      await own.start()
      // node-redis reconnects on its own; the store goes back to Redis once it answers.
      await expect.poll(async () => {
        await executeTool('intercom_list_tags', {}, context)
        return store.shared
      }, { timeout: 10_000, interval: 100 }).toBe(true)
      expect(warnings[1]).toMatch(/Redis is reachable again after [\d.]+ s; the rate-limit gate is shared again/)
      expect(warnings.join('\n')).not.toContain(sandbox.token)
    } finally {
      await ownClient.close().catch(() => undefined)
      await own.close()
    }
  }, 30_000)

  it('claims an id once (set-if-absent with a lease), keeps it for the TTL when done, releases it for a retry', async () => {
    const prefix = uniquePrefix('seen-unit')
    const seen = redisSeenStore(client, { prefix, leaseMs: 5_000 })
    expect(await seen.claim('notif_1', 60_000)).toBe(true)
    // Still pending: not a duplicate (that claim may yet fail), so the delivery must come again.
    await expect(seen.claim('notif_1', 60_000)).rejects.toThrow(/being processed by another claim/)
    const lease = await client.pTTL(`${prefix}notif_1`)
    expect(lease).toBeGreaterThan(0)
    expect(lease).toBeLessThanOrEqual(5_000)
    await seen.complete?.('notif_1', 60_000)
    expect(await client.pTTL(`${prefix}notif_1`)).toBeGreaterThan(5_000)
    expect(await client.get(`${prefix}notif_1`)).toBe('done')
    expect(await seen.claim('notif_1', 60_000)).toBe(false)
    expect(await seen.claim('notif_2', 60_000)).toBe(true)
    await seen.release('notif_2')
    expect(await seen.claim('notif_2', 60_000)).toBe(true)
    // A TTL shorter than the lease bounds the claim.
    expect(await seen.claim('notif_3', 1_000)).toBe(true)
    expect(await client.pTTL(`${prefix}notif_3`)).toBeLessThanOrEqual(1_000)
  })

  it('a claim made in Redis whose answer is lost is deleted by its owner once Redis answers, so a retry on any replica is processed', async () => {
    const prefix = uniquePrefix('lost-reply')
    let loseNextSet = true
    let reachable = true
    // A connection that runs the SET in Redis and then loses its answer, then is down a while.
    const flaky: RedisClientLike = {
      get isReady() {
        return client.isReady
      },
      async sendCommand(args: string[]) {
        if (!reachable) throw new Error('connection lost')
        const reply = await client.sendCommand(args)
        if (loseNextSet && args[0] === 'SET') {
          loseNextSet = false
          reachable = false
          throw new Error('connection lost')
        }
        return reply
      },
    }
    const first = redisSeenStore(flaky, { prefix })
    const other = redisSeenStore(client, { prefix })
    await expect(first.claim('notif_lost', 60_000)).rejects.toThrow(/connection lost/)
    expect(await client.get(`${prefix}notif_lost`)).toMatch(/^pending:/)
    // While the owner cannot reach Redis, another replica does not take the claim for a duplicate.
    await expect(other.claim('notif_lost', 60_000)).rejects.toThrow(/being processed by another claim/)
    reachable = true
    await vi.waitFor(async () => expect(await client.get(`${prefix}notif_lost`)).toBeNull(), { timeout: 5_000, interval: 50 })
    expect(await other.claim('notif_lost', 60_000)).toBe(true)
  })

  it('two handler replicas given the same signed notification at once start one event (the other answers duplicate, or 503 while it is pending)', async () => {
    const prefix = uniquePrefix('replicas')
    const second = await connect(redis.url)
    try {
      const events: Array<{ replica: string; event: TriggerEvent }> = []
      const replica = (name: string, store: RedisClientLike) =>
        createWebhookHandler({ clientSecret: SECRET, seen: redisSeenStore(store, { prefix }), onEvent: async (event) => void events.push({ replica: name, event }) })
      const [a, b] = [replica('a', client), replica('b', second)]
      for (let round = 0; round < 20; round++) {
        const id = `notif_same_${round}`
        const answers = await Promise.all([a(await notification(id)), b(await notification(id))])
        const bodies = (await Promise.all(answers.map((answer) => answer.json()))) as Array<{ status?: string }>
        // One starts it. The other finds it done (a duplicate) or still pending: then it answers
        // 503, and the copy Intercom sends again is a duplicate.
        const winner = bodies.findIndex((body) => body.status === 'ok')
        expect(winner, JSON.stringify(bodies)).toBeGreaterThanOrEqual(0)
        expect(answers[winner]?.status).toBe(200)
        const loser = 1 - winner
        if (answers[loser]?.status === 503) {
          const again = await [a, b][loser]!(await notification(id))
          expect(again.status).toBe(200)
          expect(((await again.json()) as { status: string }).status).toBe('duplicate')
        } else {
          expect(answers[loser]?.status).toBe(200)
          expect(bodies[loser]?.status).toBe('duplicate')
        }
      }
      expect(events).toHaveLength(20)
      expect(new Set(events.map(({ event }) => event.notification.id)).size).toBe(20)
    } finally {
      await second.close()
    }
  })

  it('a notification whose onEvent failed on one replica is started by the retry on the other', async () => {
    const prefix = uniquePrefix('retry')
    const started: string[] = []
    const failing = createWebhookHandler({ clientSecret: SECRET, seen: redisSeenStore(client, { prefix }), onEvent: async () => Promise.reject(new Error('workflow engine down')) })
    const healthy = createWebhookHandler({ clientSecret: SECRET, seen: redisSeenStore(client, { prefix }), onEvent: async (event) => void started.push(event.notification.id as string) })
    expect((await failing(await notification('notif_retry'))).status).toBe(500)
    expect(await client.exists(`${prefix}notif_retry`)).toBe(0)
    expect((await healthy(await notification('notif_retry'))).status).toBe(200)
    expect((await (await healthy(await notification('notif_retry'))).json()) as { status: string }).toMatchObject({ status: 'duplicate' })
    expect(started).toEqual(['notif_retry'])
  })

  it('answers 503 while Redis is unreachable, so that Intercom retries, and starts nothing', async () => {
    const own = await startOwnRedis()
    const ownClient = await connect(own.url)
    try {
      let started = 0
      const handler = createWebhookHandler({ clientSecret: SECRET, seen: redisSeenStore(ownClient, { commandTimeoutMs: 200 }), onEvent: async () => void started++ })
      await own.kill('SIGKILL')
      expect((await handler(await notification('notif_down'))).status).toBe(503)
      expect(started).toBe(0)
      await own.start()
      await expect.poll(async () => (await handler(await notification('notif_down'))).status, { timeout: 10_000, interval: 100 }).toBe(200)
      expect(started).toBe(1)
    } finally {
      await ownClient.close().catch(() => undefined)
      await own.close()
    }
  }, 30_000)
})
