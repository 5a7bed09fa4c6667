import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { clearAdminCache, executeTool, intercomBlock, listTools, loadFieldOptions, runBlock } from '../../index'
import { RESOURCE_GROUPS } from '../../blocks/resources'
import type { SubBlock } from '../../types'
import { fakeFetch, jsonResponse, TEST_TOKEN, type FakeFetch, type RecordedRequest } from '../helpers/fake-fetch'
import { samples } from '../samples'

const US = 'https://api.intercom.io'
const EU = 'https://api.eu.intercom.io'
const AU = 'https://api.au.intercom.io'
const opOf = (toolId: string) => toolId.replace(/^intercom_/, '')

let fake: FakeFetch
const ctx = () => ({ fetch: fake.fetch, maxRetries: 0 })

beforeEach(() => {
  fake = fakeFetch()
  clearAdminCache()
  // Only the clock: create_event fills in created_at from it, and both runs must agree.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2025-01-02T03:04:05Z'))
})
afterEach(() => {
  vi.useRealTimers()
})

const sent = (request: RecordedRequest | undefined) => ({
  method: request?.method,
  url: request?.url.href,
  body: request?.body,
})

/** The field of an operation that fills a param. */
function fieldFor(operation: string, param: string): SubBlock {
  const field = intercomBlock.subBlocks.find((candidate) => candidate.param === param && candidate.condition?.value.includes(operation))
  if (!field) throw new Error(`no field for ${operation}.${param}`)
  return field
}

/** Sample params as a UI holds them: every number and boolean as text, JSON fields as JSON text. */
function uiValues(toolId: string, sample: Record<string, unknown>): Record<string, unknown> {
  const operation = opOf(toolId)
  const values: Record<string, unknown> = { operation, accessToken: TEST_TOKEN }
  for (const [param, value] of Object.entries(sample)) {
    const field = fieldFor(operation, param)
    values[field.id] =
      typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : value !== null && typeof value === 'object' && field.valueKind === 'json'
          ? JSON.stringify(value)
          : value
  }
  return values
}

/** A plausible answer to anything: an object with an id and a role (GET /me, GET /contacts/{id}). */
const anyAnswer = () => jsonResponse(200, { type: 'contact', id: '991267593', role: 'user', data: [], admins: [] })

describe('runBlock sends what executeTool sends for the same params typed', () => {
  const sampled = listTools().filter((tool) => (samples[tool.id] ?? []).length > 0)

  it('covers a representative operation of every resource', () => {
    for (const group of RESOURCE_GROUPS) {
      expect(group.tools.some((tool) => sampled.includes(tool)), `${group.id} has a tool with samples`).toBe(true)
    }
  })

  it.each(sampled.map((tool) => [tool.id] as const))('%s', async (toolId) => {
    for (const sample of samples[toolId] ?? []) {
      const typed = fakeFetch(anyAnswer)
      clearAdminCache()
      const direct = await executeTool(toolId, sample, { accessToken: TEST_TOKEN, fetch: typed.fetch, maxRetries: 0 })

      const fromUi = fakeFetch(anyAnswer)
      clearAdminCache()
      const values = uiValues(toolId, sample)
      const viaBlock = await runBlock(values, { fetch: fromUi.fetch, maxRetries: 0 })

      expect(typed.requests.length, `${toolId} sends a request for ${JSON.stringify(sample)}`).toBeGreaterThan(0)
      expect(fromUi.requests.map(sent), JSON.stringify(values)).toEqual(typed.requests.map(sent))
      expect(viaBlock).toEqual(direct)
    }
  })
})

describe('runBlock with text values from a UI', () => {
  it('lists contacts in the region chosen in the values, with numbers typed', async () => {
    fake.reply({ status: 200, json: { type: 'list', data: [], total_count: 0, pages: { type: 'pages', page: 1 } } })
    const result = await runBlock(
      { operation: 'list_contacts', accessToken: TEST_TOKEN, region: 'eu', per_page: '25', starting_after: 'WzE3MzQ1' },
      ctx(),
    )
    expect(result).toEqual({ success: true, output: { contacts: [], pages: { type: 'pages', page: 1 }, total_count: 0 } })
    expect(fake.requests).toHaveLength(1)
    expect(sent(fake.requests[0])).toEqual({ method: 'GET', url: `${EU}/contacts?per_page=25&starting_after=WzE3MzQ1`, body: undefined })
    expect(fake.requests[0]?.headers.get('authorization')).toBe(`Bearer ${TEST_TOKEN}`)
  })

  it('updates a contact with booleans, numbers and JSON typed, and empty fields left out', async () => {
    fake.reply({ status: 200, json: { type: 'contact', id: '6762f0dd1bb69f9f2193bb83' } })
    const result = await runBlock(
      {
        operation: 'update_contact',
        accessToken: TEST_TOKEN,
        contactId: '6762f0dd1bb69f9f2193bb83',
        unsubscribed_from_emails: 'false',
        signed_up_at: '0',
        custom_attributes: '{"plan":"pro","seats":5}',
        email: '',
        role: null,
        query: '{"not":"for this operation"}',
      },
      ctx(),
    )
    expect(result.success).toBe(true)
    expect(sent(fake.requests[0])).toEqual({
      method: 'PUT',
      url: `${US}/contacts/6762f0dd1bb69f9f2193bb83`,
      body: { unsubscribed_from_emails: false, signed_up_at: 0, custom_attributes: { plan: 'pro', seats: 5 } },
    })
  })

  it('refuses a JSON field holding "__proto__" by its field name instead of dropping the key', async () => {
    const result = await runBlock(
      { operation: 'update_contact', accessToken: TEST_TOKEN, contactId: 'c1', custom_attributes: '{"__proto__":{"x":1},"plan":"pro"}' },
      ctx(),
    )
    expect(result).toMatchObject({ success: false, error: { code: 'validation_error', field: 'custom_attributes' } })
    if (!result.success) expect(result.error.message).toContain('__proto__')
    expect(fake.requests).toHaveLength(0)
  })

  it('a missing required value says "<param> is required"', async () => {
    const result = await runBlock({ operation: 'get_contact', accessToken: TEST_TOKEN }, ctx())
    expect(result).toMatchObject({ success: false, error: { code: 'validation_error', field: 'contactId', message: 'contactId is required' } })
    expect(fake.requests).toHaveLength(0)
  })

  it('lists companies with page numbers typed', async () => {
    fake.reply({ status: 200, json: { type: 'list', data: [], total_count: 0 } })
    await runBlock({ operation: 'list_companies', accessToken: TEST_TOKEN, page: '2', per_page: '50', order: 'asc' }, ctx())
    expect(sent(fake.requests[0])).toEqual({ method: 'POST', url: `${US}/companies/list?page=2&per_page=50&order=asc`, body: undefined })
  })

  it('replies to a conversation through the reply message_type field', async () => {
    fake.reply({ status: 200, json: { type: 'conversation', id: '1295' } })
    await runBlock(
      {
        operation: 'reply_conversation',
        accessToken: TEST_TOKEN,
        conversationId: '1295',
        message_type: 'note',
        body: '<p>Refund issued.</p>',
        admin_id: '991267715',
        created_at: '1734537437',
      },
      ctx(),
    )
    expect(sent(fake.requests[0])).toEqual({
      method: 'POST',
      url: `${US}/conversations/1295/reply`,
      body: { message_type: 'note', type: 'admin', admin_id: '991267715', body: '<p>Refund issued.</p>', created_at: 1734537437 },
    })
  })

  it('updates a ticket with a boolean and an admin id typed', async () => {
    fake.reply({ status: 200, json: { type: 'ticket', id: '626', ticket_state: { type: 'ticket_state', id: '1' } } })
    await runBlock({ operation: 'update_ticket', accessToken: TEST_TOKEN, ticketId: '626', open: 'false', admin_id: '991267593' }, ctx())
    expect(sent(fake.requests[0])).toEqual({ method: 'PUT', url: `${US}/tickets/626`, body: { open: false, admin_id: 991267593 } })
  })

  it('creates a ticket from JSON text fields', async () => {
    fake.reply({ status: 200, json: { type: 'ticket', id: '627' } })
    await runBlock(
      {
        operation: 'create_ticket',
        accessToken: TEST_TOKEN,
        ticket_type_id: '88',
        contacts: '[{"id":"6762f2d81bb69f9f2193bc54"}]',
        ticket_attributes: '{"_default_title_":"Refund"}',
      },
      ctx(),
    )
    const body = fake.requests[0]?.body as Record<string, unknown>
    expect(body.contacts).toEqual([{ id: '6762f2d81bb69f9f2193bc54' }])
    expect(body.ticket_attributes).toEqual({ _default_title_: 'Refund' })
    expect(body.ticket_type_id).toBe('88')
  })

  it('sends a message through the create_message message_type field, with the admin id as a number', async () => {
    const messageType = fieldFor('create_message', 'message_type').id
    fake.reply({ status: 200, json: { type: 'admin_message', id: '2001' } })
    await runBlock(
      {
        operation: 'create_message',
        accessToken: TEST_TOKEN,
        message_type: 'comment',
        [messageType]: 'email',
        template: 'plain',
        subject: 'Your order',
        body: 'It has shipped.',
        from_type: 'admin',
        from_id: '991267593',
        to_type: 'user',
        to_id: '6762f0dd1bb69f9f2193bb83',
      },
      ctx(),
    )
    expect(sent(fake.requests[0])).toEqual({
      method: 'POST',
      url: `${US}/messages`,
      body: {
        message_type: 'email',
        template: 'plain',
        subject: 'Your order',
        body: 'It has shipped.',
        from: { type: 'admin', id: 991267593 },
        to: { type: 'user', id: '6762f0dd1bb69f9f2193bb83' },
      },
    })
  })

  it('lists admins in the region of the context when the values give none', async () => {
    fake.reply({ status: 200, json: { type: 'admin.list', admins: [] } })
    const result = await runBlock({ operation: 'list_admins', region: '' }, { ...ctx(), accessToken: 'ctx-token', region: 'au' })
    expect(result).toEqual({ success: true, output: { admins: [], type: 'admin.list' } })
    expect(sent(fake.requests[0])).toEqual({ method: 'GET', url: `${AU}/admins`, body: undefined })
    expect(fake.requests[0]?.headers.get('authorization')).toBe('Bearer ctx-token')
  })

  it('prefers the credential of the values over the context', async () => {
    fake.reply({ status: 200, json: { type: 'list', data: [] } })
    await runBlock({ operation: 'list_tags', accessToken: 'values-token' }, { ...ctx(), accessToken: 'ctx-token' })
    expect(fake.requests[0]?.headers.get('authorization')).toBe('Bearer values-token')
  })

  it('tags a contact, adds a note, records an event and links a company', async () => {
    fake.reply({ status: 200, json: { type: 'tag', id: '81', name: 'VIP' } })
    await runBlock({ operation: 'tag_contact', accessToken: TEST_TOKEN, contactId: 'c1', tagId: '81' }, ctx())
    expect(sent(fake.requests[0])).toEqual({ method: 'POST', url: `${US}/contacts/c1/tags`, body: { id: '81' } })

    fake.reply({ status: 200, json: { type: 'note', id: '5', body: 'x' } })
    await runBlock({ operation: 'create_note', accessToken: TEST_TOKEN, contactId: 'c1', body: 'Called', admin_id: 991267583 }, ctx())
    expect(sent(fake.requests[1])).toEqual({ method: 'POST', url: `${US}/contacts/c1/notes`, body: { body: 'Called', admin_id: '991267583' } })

    fake.reply({ status: 202 })
    const event = await runBlock(
      { operation: 'create_event', accessToken: TEST_TOKEN, event_name: 'ordered-item', user_id: 'u-42', created_at: '1671028894', metadata: '{"items":3}' },
      ctx(),
    )
    expect(event).toEqual({ success: true, output: { accepted: true } })
    expect(sent(fake.requests[2])).toEqual({
      method: 'POST',
      url: `${US}/events`,
      body: { event_name: 'ordered-item', created_at: 1671028894, user_id: 'u-42', metadata: { items: 3 } },
    })

    fake.reply({ status: 200, json: { type: 'company', id: 'co1', name: 'Acme' } })
    await runBlock({ operation: 'attach_contact_to_company', accessToken: TEST_TOKEN, contactId: 'c1', companyId: 'co1' }, ctx())
    expect(sent(fake.requests[3])).toEqual({ method: 'POST', url: `${US}/contacts/c1/companies`, body: { id: 'co1' } })
  })
})

describe('runBlock refuses bad values before sending anything', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['a number field holding words', { operation: 'list_contacts', per_page: 'twenty' }, 'per_page', /per_page: must be a whole number, got "twenty"/],
    ['a switch holding neither true nor false', { operation: 'update_ticket', ticketId: '626', open: 'yes' }, 'open', /open: must be true or false/],
    ['invalid JSON', { operation: 'search_contacts', query: '{"field": "email",' }, 'query', /query: is not valid JSON/],
    ['an option that does not exist', { operation: 'reply_conversation', conversationId: '1', message_type: 'shout', body: 'x' }, 'message_type', /must be one of "comment", "note"/],
    ['an unknown operation', { operation: 'delete_everything' }, 'operation', /"delete_everything" is not an operation of this block/],
    ['no operation', { contactId: '1' }, 'operation', /no operation was chosen/],
    ['a tool id instead of an operation', { operation: 'intercom_get_contact', contactId: '1' }, 'operation', /not an operation/],
  ]

  it.each(cases)('%s', async (_name, values, field, message) => {
    const result = await runBlock({ accessToken: TEST_TOKEN, ...values }, ctx())
    expect(result.success).toBe(false)
    if (result.success) return
    expect(result.error.code).toBe('validation_error')
    expect(result.error.field).toBe(field)
    expect(result.error.message).toMatch(message)
    expect(fake.requests).toHaveLength(0)
  })

  it('passes the tool\'s own validation errors through, naming the param', async () => {
    const result = await runBlock({ operation: 'get_contact', accessToken: TEST_TOKEN, contactId: '..' }, ctx())
    expect(result).toMatchObject({ success: false, error: { code: 'validation_error', field: 'contactId' } })
    const missing = await runBlock({ operation: 'search_contacts', accessToken: TEST_TOKEN }, ctx())
    expect(missing).toMatchObject({ success: false, error: { code: 'validation_error', field: 'query' } })
    expect(fake.requests).toHaveLength(0)
  })

  it('needs a credential from the values or the context', async () => {
    const result = await runBlock({ operation: 'list_tags' }, ctx())
    expect(result).toMatchObject({ success: false, error: { code: 'validation_error', field: 'accessToken' } })
    const region = await runBlock({ operation: 'list_tags', accessToken: TEST_TOKEN, region: 'mars' }, ctx())
    expect(region).toMatchObject({ success: false, error: { code: 'validation_error', field: 'region' } })
    expect(fake.requests).toHaveLength(0)
  })
})

describe('loadFieldOptions', () => {
  it('loads admins for an admin field through intercom_list_admins', async () => {
    fake.reply({
      status: 200,
      json: {
        type: 'admin.list',
        admins: [
          { type: 'admin', id: '991267593', name: 'Ciaran', email: 'c@example.com' },
          { type: 'admin', id: '991267594', name: '', email: 'n@example.com' },
        ],
      },
    })
    const result = await loadFieldOptions('admin_id', { accessToken: TEST_TOKEN, region: 'eu' }, ctx())
    expect(result).toEqual({
      success: true,
      options: [
        { id: '991267593', label: 'Ciaran' },
        { id: '991267594', label: '991267594' },
      ],
    })
    expect(sent(fake.requests[0])).toEqual({ method: 'GET', url: `${EU}/admins`, body: undefined })
  })

  it('loads tags for a tag field through intercom_list_tags', async () => {
    fake.reply({ status: 200, json: { type: 'list', data: [{ type: 'tag', id: '81', name: 'VIP' }] } })
    const result = await loadFieldOptions('tagId', { accessToken: TEST_TOKEN }, ctx())
    expect(result).toEqual({ success: true, options: [{ id: '81', label: 'VIP' }] })
    expect(sent(fake.requests[0])).toEqual({ method: 'GET', url: `${US}/tags`, body: undefined })
  })

  it('loads ticket types and ticket states through the list tools', async () => {
    fake.reply({ status: 200, json: { type: 'list', data: [{ type: 'ticket_type', id: '67', name: 'Bug Report' }] } })
    expect(await loadFieldOptions('ticket_type_id', { accessToken: TEST_TOKEN }, ctx())).toEqual({ success: true, options: [{ id: '67', label: 'Bug Report' }] })
    expect(sent(fake.requests[0])).toEqual({ method: 'GET', url: `${US}/ticket_types`, body: undefined })
    fake.reply({ status: 200, json: { type: 'list', data: [{ type: 'ticket_state', id: '8269', internal_label: 'Submitted', external_label: 'Received' }] } })
    expect(await loadFieldOptions('ticket_state_id', { accessToken: TEST_TOKEN }, ctx())).toEqual({ success: true, options: [{ id: '8269', label: 'Submitted' }] })
    expect(sent(fake.requests[1])).toEqual({ method: 'GET', url: `${US}/ticket_states`, body: undefined })
  })

  it('loads admins and then teams, each under its heading, for an assignee field', async () => {
    fake.reply(
      { status: 200, json: { type: 'admin.list', admins: [{ type: 'admin', id: '991267593', name: 'Ciaran' }] } },
      { status: 200, json: { type: 'team.list', teams: [{ type: 'team', id: '814865', name: 'Billing', admin_ids: [] }] } },
    )
    const result = await loadFieldOptions('assignee_id', { accessToken: TEST_TOKEN }, ctx())
    expect(result).toEqual({
      success: true,
      options: [
        { id: '991267593', label: 'Ciaran', group: 'Admins' },
        { id: '814865', label: 'Billing', group: 'Teams' },
      ],
    })
    expect(fake.requests.map((request) => request.url.pathname)).toEqual(['/admins', '/teams'])
  })

  it('loads the custom attribute names of the operation\'s resource as key hints of custom_attributes', async () => {
    const attributes = [
      { type: 'data_attribute', name: 'email', label: 'Email', custom: false, model: 'contact' },
      { type: 'data_attribute', name: 'plan', label: 'Plan', custom: true, model: 'contact' },
    ]
    fake.reply({ status: 200, json: { type: 'list', data: attributes } })
    const contact = await loadFieldOptions('custom_attributes', { accessToken: TEST_TOKEN, operation: 'update_contact' }, ctx())
    expect(contact).toEqual({ success: true, options: [{ id: 'plan', label: 'Plan' }] })
    expect(fake.requests[0]?.url.href).toBe(`${US}/data_attributes?model=contact`)
    fake.reply({ status: 200, json: { type: 'list', data: [] } })
    await loadFieldOptions('custom_attributes', { accessToken: TEST_TOKEN, operation: 'update_company' }, ctx())
    expect(fake.requests[1]?.url.href).toBe(`${US}/data_attributes?model=company`)
    const conversationAttributes = [
      { type: 'conversation_attribute', id: 1, name: 'issue_type', data_type: 'list', archived: false, options: [{ id: 'a1', label: 'Billing', archived: false }] },
      { type: 'conversation_attribute', id: 2, name: 'order_number', data_type: 'integer', archived: false },
    ]
    fake.reply({ status: 200, json: { type: 'list', data: conversationAttributes } })
    const conversation = await loadFieldOptions('custom_attributes', { accessToken: TEST_TOKEN, operation: 'update_conversation' }, ctx())
    expect(conversation).toEqual({ success: true, options: [{ id: 'issue_type', label: 'issue_type' }, { id: 'order_number', label: 'order_number' }] })
    expect(fake.requests[2]?.url.href).toBe(`${US}/conversations/attributes`)
    expect(fake.requests).toHaveLength(3)
    const reply = await loadFieldOptions('custom_attributes', { accessToken: TEST_TOKEN, operation: 'reply_conversation' }, ctx())
    expect(reply).toMatchObject({ success: false, error: { code: 'validation_error', field: 'custom_attributes' } })
    expect(fake.requests).toHaveLength(3)
  })

  it('refuses a field without loaded options and reports a failed load', async () => {
    expect(await loadFieldOptions('per_page', { accessToken: TEST_TOKEN }, ctx())).toMatchObject({ success: false, error: { field: 'per_page' } })
    fake.reply({ status: 401, json: { type: 'error.list', errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }] } })
    expect(await loadFieldOptions('tagId', { accessToken: TEST_TOKEN }, ctx())).toMatchObject({ success: false, error: { code: 'unauthorized' } })
  })
})
