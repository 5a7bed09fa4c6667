import { readFileSync } from 'node:fs'
import nock from 'nock'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { PACKAGE_VERSION, REGION_HOSTS, clearAdminCache, executeTool, listTools, tools } from '../../index'
import { buildRegistry } from '../../tools/registry'
import { MemoryRateLimitStore, observe } from '../../tools/rate-limit'
import { fakeFetch, TEST_TOKEN } from '../helpers/fake-fetch'

const contact = { type: 'contact', id: 'c1', email: 'jane@example.com' }
const errorBody = (code: string, message: string, requestId = 'req-1', field?: string) => ({
  type: 'error.list',
  request_id: requestId,
  errors: [{ code, message, ...(field ? { field } : {}) }],
})
const searchParams = { query: { field: 'email', operator: '=', value: 'jane@example.com' } }

beforeEach(() => clearAdminCache())

describe('hosts, headers and versions (nock)', () => {
  beforeAll(() => nock.disableNetConnect())
  afterEach(() => nock.cleanAll())
  afterAll(() => nock.enableNetConnect())

  it.each([
    [undefined, 'https://api.intercom.io'],
    ['us', 'https://api.intercom.io'],
    ['eu', 'https://api.eu.intercom.io'],
    ['au', 'https://api.au.intercom.io'],
  ] as const)('region %s calls %s', async (region, host) => {
    const scope = nock(host, {
      reqheaders: {
        authorization: `Bearer ${TEST_TOKEN}`,
        'intercom-version': '2.16',
        accept: 'application/json',
        'user-agent': `intercom-blocks/${PACKAGE_VERSION}`,
      },
    })
      .get('/contacts/c1')
      .reply(200, contact)
    const result = await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, ...(region ? { region } : {}) })
    expect(result).toEqual({ success: true, output: { contact } })
    expect(scope.isDone()).toBe(true)
  })

  it('sends the version the context asks for', async () => {
    const scope = nock('https://api.eu.intercom.io', { reqheaders: { 'intercom-version': '2.14' } })
      .get('/contacts/c1')
      .reply(200, contact)
    const result = await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, region: 'eu', version: '2.14' })
    expect(result.success).toBe(true)
    expect(scope.isDone()).toBe(true)
  })

  it('baseUrl overrides the region and keeps its path prefix', async () => {
    const scope = nock('http://127.0.0.1:4010').get('/proxy/intercom/contacts/c1').reply(200, contact)
    const result = await executeTool(
      'intercom_get_contact',
      { contactId: 'c1' },
      { accessToken: TEST_TOKEN, region: 'eu', baseUrl: 'http://127.0.0.1:4010/proxy/intercom/' },
    )
    expect(result.success).toBe(true)
    expect(scope.isDone()).toBe(true)
  })

  it('the region hosts are the three documented servers', () => {
    expect(REGION_HOSTS).toEqual({ us: 'https://api.intercom.io', eu: 'https://api.eu.intercom.io', au: 'https://api.au.intercom.io' })
  })
})

describe('the transport', () => {
  it('is handed the URL, the headers, the JSON text of the body and the caller\'s signal, as a plain fetch call', async () => {
    const calls: Array<{ input: unknown; init: RequestInit | undefined }> = []
    const transport: typeof fetch = async (input, init) => {
      calls.push({ input, init })
      return new Response(JSON.stringify(contact), { status: 200, headers: { 'content-type': 'application/json' } })
    }
    const signal = new AbortController().signal
    const store = new MemoryRateLimitStore()
    const created = await executeTool('intercom_create_contact', { email: 'jane@example.com', signed_up_at: 0 }, { accessToken: TEST_TOKEN, fetch: transport, signal, rateLimitStore: store })
    expect(created.success, JSON.stringify(created)).toBe(true)
    const read = await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, fetch: transport, rateLimitStore: store })
    expect(read.success, JSON.stringify(read)).toBe(true)

    const [post, get] = calls
    expect(post?.input).toBe('https://api.intercom.io/contacts')
    expect(post?.init?.method).toBe('POST')
    // The text as JSON.stringify wrote it (0 kept), not a stream that must be read back.
    expect(post?.init?.body).toBe('{"email":"jane@example.com","signed_up_at":0}')
    expect(post?.init?.signal).toBe(signal)
    const postHeaders = new Headers(post?.init?.headers)
    expect(postHeaders.get('content-type')).toBe('application/json')
    expect(postHeaders.get('authorization')).toBe(`Bearer ${TEST_TOKEN}`)
    expect(postHeaders.get('intercom-version')).toBe('2.16')

    expect(get?.input).toBe('https://api.intercom.io/contacts/c1')
    expect(get?.init?.method).toBe('GET')
    expect(get?.init?.body).toBeUndefined()
    expect(get?.init?.signal).toBeUndefined()
    expect(new Headers(get?.init?.headers).get('content-type')).toBeNull()
  })
})

describe('error mapping', () => {
  it.each([
    [401, 'unauthorized', 'Access Token Invalid', 'Check the access token'],
    [404, 'not_found', 'User Not Found', 'Check the id'],
    [422, 'parameter_invalid', 'Email is invalid', 'Email is invalid'],
  ])('%i becomes code %s with the request id', async (status, code, message, hint) => {
    const fake = fakeFetch({ status, json: errorBody(code, message, `req-${status}`, status === 422 ? 'email' : undefined) })
    const result = await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, fetch: fake.fetch })
    expect(result.success).toBe(false)
    if (result.success) return
    expect(result.error).toMatchObject({ code, status, requestId: `req-${status}`, retryable: false })
    expect(result.error.message).toContain(message)
    expect(result.error.message).toContain(hint)
    if (status === 422) expect(result.error.field).toBe('email')
    expect(fake.requests).toHaveLength(1)
  })

  it('joins several Intercom errors and falls back to the x-request-id header', async () => {
    const fake = fakeFetch({
      status: 400,
      json: { type: 'error.list', errors: [{ code: 'parameter_invalid', message: 'A is bad' }, { code: 'parameter_invalid', message: 'B is bad' }] },
      headers: { 'content-type': 'application/json', 'x-request-id': 'hdr-1' },
    })
    const result = await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, fetch: fake.fetch })
    expect(result).toMatchObject({ success: false, error: { code: 'parameter_invalid', status: 400, requestId: 'hdr-1', message: 'A is bad; B is bad' } })
  })

  it('a non-JSON error body still gives a code from the status', async () => {
    const fake = fakeFetch({ status: 403, text: '<html>Forbidden</html>', headers: { 'content-type': 'text/html' } })
    const result = await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, fetch: fake.fetch })
    expect(result).toMatchObject({ success: false, error: { code: 'forbidden', status: 403 } })
  })

  it('a 200 with a non-JSON body is invalid_response', async () => {
    const fake = fakeFetch({ status: 200, text: '<html>captive portal</html>', headers: { 'content-type': 'text/html' } })
    const result = await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, fetch: fake.fetch })
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_response', status: 200 } })
    if (!result.success) expect(result.error.message).toContain('not JSON')
  })

  it('a 200 with JSON of the wrong shape is invalid_response', async () => {
    const fake = fakeFetch({ status: 200, json: [1, 2, 3] })
    const result = await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, fetch: fake.fetch })
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_response' } })
  })

  it('an unknown tool id is unknown_tool, with suggestions, and nothing is sent', async () => {
    const fake = fakeFetch({ status: 200, json: contact })
    // @ts-expect-error a misspelled id does not compile; at run time it is unknown_tool
    const result = await executeTool('intercom_get_contacts', {}, { accessToken: TEST_TOKEN, fetch: fake.fetch })
    expect(result).toMatchObject({ success: false, error: { code: 'unknown_tool' } })
    if (!result.success) expect(result.error.message).toContain('intercom_get_contact')
    expect(fake.requests).toHaveLength(0)
  })

  it.each([null, [], 'x'])('params %j that are not an object are refused', async (params) => {
    const fake = fakeFetch({ status: 200, json: contact })
    const result = await executeTool('intercom_get_contact', params as never, { accessToken: TEST_TOKEN, fetch: fake.fetch })
    expect(result).toMatchObject({ success: false, error: { code: 'validation_error', field: 'params' } })
    expect(fake.requests).toHaveLength(0)
  })

  it.each([
    [{ accessToken: '' }, 'accessToken'],
    [{ accessToken: 'a\nb' }, 'accessToken'],
    [{ accessToken: TEST_TOKEN, region: 'mars' }, 'region'],
    [{ accessToken: TEST_TOKEN, baseUrl: 'not a url' }, 'baseUrl'],
    [{ accessToken: TEST_TOKEN, baseUrl: 'ftp://x' }, 'baseUrl'],
    [{ accessToken: TEST_TOKEN, timeoutMs: 0 }, 'timeoutMs'],
    [{ accessToken: TEST_TOKEN, maxRetries: -1 }, 'maxRetries'],
  ])('context %j is refused naming %s', async (context, field) => {
    const fake = fakeFetch({ status: 200, json: contact })
    const result = await executeTool('intercom_get_contact', { contactId: 'c1' }, { ...context, fetch: fake.fetch } as never)
    expect(result).toMatchObject({ success: false, error: { code: 'validation_error', field } })
    expect(fake.requests).toHaveLength(0)
  })
})

describe('retries', () => {
  const now = () => Math.floor(Date.now() / 1000)

  it('a 429 on a read waits for the reset and succeeds', async () => {
    const fake = fakeFetch(
      { status: 429, json: errorBody('rate_limit_exceeded', 'Exceeded rate limit of 167 in 10_seconds'), headers: { 'content-type': 'application/json', 'x-ratelimit-reset': String(now()) } },
      { status: 200, json: contact },
    )
    const result = await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, fetch: fake.fetch, rateLimitStore: new MemoryRateLimitStore() })
    expect(result).toEqual({ success: true, output: { contact } })
    expect(fake.requests).toHaveLength(2)
  })

  it('a 429 on a create is retried too: Intercom refused it, so resending is safe', async () => {
    const fake = fakeFetch(
      { status: 429, json: errorBody('rate_limit_exceeded', 'Exceeded'), headers: { 'content-type': 'application/json', 'retry-after': '0' } },
      { status: 200, json: contact },
    )
    const result = await executeTool('intercom_create_contact', { email: 'jane@example.com' }, { accessToken: TEST_TOKEN, fetch: fake.fetch, rateLimitStore: new MemoryRateLimitStore() })
    expect(result.success).toBe(true)
    expect(fake.requests.map((r) => r.method)).toEqual(['POST', 'POST'])
    expect(fake.requests[1]?.body).toEqual({ email: 'jane@example.com' })
  })

  it('gives up at once when the rate-limit window resets too far ahead', async () => {
    const fake = fakeFetch({
      status: 429,
      json: errorBody('rate_limit_exceeded', 'Exceeded'),
      headers: { 'content-type': 'application/json', 'x-ratelimit-reset': String(now() + 3600) },
    })
    const result = await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, fetch: fake.fetch, rateLimitStore: new MemoryRateLimitStore() })
    expect(result).toMatchObject({ success: false, error: { code: 'rate_limit_exceeded', status: 429, retryable: true } })
    expect(fake.requests).toHaveLength(1)
  })

  it('429s do not use up maxRetries: the call waits its turn until its waits would pass maxRateLimitWaitMs', async () => {
    const fake = fakeFetch({ status: 429, json: errorBody('rate_limit_exceeded', 'Exceeded'), headers: { 'content-type': 'application/json', 'retry-after': '0' } })
    const isolated = { accessToken: TEST_TOKEN, fetch: fake.fetch, maxRetries: 0, maxRateLimitWaitMs: 1_500, rateLimitStore: new MemoryRateLimitStore() }
    const result = await executeTool('intercom_get_contact', { contactId: 'c1' }, isolated)
    expect(result).toMatchObject({ success: false, error: { code: 'rate_limit_exceeded', status: 429, retryable: true } })
    // A 429 with no wait given holds the key one second: sent at 0 and 1 s, then the next wait passes 1.5 s.
    expect(fake.requests).toHaveLength(2)
  })

  it('a 500 on a create is sent exactly once', async () => {
    const fake = fakeFetch({ status: 500, json: errorBody('server_error', 'Internal error') }, { status: 200, json: contact })
    const result = await executeTool('intercom_create_contact', { email: 'jane@example.com' }, { accessToken: TEST_TOKEN, fetch: fake.fetch })
    expect(result).toMatchObject({ success: false, error: { code: 'server_error', status: 500, retryable: false } })
    if (!result.success) expect(result.error.message).toContain('may or may not have been applied')
    expect(fake.requests).toHaveLength(1)
  })

  it('a 503 on a search (a POST that only reads) is retried', async () => {
    const list = { type: 'list', data: [contact], total_count: 1, pages: { type: 'pages', page: 1, per_page: 50, total_pages: 1 } }
    const fake = fakeFetch({ status: 503, text: 'unavailable' }, { status: 503, text: 'unavailable' }, { status: 200, json: list })
    const result = await executeTool('intercom_search_contacts', searchParams, { accessToken: TEST_TOKEN, fetch: fake.fetch })
    expect(result.success).toBe(true)
    expect(fake.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /contacts/search',
      'POST /contacts/search',
      'POST /contacts/search',
    ])
  })

  it('a 503 that persists on a read ends retryable after maxRetries', async () => {
    const fake = fakeFetch({ status: 503, json: errorBody('service_unavailable', 'Down') })
    const result = await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, fetch: fake.fetch, maxRetries: 1 })
    expect(result).toMatchObject({ success: false, error: { code: 'service_unavailable', status: 503, retryable: true } })
    expect(fake.requests).toHaveLength(2)
  })

  it('a network failure on a read is retried; on a create it is not', async () => {
    const read = fakeFetch(new TypeError('fetch failed'), { status: 200, json: contact })
    expect((await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, fetch: read.fetch })).success).toBe(true)
    expect(read.requests).toHaveLength(2)

    const write = fakeFetch(new TypeError('fetch failed'), { status: 200, json: contact })
    const result = await executeTool('intercom_create_contact', { email: 'a@b.c' }, { accessToken: TEST_TOKEN, fetch: write.fetch })
    expect(result).toMatchObject({ success: false, error: { code: 'network_error', retryable: false } })
    expect(write.requests).toHaveLength(1)
  })

  it('a create whose connection was refused (nothing sent) is retried', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) })
    const fake = fakeFetch(refused, { status: 200, json: contact })
    const result = await executeTool('intercom_create_contact', { email: 'a@b.c' }, { accessToken: TEST_TOKEN, fetch: fake.fetch })
    expect(result.success).toBe(true)
    expect(fake.requests).toHaveLength(2)
  })

  it('a slow answer is a timeout, retried for reads only', async () => {
    const slow = (signalled: { count: number }) => (_request: unknown) =>
      new Promise<Response>((resolve) => {
        signalled.count++
        setTimeout(() => resolve(new Response(JSON.stringify(contact), { status: 200 })), 500)
      })
    const reads = { count: 0 }
    const readFetch: typeof fetch = (input, init) => slow(reads)(new Request(input, init))
    const read = await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, fetch: readFetch, timeoutMs: 50, maxRetries: 1 })
    expect(read).toMatchObject({ success: false, error: { code: 'timeout', retryable: true } })
    expect(reads.count).toBe(2)

    const writes = { count: 0 }
    const writeFetch: typeof fetch = (input, init) => slow(writes)(new Request(input, init))
    const write = await executeTool('intercom_create_contact', { email: 'a@b.c' }, { accessToken: TEST_TOKEN, fetch: writeFetch, timeoutMs: 50 })
    expect(write).toMatchObject({ success: false, error: { code: 'timeout', retryable: false } })
    expect(writes.count).toBe(1)
  })

  it('an abort signal cancels the wait between retries', async () => {
    const controller = new AbortController()
    const fake = fakeFetch({ status: 429, json: errorBody('rate_limit_exceeded', 'Exceeded'), headers: { 'content-type': 'application/json', 'retry-after': '30' } })
    const pending = executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, fetch: fake.fetch, signal: controller.signal, rateLimitStore: new MemoryRateLimitStore() })
    setTimeout(() => controller.abort(), 20)
    const result = await pending
    expect(result).toMatchObject({ success: false, error: { code: 'aborted' } })
    expect(fake.requests).toHaveLength(1)
  })

  it('reads Retry-After in seconds or as a date, and the X-RateLimit-* headers', () => {
    const at = 1_700_000_000_000
    expect(observe(new Headers({ 'retry-after': '7' }), 429, at, at, undefined).retryAt).toBe(at + 7000)
    expect(observe(new Headers({ 'retry-after': new Date(at + 3000).toUTCString() }), 429, at, at, undefined).retryAt).toBe(at + 3000)
    expect(observe(new Headers({ 'x-ratelimit-reset': String(at / 1000 + 9) }), 429, at, at, undefined).resetAt).toBe(at + 9000)
    expect(observe(new Headers({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '1700000009' }), 200, at, at, 4)).toMatchObject({ limit: 10, remaining: 3, resetAt: at + 9000, ticket: 4 })
  })
})

describe('secrets', () => {
  it('the token appears in no error, whatever goes wrong', async () => {
    const echo = `token ${TEST_TOKEN} was rejected`
    const cases: Array<[string, Record<string, unknown>, Parameters<typeof fakeFetch>[0]]> = [
      ['intercom_get_contact', { contactId: 'c1' }, { status: 401, json: errorBody('unauthorized', echo, TEST_TOKEN, TEST_TOKEN) }],
      ['intercom_get_contact', { contactId: 'c1' }, { status: 200, text: echo }],
      ['intercom_get_contact', { contactId: 'c1' }, new TypeError(echo)],
      ['intercom_get_contact', { contactId: TEST_TOKEN.slice(0, 0) }, { status: 200, json: contact }],
      ['intercom_create_contact', { email: 'a@b.c' }, { status: 500, text: echo }],
      ['intercom_search_contacts', { query: `{"field": "${TEST_TOKEN}"` }, { status: 200, json: contact }],
      ['intercom_nope', {}, { status: 200, json: contact }],
    ]
    for (const [id, params, reply] of cases) {
      const fake = fakeFetch(reply)
      const result = await executeTool(id, params, { accessToken: TEST_TOKEN, fetch: fake.fetch, maxRetries: 0 })
      expect(result.success).toBe(false)
      expect(JSON.stringify(result)).not.toContain(TEST_TOKEN)
    }
  })
})

describe('registry', () => {
  it('a duplicate id fails at load time', () => {
    const [first] = listTools()
    if (!first) throw new Error('empty registry')
    expect(() => buildRegistry([first], [first])).toThrow(/Duplicate tool id/)
  })

  it('holds each tool under its own id, frozen', () => {
    for (const [id, tool] of Object.entries(tools)) expect(tool.id).toBe(id)
    expect(Object.isFrozen(tools)).toBe(true)
  })

  it('PACKAGE_VERSION is package.json version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    expect(PACKAGE_VERSION).toBe(pkg.version)
  })
})
