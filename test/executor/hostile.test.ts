import { beforeEach, describe, expect, it } from 'vitest'
import { clearAdminCache, executeTool } from '../../index'
import { redact } from '../../tools/errors'
import type { ToolContext, ToolResult } from '../../types'
import { fakeFetch, jsonResponse, TEST_TOKEN, type RecordedRequest } from '../helpers/fake-fetch'

const contact = { type: 'contact', id: 'c1', email: 'jane@example.com', role: 'lead' }
const errorBody = (code: string, message: string) => ({ type: 'error.list', request_id: 'req-1', errors: [{ code, message }] })
const MAY_HAVE = 'may or may not have been applied'

function failure(result: ToolResult) {
  if (result.success) throw new Error(`expected a failure, got ${JSON.stringify(result.output)}`)
  return result.error
}

/** A transport that records what it is handed and never looks at the abort signal. */
function deafFetch(answer: (request: Request) => Promise<Response>) {
  const sent: string[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init)
    sent.push(`${request.method} ${new URL(request.url).pathname}`)
    return answer(request)
  }
  return { fetch, sent }
}

beforeEach(() => clearAdminCache())

describe('abort signal (defect 2)', () => {
  it('an already-aborted signal sends nothing, even through a transport that ignores signals', async () => {
    const transport = deafFetch(async () => jsonResponse(200, contact))
    const controller = new AbortController()
    controller.abort()
    for (const [id, params] of [
      ['intercom_get_contact', { contactId: 'c1' }],
      ['intercom_create_contact', { email: 'jane@example.com' }],
    ] as const) {
      const result = await executeTool(id, params, { accessToken: TEST_TOKEN, fetch: transport.fetch, signal: controller.signal })
      expect(failure(result)).toMatchObject({ code: 'aborted', retryable: true })
    }
    expect(transport.sent).toEqual([])
  })

  it('an abort during a request takes effect at once, not at timeoutMs, when the transport ignores it', async () => {
    const transport = deafFetch(() => new Promise<Response>(() => {}))
    const controller = new AbortController()
    const pending = executeTool('intercom_get_contact', { contactId: 'c1' }, {
      accessToken: TEST_TOKEN,
      fetch: transport.fetch,
      signal: controller.signal,
      timeoutMs: 600_000,
    })
    setTimeout(() => controller.abort(), 20)
    expect(failure(await pending)).toMatchObject({ code: 'aborted', retryable: true })
    expect(transport.sent).toEqual(['GET /contacts/c1'])
  })

  it('a write aborted in flight may have been applied: not retryable, and it says so', async () => {
    const transport = deafFetch(() => new Promise<Response>(() => {}))
    const controller = new AbortController()
    const pending = executeTool('intercom_create_contact', { email: 'jane@example.com' }, {
      accessToken: TEST_TOKEN,
      fetch: transport.fetch,
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(), 20)
    const error = failure(await pending)
    expect(error).toMatchObject({ code: 'aborted', retryable: false })
    expect(error.message).toContain(MAY_HAVE)
  })

  it('an abort between the create and its company link stops the link and names the created contact', async () => {
    const controller = new AbortController()
    const transport = deafFetch(async (request) => {
      if (request.method === 'POST' && new URL(request.url).pathname === '/contacts') {
        // The answer has arrived; the abort comes while its body is being read.
        const body = new TextEncoder().encode(JSON.stringify({ ...contact, id: 'c-new' }))
        const stream = new ReadableStream({
          pull(stream) {
            controller.abort()
            stream.enqueue(body)
            stream.close()
          },
        }, { highWaterMark: 0 })
        return new Response(stream, { status: 200, headers: { 'content-type': 'application/json' } })
      }
      return jsonResponse(200, { type: 'company', id: 'co1' })
    })
    const result = await executeTool('intercom_create_contact', { email: 'jane@example.com', company_id: 'co1' }, {
      accessToken: TEST_TOKEN,
      fetch: transport.fetch,
      signal: controller.signal,
    })
    const error = failure(result)
    expect(error).toMatchObject({ code: 'aborted', retryable: false, field: 'company_id' })
    expect(error.message).toContain('c-new')
    expect(transport.sent).toEqual(['POST /contacts'])
  })
})

describe('hostile ids and regions (defects 3 and 4)', () => {
  it.each(['\uD800', 'abc\uDFFF', '\uDC00\uD800'])('a lone surrogate in an id (%j) is a validation_error naming the field', async (id) => {
    const fake = fakeFetch({ status: 200, json: contact })
    const result = await executeTool('intercom_get_contact', { contactId: id }, { accessToken: TEST_TOKEN, fetch: fake.fetch })
    const error = failure(result)
    expect(error).toMatchObject({ code: 'validation_error', field: 'contactId', retryable: false })
    expect(error.message).toContain('contactId')
    expect(fake.requests).toHaveLength(0)
  })

  it('a whole surrogate pair (an emoji) is an ordinary character and is sent encoded', async () => {
    const fake = fakeFetch({ status: 200, json: contact })
    const result = await executeTool('intercom_get_contact', { contactId: 'a😀' }, { accessToken: TEST_TOKEN, fetch: fake.fetch })
    expect(result.success).toBe(true)
    expect(fake.requests[0]?.url.pathname).toBe('/contacts/a%F0%9F%98%80')
  })

  it('a lone surrogate in a query value is refused by name instead of being turned into U+FFFD', async () => {
    const fake = fakeFetch({ status: 200, json: { type: 'list', data: [] } })
    const result = await executeTool('intercom_list_contacts', { starting_after: 'x\uD800' }, { accessToken: TEST_TOKEN, fetch: fake.fetch })
    expect(failure(result)).toMatchObject({ code: 'validation_error', field: 'starting_after' })
    expect(fake.requests).toHaveLength(0)
  })

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'US', ''])('region %j is refused and nothing is sent', async (region) => {
    const fake = fakeFetch({ status: 200, json: contact })
    const result = await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, fetch: fake.fetch, region: region as never })
    expect(failure(result)).toMatchObject({ code: 'validation_error', field: 'region', retryable: false })
    expect(fake.requests).toHaveLength(0)
  })

  it.each([1, null, {}])('region %j (not text) is refused', async (region) => {
    const fake = fakeFetch({ status: 200, json: contact })
    const result = await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, fetch: fake.fetch, region: region as never })
    expect(failure(result)).toMatchObject({ code: 'validation_error', field: 'region' })
    expect(fake.requests).toHaveLength(0)
  })
})

describe('retryable on every error, and the write warning (defect 6)', () => {
  const brokenBody = () =>
    new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"type":"con'))
          controller.error(new Error('socket hang up'))
        },
      }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    )

  const cases: Array<[string, string, Record<string, unknown>, () => Response | Error, Partial<ToolContext>?]> = [
    ['unknown tool', 'intercom_nope', {}, () => jsonResponse(200, contact)],
    ['bad params', 'intercom_get_contact', {}, () => jsonResponse(200, contact)],
    ['bad context', 'intercom_get_contact', { contactId: 'c1' }, () => jsonResponse(200, contact), { timeoutMs: -1 }],
    ['non-JSON 200 on a read', 'intercom_get_contact', { contactId: 'c1' }, () => new Response('<html>', { status: 200 })],
    ['wrong shape on a read', 'intercom_get_contact', { contactId: 'c1' }, () => jsonResponse(200, [1])],
    ['broken body on a read', 'intercom_get_contact', { contactId: 'c1' }, brokenBody],
    ['broken body on a create', 'intercom_create_contact', { email: 'a@b.c' }, brokenBody],
    ['non-JSON 200 on a create', 'intercom_create_contact', { email: 'a@b.c' }, () => new Response('<html>', { status: 200 })],
    ['404', 'intercom_get_contact', { contactId: 'c1' }, () => jsonResponse(404, errorBody('not_found', 'User Not Found'))],
    ['network', 'intercom_create_contact', { email: 'a@b.c' }, () => new TypeError('fetch failed')],
  ]

  it.each(cases)('%s: the error says whether it is retryable', async (_name, id, params, answer, extra) => {
    const result = await executeTool(id, params, {
      accessToken: TEST_TOKEN,
      maxRetries: 0,
      fetch: async () => {
        const next = answer()
        if (next instanceof Error) throw next
        return next
      },
      ...extra,
    })
    expect(typeof failure(result).retryable).toBe('boolean')
  })

  it('a create answered 200 with a non-JSON body is not retryable and warns that it may have been applied', async () => {
    const fake = fakeFetch({ status: 200, text: '<html>ok</html>', headers: { 'content-type': 'text/html' } })
    const error = failure(await executeTool('intercom_create_contact', { email: 'a@b.c' }, { accessToken: TEST_TOKEN, fetch: fake.fetch }))
    expect(error).toMatchObject({ code: 'invalid_response', status: 200, retryable: false })
    expect(error.message).toContain(MAY_HAVE)
  })

  it('an idempotent write (update) answered 200 with a non-JSON body warns too', async () => {
    const fake = fakeFetch({ status: 200, text: 'not json' })
    const error = failure(await executeTool('intercom_update_contact', { contactId: 'c1', name: 'Jane' }, { accessToken: TEST_TOKEN, fetch: fake.fetch }))
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false })
    expect(error.message).toContain(MAY_HAVE)
  })

  it('a read answered with a non-JSON body does not speak of a change', async () => {
    const fake = fakeFetch({ status: 200, text: 'not json' })
    const error = failure(await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, fetch: fake.fetch }))
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false })
    expect(error.message).not.toContain(MAY_HAVE)
  })

  it('a create answered 200 with JSON the tool cannot read was applied: not retryable', async () => {
    const fake = fakeFetch({ status: 200, json: { type: 'contact' } })
    const error = failure(await executeTool('intercom_create_contact', { email: 'a@b.c' }, { accessToken: TEST_TOKEN, fetch: fake.fetch }))
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false })
    expect(error.message).toContain('do not send the same call again')
  })

  it('a create whose body broke while being read may have been applied', async () => {
    const error = failure(await executeTool('intercom_create_contact', { email: 'a@b.c' }, { accessToken: TEST_TOKEN, fetch: async () => brokenBody() }))
    expect(error).toMatchObject({ code: 'network_error', retryable: false })
    expect(error.message).toContain(MAY_HAVE)
  })

  it.each([undefined, null, 'tok', []])('a context of %j is a validation_error naming context', async (context) => {
    const error = failure(await executeTool('intercom_get_contact', { contactId: 'c1' }, context as never))
    expect(error).toMatchObject({ code: 'validation_error', field: 'context', retryable: false })
  })
})

describe('a failure after a write was applied (defect 1)', () => {
  function createThenLinkFails(linkAnswer: (request: RecordedRequest) => Response) {
    let contacts = 0
    const fake = fakeFetch((request) => {
      if (request.method === 'POST' && request.url.pathname === '/contacts') {
        contacts++
        return jsonResponse(200, { ...contact, id: `c-${contacts}` })
      }
      return linkAnswer(request)
    })
    return { fake, contacts: () => contacts }
  }

  it('create_contact + company_id: the link failing with a 5xx is not retryable and names the created contact', async () => {
    const { fake, contacts } = createThenLinkFails(() => jsonResponse(503, errorBody('service_unavailable', 'Down')))
    // A caller that retries while `retryable` says so, up to three attempts.
    let result: ToolResult | undefined
    for (let attempt = 0; attempt < 3; attempt++) {
      result = await executeTool('intercom_create_contact', { email: 'jane@example.com', company_id: 'co1' }, {
        accessToken: TEST_TOKEN,
        fetch: fake.fetch,
        maxRetries: 1,
      })
      if (result.success || !result.error.retryable) break
    }
    expect(contacts()).toBe(1)
    const error = failure(result as ToolResult)
    expect(error).toMatchObject({ code: 'service_unavailable', retryable: false, field: 'company_id' })
    expect(error.message).toContain('Contact c-1 was created')
    expect(error.message).toContain('intercom_attach_contact_to_company')
  })

  it('the link applied but the read-back failing still names the contact and is not retryable', async () => {
    const { fake } = createThenLinkFails((request) =>
      request.method === 'GET' ? jsonResponse(500, errorBody('server_error', 'Boom')) : jsonResponse(200, { type: 'company', id: 'co1' }),
    )
    const error = failure(
      await executeTool('intercom_create_contact', { email: 'jane@example.com', company_id: 'co1' }, { accessToken: TEST_TOKEN, fetch: fake.fetch, maxRetries: 0 }),
    )
    expect(error).toMatchObject({ retryable: false })
    expect(error.message).toContain('c-1 was created and linked to company co1')
  })

  it('update_contact + company_id follows the same rule', async () => {
    const fake = fakeFetch((request) =>
      request.method === 'PUT' ? jsonResponse(200, contact) : jsonResponse(502, errorBody('bad_gateway', 'Bad gateway')),
    )
    const error = failure(
      await executeTool('intercom_update_contact', { contactId: 'c1', name: 'J', company_id: 'co1' }, { accessToken: TEST_TOKEN, fetch: fake.fetch, maxRetries: 0 }),
    )
    expect(error).toMatchObject({ retryable: false })
    expect(error.message).toContain('Contact c1 was updated')
  })
})

describe('credentials in baseUrl (defect 7)', () => {
  it.each([
    'https://user:s3cr3tpass@proxy.example',
    'https://s3cr3tuser@proxy.example/intercom',
    'http://user:s3cr3t%40pass@127.0.0.1:9',
  ])('%s is refused naming baseUrl, and the credentials appear nowhere', async (baseUrl) => {
    const fake = fakeFetch({ status: 200, json: contact })
    const result = await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, baseUrl, fetch: fake.fetch })
    expect(failure(result)).toMatchObject({ code: 'validation_error', field: 'baseUrl', retryable: false })
    const text = JSON.stringify(result)
    expect(text).not.toMatch(/s3cr3t/)
    // The explanation itself survives the redaction (a user name such as "user" once blanked it).
    expect(failure(result).message).toBe('baseUrl: must not carry login details before its host: fetch refuses such URLs. Give the address without them')
    expect(fake.requests).toHaveLength(0)
  })

  it('redact removes every secret given, longest first', () => {
    expect(redact('a user:pw-secret@host and pw-secret', ['pw-secret', 'user:pw-secret@'])).toBe('a [redacted]host and [redacted]')
    expect(redact('short ab', ['ab'])).toBe('short ab')
  })
})

describe('messages for people and models', () => {
  it('a missing required param says "<name> is required"', async () => {
    const error = failure(await executeTool('intercom_get_contact' as string, {}, { accessToken: TEST_TOKEN, fetch: fakeFetch().fetch }))
    expect(error).toMatchObject({ code: 'validation_error', field: 'contactId' })
    expect(error.message).toBe('contactId is required')
  })

  it('a param given as null is not called missing', async () => {
    const error = failure(await executeTool('intercom_get_contact' as string, { contactId: null }, { accessToken: TEST_TOKEN, fetch: fakeFetch().fetch }))
    expect(error.message).not.toContain('is required')
    expect(error.message).toContain('contactId')
  })

  it("Intercom's message and our hint are separate sentences", async () => {
    const fake = fakeFetch({ status: 404, json: errorBody('not_found', 'User Not Found') })
    const error = failure(await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, fetch: fake.fetch }))
    expect(error.message).toMatch(/^User Not Found\. Check the id/)
  })

  it('a message that already ends a sentence gets no second full stop', async () => {
    const fake = fakeFetch({ status: 401, json: errorBody('unauthorized', 'Access Token Invalid!') })
    const error = failure(await executeTool('intercom_get_contact', { contactId: 'c1' }, { accessToken: TEST_TOKEN, fetch: fake.fetch }))
    expect(error.message).toMatch(/^Access Token Invalid! Check the access token/)
  })
})

describe('"__proto__" inside params (defect 5)', () => {
  const protoText = '{"__proto__":{"x":1},"plan":"pro"}'

  it.each([
    ['JSON text', protoText, 'custom_attributes'],
    ['an object parsed by the caller', JSON.parse(protoText) as unknown, 'custom_attributes'],
    ['nested JSON text', '{"plan":{"__proto__":{"x":1}}}', 'custom_attributes.plan'],
  ])('custom_attributes as %s is refused by name, nothing sent', async (_name, value, field) => {
    const fake = fakeFetch({ status: 200, json: contact })
    const result = await executeTool('intercom_create_contact', { email: 'a@b.c', custom_attributes: value }, { accessToken: TEST_TOKEN, fetch: fake.fetch })
    const error = failure(result)
    expect(error).toMatchObject({ code: 'validation_error', field, retryable: false })
    expect(error.message).toContain('__proto__')
    expect(fake.requests).toHaveLength(0)
  })

  it('a search query holding "__proto__" is refused too', async () => {
    const fake = fakeFetch({ status: 200, json: { type: 'list', data: [] } })
    const query = '{"field":"email","operator":"=","value":"a","__proto__":{}}'
    const error = failure(await executeTool('intercom_search_contacts', { query }, { accessToken: TEST_TOKEN, fetch: fake.fetch }))
    expect(error).toMatchObject({ code: 'validation_error', field: 'query' })
    expect(error.message).toContain('__proto__')
    expect(fake.requests).toHaveLength(0)
  })

  it('a top-level own "__proto__" param is refused', async () => {
    const fake = fakeFetch({ status: 200, json: contact })
    const params = JSON.parse('{"contactId":"c1","__proto__":{"x":1}}') as Record<string, unknown>
    const error = failure(await executeTool('intercom_get_contact' as string, params, { accessToken: TEST_TOKEN, fetch: fake.fetch }))
    expect(error).toMatchObject({ code: 'validation_error', field: 'params' })
    expect(fake.requests).toHaveLength(0)
  })

  it('"constructor" and "prototype" are ordinary keys: sent as given', async () => {
    const fake = fakeFetch({ status: 200, json: contact })
    const result = await executeTool(
      'intercom_create_contact',
      { email: 'a@b.c', custom_attributes: '{"constructor":{"x":1},"prototype":2,"plan":"pro"}' },
      { accessToken: TEST_TOKEN, fetch: fake.fetch },
    )
    expect(result.success).toBe(true)
    expect(fake.requests[0]?.body).toEqual({ email: 'a@b.c', custom_attributes: { constructor: { x: 1 }, prototype: 2, plan: 'pro' } })
  })
})
