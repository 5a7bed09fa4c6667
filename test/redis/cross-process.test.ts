/**
 * Several Node processes, one Intercom app, one Redis: worker processes run a bulk job against
 * one rate-limited sandbox through the built package and `redisRateLimitStore`, and together stay
 * within the limit. Then the same with webhook replicas, and Redis killed (-9) and restarted in
 * the middle: no call fails and every notification starts its workflow exactly once.
 * `npm test` builds dist/ first; the workers load the package by its own name.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redisSeenStore } from '../../redis'
import { startSandbox, type Sandbox } from '../../sandbox'
import { createNodeWebhookListener } from '../../triggers/node'
import type { ToolError, TriggerEvent } from '../../types'
import { connect, redisAvailable, redisSkipNote, sharedRedis, startOwnRedis, uniquePrefix, type OwnRedis } from '../helpers/redis'

const worker = fileURLToPath(new URL('./bulk-worker.mjs', import.meta.url))
const built = existsSync(fileURLToPath(new URL('../../dist/redis.js', import.meta.url)))

interface WorkerReport {
  name: string
  created: number
  failures: ToolError[]
  answered: number[]
  tooMany: number
  warnings: string[]
}

function runWorker(options: { sandboxUrl: string; token: string; redisUrl: string; prefix: string; name: string; creates: number; lanes: number }): Promise<WorkerReport> {
  return promisify(execFile)(process.execPath, [worker, JSON.stringify(options)], { timeout: 120_000, maxBuffer: 8 * 1024 * 1024 }).then(
    ({ stdout }) => JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as WorkerReport,
  )
}

/** Answered calls per second after the first window, over the allowed rate (all workers together). */
function steadyShare(times: number[], start: number, limit: number, windowMs: number): number {
  const after = times.filter((time) => time >= start + windowMs).sort((a, b) => a - b)
  if (after.length < 2) return 0
  const rate = (after.length - 1) / (((after[after.length - 1] as number) - (after[0] as number)) / 1000)
  return rate / (limit / (windowMs / 1000))
}

describe.skipIf(!redisAvailable)(`several processes share one rate limit through Redis${redisSkipNote}`, () => {
  let redis: Awaited<ReturnType<typeof sharedRedis>>
  beforeAll(async () => {
    redis = await sharedRedis()
  }, 30_000)
  afterAll(async () => {
    await redis?.close()
  })

  it('exists: npm test builds dist/redis.js', () => {
    expect(built, 'dist/redis.js is missing: run npm run build').toBe(true)
  })

  it.runIf(built)(
    'three worker processes stay within the limit together: at most one 429 per window, no failed op, at least 95% of the allowed rate',
    async () => {
      const limit = 20
      const windowMs = 2_000
      const sandbox = await startSandbox({ rateLimit: { limit, windowMs } })
      try {
        const prefix = uniquePrefix('bulk')
        const start = Date.now()
        const reports = await Promise.all(
          ['a', 'b', 'c'].map((name) => runWorker({ sandboxUrl: sandbox.url, token: sandbox.token, redisUrl: redis.url, prefix, name: `bulk-${name}-${start}`, creates: 30, lanes: 4 })),
        )
        const seconds = (Date.now() - start) / 1000
        const windows = Math.ceil((seconds * 1000) / windowMs)
        const tooMany = reports.reduce((sum, report) => sum + report.tooMany, 0)
        // Steady state once the gate knows the window: from the job's first answer (the processes
        // take a while to start, longer on a busy machine), past two windows. The headers give the
        // window's length only when a second window begins; until then the gate spreads what is
        // left of the budget up to the reset (a whole second, rounded up), and the calls it had
        // already reserved at that pace go out before the steady ones.
        const answered = reports.flatMap((report) => report.answered)
        const share = steadyShare(answered, Math.min(...answered) + windowMs, limit, windowMs)
        const summary = JSON.stringify({ seconds, windows, tooMany, share, startedAfterMs: Math.min(...answered) - start, created: reports.map((report) => report.created) })
        for (const report of reports) {
          expect(report.failures, summary).toEqual([])
          expect(report.created, summary).toBe(30)
          expect(report.warnings, summary).toEqual([])
        }
        expect(tooMany, summary).toBeLessThanOrEqual(windows)
        expect(share, summary).toBeGreaterThanOrEqual(0.95)
        // Never past the limit: the sandbox refused nothing it would not have refused anyway.
        expect(sandbox.state.snapshot().contacts.filter((contact) => contact.email?.startsWith('bulk-')).length).toBe(90)
      } finally {
        await sandbox.close()
      }
    },
    120_000,
  )
})

describe.skipIf(!redisAvailable)(`Redis restarted mid-run${redisSkipNote}`, () => {
  let own: OwnRedis
  let sandbox: Sandbox
  const servers: Server[] = []
  const clients: Array<Awaited<ReturnType<typeof connect>>> = []
  const events: Array<{ replica: string; event: TriggerEvent }> = []

  beforeAll(async () => {
    own = await startOwnRedis()
    // Two webhook replicas, each with its own Redis connection and seen store.
    const urls: string[] = []
    const seenPrefix = uniquePrefix('seen')
    for (const replica of ['r1', 'r2']) {
      const client = await connect(own.url)
      clients.push(client)
      const server = createServer(
        createNodeWebhookListener({
          clientSecret: 'replica-secret',
          triggers: [{ id: 'intercom_webhook', topics: ['contact.user.created', 'contact.lead.created'] }],
          seen: redisSeenStore(client, { prefix: seenPrefix }),
          onEvent: async (event) => {
            events.push({ replica, event })
          },
        }),
      )
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
      servers.push(server)
      const address = server.address()
      urls.push(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`)
    }
    // A round-robin load balancer in front of the replicas: a retry or a duplicate of a
    // notification may land on the other replica, which must not start it again.
    let turn = 0
    const balancer = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const target = urls[turn++ % urls.length] as string
        const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>
        fetch(target, { method: request.method, headers, body: Buffer.concat(chunks) })
          .then(async (answer) => {
            response.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' })
            response.end(Buffer.from(await answer.arrayBuffer()))
          })
          .catch(() => {
            response.writeHead(502)
            response.end()
          })
      })
    })
    await new Promise<void>((resolve) => balancer.listen(0, '127.0.0.1', () => resolve()))
    servers.push(balancer)
    const address = balancer.address()
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`
    // Some notifications are also sent twice (the sandbox's duplicate fault).
    sandbox = await startSandbox({
      rateLimit: { limit: 20, windowMs: 2_000 },
      webhooks: [{ url, topics: ['contact.user.created', 'contact.lead.created'], clientSecret: 'replica-secret' }],
      webhookDelivery: { timeScale: 0.004, duplicateRate: 0.3, seed: 7 },
    })
  }, 30_000)

  afterAll(async () => {
    await sandbox?.close()
    for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()))
    for (const client of clients) await client.close().catch(() => undefined)
    await own?.close()
  })

  it.runIf(built)(
    'kill -9 of Redis and a restart mid-run: no failed call, no duplicate event, no lost event',
    async () => {
      const prefix = uniquePrefix('restart')
      const start = Date.now()
      const jobs = Promise.all(
        ['a', 'b'].map((name) => runWorker({ sandboxUrl: sandbox.url, token: sandbox.token, redisUrl: own.url, prefix, name: `restart-${name}-${start}`, creates: 24, lanes: 3 })),
      )
      // Kill Redis once the job is well under way, and start it again a second later.
      await new Promise((resolve) => setTimeout(resolve, 2_500))
      await own.kill('SIGKILL')
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      await own.start()
      const reports = await jobs
      for (const report of reports) {
        expect(report.failures).toEqual([])
        expect(report.created).toBe(24)
      }
      // The workers noticed the outage and went back to Redis afterwards.
      const warnings = reports.flatMap((report) => report.warnings)
      expect(warnings.some((warning) => /unreachable/.test(warning))).toBe(true)
      expect(warnings.some((warning) => /reachable again/.test(warning))).toBe(true)

      await sandbox.webhooks.idle()
      const created = sandbox.webhooks.deliveries.filter((delivery) => delivery.id !== null && delivery.topic !== 'ping')
      const ids = [...new Set(created.map((delivery) => delivery.id as string))]
      expect(ids.length).toBe(48)
      // Every delivery ended answered (none given up), and each notification started one event.
      expect(created.filter((delivery) => delivery.state !== 'delivered')).toEqual([])
      const started = events.map(({ event }) => event.notification.id)
      expect(started.length).toBe(new Set(started).size)
      expect([...started].sort()).toEqual([...ids].sort())
      // Both replicas took part, duplicates were sent, and the outage was seen by the replicas
      // too: some deliveries were answered 503 and retried.
      expect(new Set(events.map(({ replica }) => replica))).toEqual(new Set(['r1', 'r2']))
      expect(created.some((delivery) => delivery.duplicated)).toBe(true)
      expect(created.some((delivery) => delivery.statuses.includes(503))).toBe(true)
    },
    120_000,
  )
})
