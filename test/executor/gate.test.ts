import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../sandbox'
import { executeTool } from '../../tools/executor'
import { clientFor } from '../../tools/http'
import { MemoryRateLimitStore } from '../../tools/rate-limit'
import type { ToolContext } from '../../types'

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ rateLimit: { limit: 10, windowMs: 1_000 } })
})
afterAll(async () => {
  await sandbox?.close()
})

describe('executeTool through the rate-limit gate (sandbox at 10 calls per second)', () => {
  it('runs 40 calls from 20 workers, each with a fresh context, without failures and with at most one 429 per window', async () => {
    let tooMany = 0
    let sent = 0
    const counting: typeof fetch = async (input, init) => {
      sent++
      const response = await fetch(input, init)
      if (response.status === 429) tooMany++
      return response
    }
    const store = new MemoryRateLimitStore()
    const context = (): ToolContext => ({ accessToken: sandbox.token, baseUrl: sandbox.url, fetch: counting, rateLimitStore: store, maxRetries: 0 })
    const start = Date.now()
    let next = 0
    const results = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const out: boolean[] = []
        while (next < 40) {
          next++
          out.push((await executeTool('intercom_list_admins', {}, context())).success)
        }
        return out
      }),
    )
    const windows = Math.ceil((Date.now() - start) / 1_000)
    expect(results.flat()).toHaveLength(40)
    expect(results.flat().every(Boolean)).toBe(true)
    expect(tooMany).toBeLessThanOrEqual(windows)
    expect(sent).toBe(40 + tooMany)
  })

  it('fails a call with rate_limit_exceeded when the wait would pass maxRateLimitWaitMs, and sends nothing more', async () => {
    const store = new MemoryRateLimitStore()
    let sent = 0
    const refusing: typeof fetch = async () => {
      sent++
      return new Response(JSON.stringify({ type: 'error.list', errors: [{ code: 'rate_limit_exceeded', message: 'Exceeded' }] }), {
        status: 429,
        headers: { 'content-type': 'application/json', 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 120) },
      })
    }
    const result = await executeTool('intercom_list_admins', {}, { accessToken: 'tok-gate-1', fetch: refusing, rateLimitStore: store })
    expect(result).toMatchObject({ success: false, error: { code: 'rate_limit_exceeded', status: 429, retryable: true } })
    expect(sent).toBe(1)
    // Another call on the same token and host waits its turn too, and is refused at once.
    const again = await executeTool('intercom_list_admins', {}, { accessToken: 'tok-gate-1', fetch: refusing, rateLimitStore: store, maxRateLimitWaitMs: 5_000 })
    expect(again).toMatchObject({ success: false, error: { code: 'rate_limit_exceeded' } })
    expect(sent).toBe(1)
  })

  it('refuses a bad maxRateLimitWaitMs or rateLimitStore by name, sending nothing', async () => {
    for (const [extra, field] of [
      [{ maxRateLimitWaitMs: -1 }, 'maxRateLimitWaitMs'],
      [{ maxRateLimitWaitMs: 1.5 }, 'maxRateLimitWaitMs'],
      [{ rateLimitStore: {} }, 'rateLimitStore'],
    ] as const) {
      const result = await executeTool('intercom_list_admins', {}, { accessToken: sandbox.token, baseUrl: sandbox.url, ...(extra as object) } as ToolContext)
      expect(result).toMatchObject({ success: false, error: { code: 'validation_error', field } })
    }
  })

  it('shares one client between equal contexts without a signal, and keeps one per context with a signal', () => {
    const base = { accessToken: 'tok-share-1', baseUrl: 'http://127.0.0.1:9' }
    expect(clientFor({ ...base })).toBe(clientFor({ ...base }))
    expect(clientFor({ ...base })).not.toBe(clientFor({ ...base, timeoutMs: 5 }))
    expect(clientFor({ ...base })).not.toBe(clientFor({ ...base, accessToken: 'tok-share-2' }))
    const signal = new AbortController().signal
    const withSignal = { ...base, signal }
    expect(clientFor(withSignal)).toBe(clientFor(withSignal))
    expect(clientFor(withSignal)).not.toBe(clientFor({ ...base, signal }))
  })

  it('times out each attempt at its own deadline with one shared timer: a short deadline set after a long one still fires first', async () => {
    const hanging: typeof fetch = () => new Promise<Response>(() => undefined)
    const store = new MemoryRateLimitStore()
    const controller = new AbortController()
    let longDone = false
    const long = executeTool('intercom_list_admins', {}, { accessToken: 'tok-deadline', fetch: hanging, timeoutMs: 60_000, maxRetries: 0, rateLimitStore: store, signal: controller.signal }).then((result) => {
      longDone = true
      return result
    })
    const short = await executeTool('intercom_list_admins', {}, { accessToken: 'tok-deadline-2', fetch: hanging, timeoutMs: 30, maxRetries: 0, rateLimitStore: store })
    expect(short).toMatchObject({ success: false, error: { code: 'timeout' } })
    expect(longDone).toBe(false)
    controller.abort()
    expect(await long).toMatchObject({ success: false, error: { code: 'aborted' } })
  })
})
