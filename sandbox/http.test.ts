import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from './index'
import { caller, started, type Call } from './test-support'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('auth', () => {
  let sandbox: Sandbox
  let call: Call
  beforeAll(async () => {
    ;({ sandbox, call } = await started({ tokens: ['tok-a', 'tok-b'] }))
  })
  afterAll(() => sandbox.close())

  it('answers a request without a token with 401 unauthorized in error.list form', async () => {
    const answer = await call('GET', '/me', undefined, { token: null })
    expect(answer.status).toBe(401)
    expect(answer.body).toEqual({
      type: 'error.list',
      request_id: expect.stringMatching(UUID),
      errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }],
    })
    expect(answer.headers.get('x-request-id')).toBe(answer.body.request_id)
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
  })

  it('refuses a token that is not in the tokens option, and any other scheme', async () => {
    expect((await call('GET', '/me', undefined, { token: 'tok-c' })).status).toBe(401)
    const basic = await fetch(`${sandbox.url}/me`, { headers: { Authorization: 'Basic dG9rLWE6' } })
    expect(basic.status).toBe(401)
    expect((await basic.json()).errors[0].code).toBe('unauthorized')
  })

  it('accepts every listed token and exposes the first one', async () => {
    expect(sandbox.token).toBe('tok-a')
    expect((await call('GET', '/me', undefined, { token: 'tok-b' })).status).toBe(200)
    expect((await call('GET', '/me')).body.id).toBe(sandbox.state.adminId)
  })

  it('accepts any non-empty token when no tokens are configured', async () => {
    const open = await startSandbox({ host: '127.0.0.1' })
    try {
      const openCall = caller(open)
      expect(open.token).toBe('sandbox-token')
      expect((await openCall('GET', '/admins', undefined, { token: 'anything-at-all' })).status).toBe(200)
      expect((await openCall('GET', '/admins', undefined, { token: null })).status).toBe(401)
    } finally {
      await open.close()
    }
  })
})

describe('Intercom-Version, routing and bodies', () => {
  let sandbox: Sandbox
  let call: Call
  beforeAll(async () => {
    ;({ sandbox, call } = await started())
  })
  afterAll(() => sandbox.close())

  it('accepts known versions and no header, refuses unknown versions with intercom_version_invalid', async () => {
    for (const version of ['2.16', '2.11', '1.4', 'Preview', null]) {
      expect((await call('GET', '/me', undefined, { version })).status, String(version)).toBe(200)
    }
    const bad = await call('GET', '/me', undefined, { version: '9.9' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toEqual([{ code: 'intercom_version_invalid', message: 'The requested version could not be found' }])
  })

  it('answers unknown routes and methods with 404 not_found', async () => {
    for (const [method, path] of [['GET', '/nope'], ['PATCH', '/contacts'], ['GET', '/contacts/a/b/c'], ['DELETE', '/tags']]) {
      const answer = await call(method as string, path as string)
      expect(answer.status, `${method} ${path}`).toBe(404)
      expect(answer.body.errors[0].code).toBe('not_found')
      expect(answer.body.errors[0].message).toBe(`The sandbox does not emulate ${method} ${path}: this is not an answer about a record`)
      expect(answer.headers.get('x-sandbox-unemulated')).toBe(`${method} ${path}`)
    }
    // A missing record is a plain Intercom 404, without the mark.
    const record = await call('GET', '/contacts/ffffffffffffffffffffffff')
    expect(record.status).toBe(404)
    expect(record.headers.get('x-sandbox-unemulated')).toBeNull()
  })

  it('refuses a body that is not JSON, not an object, or has unknown fields', async () => {
    const notJson = await call('POST', '/contacts', undefined, { raw: '{"email":' })
    expect(notJson.status).toBe(400)
    expect(notJson.body.errors[0].code).toBe('bad_request')
    const array = await call('POST', '/contacts', [{ email: 'a@example.com' }])
    expect(array.status).toBe(400)
    expect(array.body.errors[0].code).toBe('bad_request')
    const unknown = await call('POST', '/contacts', { email: 'x@example.com', emial: 'typo' })
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors[0]).toMatchObject({ code: 'parameter_invalid', field: 'emial' })
  })

  it('sends rate-limit headers with a generous default on every response, errors included', async () => {
    for (const answer of [await call('GET', '/me'), await call('GET', '/nope'), await call('GET', '/me', undefined, { token: null })]) {
      expect(answer.headers.get('x-ratelimit-limit')).toBe('10000')
      expect(Number(answer.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(9000)
      expect(Number(answer.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000)
    }
  })
})

describe('rate limit', () => {
  it('answers the request after the limit with 429 rate_limit_exceeded and the headers, without Retry-After', async () => {
    const { sandbox, call } = await started({ rateLimit: { limit: 3, windowMs: 60_000 } })
    try {
      const answers = []
      for (let n = 0; n < 4; n++) answers.push(await call('GET', '/me'))
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429])
      expect(answers.map((answer) => answer.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0', '0'])
      const reset = Number(answers[0]?.headers.get('x-ratelimit-reset'))
      expect(reset).toBeGreaterThan(Date.now() / 1000)
      expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 61)
      const limited = answers[3]!
      expect(limited.headers.get('x-ratelimit-limit')).toBe('3')
      expect(limited.headers.get('x-ratelimit-reset')).toBe(String(reset))
      expect(limited.headers.get('retry-after')).toBeNull()
      expect(limited.body.type).toBe('error.list')
      expect(limited.body.errors).toEqual([{ code: 'rate_limit_exceeded', message: 'Exceeded rate limit of 3 in 60_seconds' }])
    } finally {
      await sandbox.close()
    }
  })

  it('starts a new window once the old one has passed', async () => {
    const { sandbox, call } = await started({ rateLimit: { limit: 1, windowMs: 200 } })
    try {
      expect((await call('GET', '/me')).status).toBe(200)
      expect((await call('GET', '/me')).status).toBe(429)
      await new Promise((resolve) => setTimeout(resolve, 250))
      const again = await call('GET', '/me')
      expect(again.status).toBe(200)
      expect(again.headers.get('x-ratelimit-remaining')).toBe('0')
    } finally {
      await sandbox.close()
    }
  })
})

describe('faults', () => {
  it('answers every request with 500 or 503 at errorRate 1, with Intercom error bodies and no change made', async () => {
    const { sandbox, call } = await started({ faults: { errorRate: 1, seed: 5 } })
    try {
      const before = sandbox.state.snapshot().contacts.length
      const statuses: number[] = []
      for (let n = 0; n < 20; n++) {
        const answer = await call('POST', '/contacts', { email: `fault${n}@example.com` })
        statuses.push(answer.status)
        expect(answer.body.type).toBe('error.list')
        expect(answer.body.errors[0].code).toBe(answer.status === 500 ? 'server_error' : 'service_unavailable')
      }
      expect(new Set(statuses)).toEqual(new Set([500, 503]))
      expect(sandbox.state.snapshot().contacts.length).toBe(before)
    } finally {
      await sandbox.close()
    }
  })

  it('chooses faults with a seeded PRNG: the same seed fails the same requests', async () => {
    const run = async (): Promise<number[]> => {
      const { sandbox, call } = await started({ faults: { errorRate: 0.5, statuses: [502], seed: 11 } })
      try {
        const statuses: number[] = []
        for (let n = 0; n < 16; n++) statuses.push((await call('GET', '/me')).status)
        return statuses
      } finally {
        await sandbox.close()
      }
    }
    const first = await run()
    expect(first).toEqual(await run())
    expect(first).toContain(200)
    expect(first).toContain(502)
    expect(first.every((status) => status === 200 || status === 502)).toBe(true)
  })

  it('adds latencyMs to every response', async () => {
    const { sandbox, call } = await started({ faults: { latencyMs: 120 } })
    try {
      const start = performance.now()
      expect((await call('GET', '/me')).status).toBe(200)
      expect(performance.now() - start).toBeGreaterThanOrEqual(110)
    } finally {
      await sandbox.close()
    }
  })

  it('refuses invalid options', async () => {
    await expect(startSandbox({ faults: { errorRate: 2 } })).rejects.toThrow(/errorRate/)
    await expect(startSandbox({ faults: { statuses: [200] } })).rejects.toThrow(/statuses/)
    await expect(startSandbox({ port: -1 })).rejects.toThrow(/port/)
    await expect(startSandbox({ tokens: [] })).rejects.toThrow(/tokens/)
    await expect(startSandbox({ rateLimit: { limit: 0, windowMs: 1000 } })).rejects.toThrow(/rateLimit/)
  })
})
