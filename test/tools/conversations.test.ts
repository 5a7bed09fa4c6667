import { describe, expect, it } from 'vitest'
import { getTool } from '../../index'
import { TEST_TOKEN } from '../helpers/fake-fetch'
import { toolHarness, HOSTILE_IDS } from '../helpers/tool-harness'

const BASE = 'https://api.intercom.io'
const ADMIN = { type: 'admin', id: '991267715', name: 'Ciaran Lee', email: 'admin@example.com' }

const conversation = {
  type: 'conversation',
  id: '1295',
  title: null,
  created_at: 1734537582,
  updated_at: 1734537584,
  waiting_since: null,
  snoozed_until: null,
  open: true,
  state: 'open',
  read: false,
  priority: 'none',
  admin_assignee_id: 991267715,
  team_assignee_id: 5017691,
  source: {
    type: 'conversation',
    id: '403918356',
    delivered_as: 'admin_initiated',
    subject: '',
    body: '<p>this is the message body</p>',
    author: { type: 'admin', id: '991267708', name: 'Ciaran Lee', email: 'admin@example.com' },
    attachments: [],
    url: null,
    redacted: false,
  },
  contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: '6762f16e1bb69f9f2193bbc2', external_id: '70' }] },
  tags: { type: 'tag.list', tags: [] },
  conversation_parts: {
    type: 'conversation_part.list',
    conversation_parts: [{ type: 'conversation_part', id: 136, part_type: 'comment', body: '<p>Hi</p>', author: ADMIN }],
    total_count: 1,
  },
  some_future_field: { nested: true },
}
const closed = { ...conversation, open: false, state: 'closed' }
const snoozed = { ...conversation, state: 'snoozed', snoozed_until: 1893456000 }
const conversationList = (ids: string[], next?: string) => ({
  type: 'conversation.list',
  conversations: ids.map((id) => ({ ...conversation, id, conversation_parts: undefined })),
  total_count: 3,
  pages: { type: 'pages', page: 1, per_page: 2, total_pages: 2, ...(next ? { next: { per_page: 2, starting_after: next } } : {}) },
})

const t = toolHarness()

/** Minimal valid params of every tool with a conversationId path param, for the hostile-id tests. */
const pathTools: Array<[string, Record<string, unknown>, string]> = [
  ['intercom_get_conversation', {}, ''],
  ['intercom_reply_conversation', { message_type: 'comment', body: 'Hi', admin_id: '1' }, '/reply'],
  ['intercom_close_conversation', { admin_id: '1' }, '/parts'],
  ['intercom_open_conversation', { admin_id: '1' }, '/parts'],
  ['intercom_snooze_conversation', { admin_id: '1', snoozed_until: 1893456000 }, '/parts'],
  ['intercom_assign_conversation', { admin_id: '1', assignee_id: '2' }, '/parts'],
]

describe.each(pathTools)('%s conversationId', (toolId, rest, suffix) => {
  it.each([
    ...HOSTILE_IDS,
    ['x?y=1#z', 'x%3Fy%3D1%23z'],
    ['%2e%2e', '%252e%252e'],
  ])('encodes the hostile id %j as one segment', async (id, encoded) => {
    t.fake.reply({ status: 200, json: conversation })
    const result = await t.run(toolId, { conversationId: id, ...rest })
    expect(result.success).toBe(true)
    expect(t.fake.requests).toHaveLength(1)
    expect(t.fake.requests[0]?.url.pathname).toBe(`/conversations/${encoded}${suffix}`)
    expect(t.fake.requests[0]?.url.search).toBe('')
  })

  it.each(['', '   ', '.', '..', null, true, -1])('refuses the id %j and sends nothing', async (id) => {
    await t.expectRefused(toolId, { conversationId: id, ...rest }, 'conversationId')
  })

  it('refuses a call without conversationId', async () => {
    await t.expectRefused(toolId, rest, 'conversationId')
  })
})

describe('intercom_get_conversation', () => {
  it('GETs the conversation, with the headers, and returns it whole, parts and new fields included', async () => {
    t.fake.reply({ status: 200, json: conversation })
    const result = await t.run('intercom_get_conversation', { conversationId: '1295' })
    expect(t.fake.requests).toHaveLength(1)
    const [request] = t.fake.requests
    expect(request?.method).toBe('GET')
    expect(request?.url.href).toBe(`${BASE}/conversations/1295`)
    expect(request?.body).toBeUndefined()
    expect(request?.headers.get('authorization')).toBe(`Bearer ${TEST_TOKEN}`)
    expect(request?.headers.get('intercom-version')).toBe('2.16')
    expect(request?.headers.get('accept')).toBe('application/json')
    expect(request?.headers.get('user-agent')).toMatch(/^intercom-blocks\/\d+\.\d+\.\d+/)
    expect(result).toEqual({ success: true, output: { conversation } })
    expect(t.parseOutput('intercom_get_conversation', result.success && result.output)).toMatchObject({
      conversation: { some_future_field: { nested: true } },
    })
  })

  it.each([
    [{ display_as: 'plaintext', include_translations: true }, { display_as: 'plaintext', include_translations: 'true' }],
    [{ include_translations: false }, { include_translations: 'false' }],
    [{ display_as: 'plaintext' }, { display_as: 'plaintext' }],
  ])('sends %j as the query %j', async (params, query) => {
    t.fake.reply({ status: 200, json: conversation })
    await t.run('intercom_get_conversation', { conversationId: 1295, ...params })
    expect(t.fake.requests[0]?.url.pathname).toBe('/conversations/1295')
    expect(Object.fromEntries(t.fake.requests[0]?.url.searchParams ?? [])).toEqual(query)
  })

  it.each([
    [{ conversationId: '1', display_as: 'html' }, 'display_as'],
    [{ conversationId: '1', include_translations: 'true' }, 'include_translations'],
    [{ conversationId: '1', include_translations: 1 }, 'include_translations'],
    [{ conversationId: '1', displayAs: 'plaintext' }, 'displayAs'],
  ])('refuses %j and sends nothing', async (params, field) => {
    await t.expectRefused('intercom_get_conversation', params, field)
  })

  it('reports a plan restriction with Intercom\'s code', async () => {
    t.fake.reply({
      status: 403,
      json: { type: 'error.list', request_id: 'r-403', errors: [{ code: 'api_plan_restricted', message: 'Active subscription needed.' }] },
    })
    const result = await t.run('intercom_get_conversation', { conversationId: '1295' })
    expect(result).toMatchObject({ success: false, error: { code: 'api_plan_restricted', status: 403, requestId: 'r-403' } })
  })
})

describe('intercom_list_conversations', () => {
  it('sends per_page and starting_after as query parameters and returns the list and the next cursor', async () => {
    const list = conversationList(['1', '2'], 'cursor-2')
    t.fake.reply({ status: 200, json: list })
    const result = await t.run('intercom_list_conversations', { per_page: 2, starting_after: 'cursor-1' })
    expect(t.fake.requests[0]?.method).toBe('GET')
    expect(t.fake.requests[0]?.url.pathname).toBe('/conversations')
    expect(Object.fromEntries(t.fake.requests[0]?.url.searchParams ?? [])).toEqual({ per_page: '2', starting_after: 'cursor-1' })
    expect(t.fake.requests[0]?.body).toBeUndefined()
    expect(result).toEqual({
      success: true,
      output: { conversations: list.conversations, pages: list.pages, total_count: 3 },
    })
    t.parseOutput('intercom_list_conversations', result.success && result.output)
  })

  it('sends no query for the first page with defaults', async () => {
    t.fake.reply({ status: 200, json: conversationList(['1']) })
    await t.run('intercom_list_conversations', {})
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/conversations`)
  })

  it.each([
    [{ per_page: 0 }, 'per_page', ''],
    [{ per_page: 151 }, 'per_page', ''],
    [{ per_page: 1.5 }, 'per_page', ''],
    [{ per_page: '10' }, 'per_page', ''],
    [{ starting_after: '' }, 'starting_after', ''],
    [{ sort: 'updated_at' }, 'sort', 'not a parameter'],
    [{ order: 'desc' }, 'order', 'not a parameter'],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_list_conversations', params, field, text)
  })

  it('does not invent pages or total_count that Intercom did not send', async () => {
    t.fake.reply({ status: 200, json: { type: 'conversation.list', conversations: [] } })
    const result = await t.run('intercom_list_conversations', {})
    expect(result).toEqual({ success: true, output: { conversations: [], pages: undefined, total_count: undefined } })
  })

  it('fails clearly when the answer has no conversations array', async () => {
    t.fake.reply({ status: 200, json: { type: 'conversation.list', data: [] } })
    const result = await t.run('intercom_list_conversations', {})
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_response' } })
  })
})

describe('intercom_search_conversations', () => {
  const query = {
    operator: 'AND',
    value: [
      { field: 'open', operator: '=', value: true },
      { operator: 'OR', value: [{ field: 'admin_assignee_id', operator: '=', value: 0 }, { field: 'team_assignee_id', operator: 'IN', value: [5017691, 5017692] }] },
    ],
  }

  it('POSTs the query with pagination and returns the matches', async () => {
    const list = conversationList(['1'], 'cursor-2')
    t.fake.reply({ status: 200, json: list })
    const result = await t.run('intercom_search_conversations', { query: JSON.stringify(query), per_page: 25, starting_after: 'c1' })
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/conversations/search`)
    expect(t.fake.requests[0]?.body).toEqual({ query, pagination: { per_page: 25, starting_after: 'c1' } })
    expect(t.fake.requests[0]?.headers.get('content-type')).toMatch(/^application\/json/)
    expect(result).toEqual({ success: true, output: { conversations: list.conversations, pages: list.pages, total_count: 3 } })
    t.parseOutput('intercom_search_conversations', result.success && result.output)
  })

  it('sends only the query when nothing else is given, and pagination with only what is given', async () => {
    t.fake.reply({ status: 200, json: conversationList([]) })
    const filter = { field: 'state', operator: '=', value: 'open' }
    await t.run('intercom_search_conversations', { query: filter })
    await t.run('intercom_search_conversations', { query: filter, per_page: 1 })
    await t.run('intercom_search_conversations', { query: filter, starting_after: 'c9' })
    expect(t.fake.requests.map((request) => request.body)).toEqual([
      { query: filter },
      { query: filter, pagination: { per_page: 1 } },
      { query: filter, pagination: { starting_after: 'c9' } },
    ])
  })

  const filter = { field: 'state', operator: '=', value: 'open' }
  const deep = { operator: 'AND', value: [{ operator: 'OR', value: [{ operator: 'AND', value: [filter] }] }] }
  it.each([
    [{}, 'query', ''],
    [{ query: '{"field":"state"' }, 'query', 'not valid JSON'],
    [{ query: '' }, 'query', 'not valid JSON'],
    [{ query: { field: 'state', operator: 'LIKE', value: 'open' } }, 'query.operator', ''],
    [{ query: { field: 'state', operator: 'IN', value: 'open' } }, 'query.value', 'needs an array'],
    [{ query: { operator: 'AND', value: Array.from({ length: 16 }, () => filter) } }, 'query.value', ''],
    [{ query: deep }, 'query', 'at most 2'],
    [{ query: filter, per_page: 151 }, 'per_page', ''],
    [{ query: filter, per_page: 0 }, 'per_page', ''],
    [{ query: filter, starting_after: '' }, 'starting_after', ''],
    [{ query: filter, sort_field: 'updated_at' }, 'sort_field', 'not a parameter'],
    [{ query: filter, sort_order: 'ascending' }, 'sort_order', 'not a parameter'],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_search_conversations', params, field, text)
  })
})

describe('intercom_reply_conversation', () => {
  it('POSTs an admin reply with every field and returns the conversation and its id', async () => {
    t.fake.reply({ status: 200, json: conversation })
    const result = await t.run(
      'intercom_reply_conversation',
      {
        conversationId: '1295',
        message_type: 'note',
        body: '<p>Refund issued.</p>',
        admin_id: 991267715,
        attachment_urls: ' https://example.com/a.png ,http://example.com/b.png?x=1 ',
        created_at: 0,
      },
    )
    expect(t.fake.requests).toHaveLength(1)
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/conversations/1295/reply`)
    expect(t.fake.requests[0]?.body).toEqual({
      message_type: 'note',
      type: 'admin',
      admin_id: '991267715',
      body: '<p>Refund issued.</p>',
      attachment_urls: ['https://example.com/a.png', 'http://example.com/b.png?x=1'],
      created_at: 0,
    })
    expect(result).toEqual({ success: true, output: { conversation, conversationId: '1295' } })
    t.parseOutput('intercom_reply_conversation', result.success && result.output)
  })

  it('accepts attachment_urls as an array and sends it as given; "last" as the conversation id', async () => {
    t.fake.reply({ status: 200, json: conversation })
    const urls = Array.from({ length: 10 }, (_, index) => `https://example.com/${index}.png`)
    const result = await t.run(
      'intercom_reply_conversation',
      { conversationId: 'last', message_type: 'comment', body: 'Hi', admin_id: '7', attachment_urls: urls },
    )
    expect(t.fake.requests[0]?.url.pathname).toBe('/conversations/last/reply')
    expect(t.fake.requests[0]?.body).toEqual({ message_type: 'comment', type: 'admin', admin_id: '7', body: 'Hi', attachment_urls: urls })
    // The id comes from Intercom's answer, not from the "last" that was asked for.
    expect(result).toMatchObject({ success: true, output: { conversationId: '1295' } })
  })

  it("without admin_id, looks up the token's admin with GET /me once and replies as that admin", async () => {
    t.fake.reply({ status: 200, json: ADMIN }, { status: 200, json: conversation })
    const params = { conversationId: '1295', message_type: 'comment', body: 'Hello' }
    const first = await t.run('intercom_reply_conversation', params)
    const second = await t.run('intercom_reply_conversation', { ...params, body: 'Again' })
    expect(t.fake.requests.map((request) => `${request.method} ${request.url.pathname}`)).toEqual([
      'GET /me',
      'POST /conversations/1295/reply',
      'POST /conversations/1295/reply',
    ])
    expect(t.fake.requests[0]?.headers.get('authorization')).toBe(`Bearer ${TEST_TOKEN}`)
    expect(t.fake.requests[1]?.body).toEqual({ message_type: 'comment', type: 'admin', admin_id: ADMIN.id, body: 'Hello' })
    expect(t.fake.requests[2]?.body).toEqual({ message_type: 'comment', type: 'admin', admin_id: ADMIN.id, body: 'Again' })
    expect(first).toEqual({ success: true, output: { conversation, conversationId: '1295' } })
    expect(second.success).toBe(true)
  })

  it('sends a numeric /me id as text', async () => {
    t.fake.reply({ status: 200, json: { ...ADMIN, id: 42 } }, { status: 200, json: conversation })
    await t.run('intercom_reply_conversation', { conversationId: '1295', message_type: 'comment', body: 'Hi' })
    expect(t.fake.requests[1]?.body).toMatchObject({ admin_id: '42' })
  })

  it('makes no lookup when admin_id is given', async () => {
    t.fake.reply({ status: 200, json: conversation })
    await t.run('intercom_reply_conversation', { conversationId: '1295', message_type: 'comment', body: 'Hi', admin_id: '5' })
    expect(t.fake.requests.map((request) => `${request.method} ${request.url.pathname}`)).toEqual(['POST /conversations/1295/reply'])
  })

  it('sends nothing and names admin_id when the /me lookup fails', async () => {
    t.fake.reply({ status: 401, json: { type: 'error.list', request_id: 'r-401', errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }] } })
    const result = await t.run('intercom_reply_conversation', { conversationId: '1295', message_type: 'comment', body: 'Hi' })
    expect(t.fake.requests.map((request) => `${request.method} ${request.url.pathname}`)).toEqual(['GET /me'])
    expect(result.success).toBe(false)
    if (result.success) return
    expect(result.error).toMatchObject({ code: 'unauthorized', status: 401, field: 'admin_id', requestId: 'r-401' })
    expect(result.error.message).toContain('GET /me')
    expect(result.error.message).not.toContain(TEST_TOKEN)
  })

  it('does not resend a reply after a 5xx: a reply is not idempotent', async () => {
    t.fake.reply({ status: 502, json: { type: 'error.list', errors: [{ code: 'server_error', message: 'Bad gateway' }] } }, { status: 200, json: conversation })
    const result = await t.run('intercom_reply_conversation', { conversationId: '1295', message_type: 'comment', body: 'Hi', admin_id: '5' }, { maxRetries: 3 })
    expect(t.fake.requests).toHaveLength(1)
    expect(result).toMatchObject({ success: false, error: { code: 'server_error', status: 502, retryable: false } })
  })

  const base = { conversationId: '1295', message_type: 'comment', body: 'Hi', admin_id: '5' }
  it.each([
    [{ ...base, message_type: 'quick_reply' }, 'message_type', ''],
    [{ ...base, message_type: undefined }, 'message_type', ''],
    [{ ...base, body: undefined }, 'body', ''],
    [{ ...base, body: '  ' }, 'body', 'must not be empty'],
    [{ ...base, admin_id: '..' }, 'admin_id', "not '.' or '..'"],
    [{ ...base, admin_id: '' }, 'admin_id', 'must not be empty'],
    [{ ...base, admin_id: 1.5 }, 'admin_id', ''],
    [{ ...base, attachment_urls: 'not a url' }, 'attachment_urls.0', 'http(s) URL'],
    [{ ...base, attachment_urls: 'https://example.com/a.png, ftp://example.com/b.png' }, 'attachment_urls.1', 'http(s) URL'],
    [{ ...base, attachment_urls: ['https://example.com/a.png', 'javascript:alert(1)'] }, 'attachment_urls.1', 'http(s) URL'],
    [{ ...base, attachment_urls: Array.from({ length: 11 }, (_, index) => `https://example.com/${index}.png`).join(',') }, 'attachment_urls', ''],
    [{ ...base, attachment_urls: 42 }, 'attachment_urls', ''],
    [{ ...base, attachment_urls: 'https://example.com/a.png,' }, 'attachment_urls.1', 'is empty'],
    [{ ...base, attachment_urls: 'https://example.com/a.png,,https://example.com/b.png' }, 'attachment_urls.1', 'is empty'],
    [{ ...base, attachment_urls: '' }, 'attachment_urls.0', 'is empty'],
    [{ ...base, created_at: -1 }, 'created_at', ''],
    [{ ...base, created_at: '1734537600' }, 'created_at', ''],
    [{ ...base, type: 'user' }, 'type', 'not a parameter'],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_reply_conversation', params, field, text)
  })
})

describe('intercom_close_conversation', () => {
  it('POSTs a close part as the admin, with the optional message, and returns the state Intercom reports', async () => {
    t.fake.reply({ status: 200, json: closed })
    const result = await t.run('intercom_close_conversation', { conversationId: '1295', admin_id: 991267715, body: 'Goodbye :)' })
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/conversations/1295/parts`)
    expect(t.fake.requests[0]?.body).toEqual({ message_type: 'close', type: 'admin', admin_id: '991267715', body: 'Goodbye :)' })
    expect(result).toEqual({ success: true, output: { conversation: closed, conversationId: '1295', state: 'closed' } })
    t.parseOutput('intercom_close_conversation', result.success && result.output)
  })

  it('sends no body field when none is given, an empty one when given empty', async () => {
    t.fake.reply({ status: 200, json: closed })
    await t.run('intercom_close_conversation', { conversationId: '1295', admin_id: '5' })
    await t.run('intercom_close_conversation', { conversationId: '1295', admin_id: '5', body: '' })
    expect(t.fake.requests.map((request) => request.body)).toEqual([
      { message_type: 'close', type: 'admin', admin_id: '5' },
      { message_type: 'close', type: 'admin', admin_id: '5', body: '' },
    ])
  })

  it('reports the state Intercom sends, and none when it sends none', async () => {
    const { state: _state, ...stateless } = closed
    t.fake.reply({ status: 200, json: stateless })
    const result = await t.run('intercom_close_conversation', { conversationId: '1295', admin_id: '5' })
    expect(result).toEqual({ success: true, output: { conversation: stateless, conversationId: '1295', state: undefined } })
  })

  it.each([
    [{ conversationId: '1295' }, 'admin_id'],
    [{ conversationId: '1295', admin_id: '..' }, 'admin_id'],
    [{ conversationId: '1295', admin_id: '5', body: 5 }, 'body'],
    [{ conversationId: '1295', admin_id: '5', state: 'closed' }, 'state'],
  ])('refuses %j and sends nothing', async (params, field) => {
    await t.expectRefused('intercom_close_conversation', params, field)
  })
})

describe('intercom_open_conversation', () => {
  it('POSTs an open part as the admin and returns the state Intercom reports', async () => {
    t.fake.reply({ status: 200, json: conversation })
    const result = await t.run('intercom_open_conversation', { conversationId: '1295', admin_id: '5017690' })
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/conversations/1295/parts`)
    expect(t.fake.requests[0]?.body).toEqual({ message_type: 'open', admin_id: '5017690' })
    expect(result).toEqual({ success: true, output: { conversation, conversationId: '1295', state: 'open' } })
    t.parseOutput('intercom_open_conversation', result.success && result.output)
  })

  it.each([
    [{ conversationId: '1295' }, 'admin_id'],
    [{ conversationId: '1295', admin_id: null }, 'admin_id'],
    [{ conversationId: '1295', admin_id: '5', body: 'hi' }, 'body'],
  ])('refuses %j and sends nothing', async (params, field) => {
    await t.expectRefused('intercom_open_conversation', params, field)
  })
})

describe('intercom_snooze_conversation', () => {
  it('POSTs a snoozed part and returns the state and snoozed_until Intercom reports', async () => {
    t.fake.reply({ status: 200, json: snoozed })
    const result = await t.run('intercom_snooze_conversation', { conversationId: 1295, admin_id: '5', snoozed_until: 1893456000 })
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/conversations/1295/parts`)
    expect(t.fake.requests[0]?.body).toEqual({ message_type: 'snoozed', admin_id: '5', snoozed_until: 1893456000 })
    expect(result).toEqual({
      success: true,
      output: { conversation: snoozed, conversationId: '1295', state: 'snoozed', snoozed_until: 1893456000 },
    })
    t.parseOutput('intercom_snooze_conversation', result.success && result.output)
  })

  it('reports what Intercom answered, not what was asked for', async () => {
    t.fake.reply({ status: 200, json: { ...snoozed, snoozed_until: 1893459600 } })
    const result = await t.run('intercom_snooze_conversation', { conversationId: '1295', admin_id: '5', snoozed_until: 1893456000 })
    expect(result).toMatchObject({ success: true, output: { snoozed_until: 1893459600 } })
  })

  it.each([
    [{ conversationId: '1295', admin_id: '5' }, 'snoozed_until'],
    [{ conversationId: '1295', admin_id: '5', snoozed_until: '1893456000' }, 'snoozed_until'],
    [{ conversationId: '1295', admin_id: '5', snoozed_until: 1893456000.5 }, 'snoozed_until'],
    [{ conversationId: '1295', admin_id: '5', snoozed_until: -1 }, 'snoozed_until'],
    [{ conversationId: '1295', snoozed_until: 1893456000 }, 'admin_id'],
  ])('refuses %j and sends nothing', async (params, field) => {
    await t.expectRefused('intercom_snooze_conversation', params, field)
  })
})

describe('intercom_assign_conversation', () => {
  it('assigns to an admin by default and returns both assignee ids as Intercom reports them', async () => {
    t.fake.reply({ status: 200, json: conversation })
    const result = await t.run('intercom_assign_conversation', { conversationId: '1295', admin_id: '5', assignee_id: 991267715 })
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/conversations/1295/parts`)
    expect(t.fake.requests[0]?.body).toEqual({ message_type: 'assignment', type: 'admin', admin_id: '5', assignee_id: '991267715' })
    expect(result).toEqual({
      success: true,
      output: { conversation, conversationId: '1295', admin_assignee_id: 991267715, team_assignee_id: 5017691 },
    })
    t.parseOutput('intercom_assign_conversation', result.success && result.output)
  })

  it('assigns to a team with a message', async () => {
    t.fake.reply({ status: 200, json: conversation })
    await t.run(
      'intercom_assign_conversation',
      { conversationId: '1295', admin_id: '5', assignee_id: '5017691', assignee_type: 'team', body: 'Passing you to billing.' },
    )
    expect(t.fake.requests[0]?.body).toEqual({
      message_type: 'assignment',
      type: 'team',
      admin_id: '5',
      assignee_id: '5017691',
      body: 'Passing you to billing.',
    })
  })

  it('unassigns with assignee_id "0" (or 0) and reports the 0 Intercom sends back', async () => {
    const unassigned = { ...conversation, admin_assignee_id: 0 }
    t.fake.reply({ status: 200, json: unassigned })
    const first = await t.run('intercom_assign_conversation', { conversationId: '1295', admin_id: '5', assignee_id: '0' })
    await t.run('intercom_assign_conversation', { conversationId: '1295', admin_id: '5', assignee_id: 0 })
    expect(t.fake.requests.map((request) => request.body)).toEqual([
      { message_type: 'assignment', type: 'admin', admin_id: '5', assignee_id: '0' },
      { message_type: 'assignment', type: 'admin', admin_id: '5', assignee_id: '0' },
    ])
    expect(first).toMatchObject({ success: true, output: { admin_assignee_id: 0, team_assignee_id: 5017691 } })
  })

  it('does not invent assignee ids that Intercom did not send', async () => {
    const { admin_assignee_id: _a, team_assignee_id: _t, ...bare } = conversation
    t.fake.reply({ status: 200, json: bare })
    const result = await t.run('intercom_assign_conversation', { conversationId: '1295', admin_id: '5', assignee_id: '6' })
    expect(result).toEqual({
      success: true,
      output: { conversation: bare, conversationId: '1295', admin_assignee_id: undefined, team_assignee_id: undefined },
    })
  })

  it.each([
    [{ conversationId: '1295', admin_id: '5' }, 'assignee_id'],
    [{ conversationId: '1295', admin_id: '5', assignee_id: '' }, 'assignee_id'],
    [{ conversationId: '1295', assignee_id: '6' }, 'admin_id'],
    [{ conversationId: '1295', admin_id: '5', assignee_id: '6', assignee_type: 'bot' }, 'assignee_type'],
    [{ conversationId: '1295', admin_id: '5', assignee_id: '6', type: 'team' }, 'type'],
  ])('refuses %j and sends nothing', async (params, field) => {
    await t.expectRefused('intercom_assign_conversation', params, field)
  })
})

describe('conversation tool annotations', () => {
  const read = { readOnly: true, destructive: false, idempotent: true }
  const write = { readOnly: false, destructive: false, idempotent: false }
  it.each([
    ['intercom_get_conversation', read],
    ['intercom_list_conversations', read],
    ['intercom_search_conversations', read],
    ['intercom_reply_conversation', write],
    ['intercom_close_conversation', write],
    ['intercom_open_conversation', write],
    ['intercom_snooze_conversation', write],
    ['intercom_assign_conversation', write],
  ])('%s is annotated %j', (toolId, annotations) => {
    expect(getTool(toolId)?.annotations).toEqual(annotations)
  })

  it('retries a search after a 5xx: it only reads', async () => {
    t.fake.reply({ status: 503, json: { type: 'error.list', errors: [{ code: 'server_error' }] } }, { status: 200, json: conversationList([]) })
    const result = await t.run('intercom_search_conversations', { query: { field: 'state', operator: '=', value: 'open' } }, { maxRetries: 1 })
    expect(t.fake.requests).toHaveLength(2)
    expect(result.success).toBe(true)
  })
})
