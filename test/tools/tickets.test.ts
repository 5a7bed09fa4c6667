import { describe, expect, it } from 'vitest'
import { getTool } from '../../index'
import { toolHarness, HOSTILE_IDS, REFUSED_IDS } from '../helpers/tool-harness'

const BASE = 'https://api.intercom.io'
const ticketState = { type: 'ticket_state', id: '8498', category: 'in_progress', internal_label: 'With Dev Team', external_label: 'In progress' }
const ticket = {
  type: 'ticket',
  id: '626',
  ticket_id: '33',
  category: 'Back-office',
  ticket_attributes: { _default_title_: 'example', _default_description_: 'there is a problem' },
  ticket_state: ticketState,
  ticket_type: { type: 'ticket_type', id: '88', name: 'Bug', category: 'Back-office' },
  contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: '6762f2d81bb69f9f2193bc54', external_id: '70' }] },
  admin_assignee_id: 0,
  team_assignee_id: 0,
  created_at: 1734537944,
  updated_at: 1734537946,
  open: true,
  is_shared: false,
  linked_objects: { type: 'list', data: [], total_count: 0, has_more: false },
  some_future_field: { nested: true },
}

const t = toolHarness()

const validCreate = {
  ticket_type_id: '88',
  contacts: [{ id: '6762f2d81bb69f9f2193bc54' }],
  ticket_attributes: { _default_title_: 'example' },
}

describe('intercom_create_ticket', () => {
  it('POSTs the ticket with parsed JSON params, skip_notifications for disable_notifications, 0 and false kept', async () => {
    t.fake.reply({ status: 200, json: ticket })
    const result = await t.run(
      'intercom_create_ticket',
      {
        ticket_type_id: 88,
        contacts: '[{"id":"6762f2d81bb69f9f2193bc54"}]',
        ticket_attributes: '{"_default_title_":"example","_default_description_":"there is a problem","seats":0,"urgent":false,"tags":null}',
        company_id: '6762f09a1bb69f9f2193bb34',
        created_at: 0,
        conversation_to_link_id: 613,
        disable_notifications: false,
      },
    )
    expect(t.fake.requests).toHaveLength(1)
    const [request] = t.fake.requests
    expect(request?.method).toBe('POST')
    expect(request?.url.href).toBe(`${BASE}/tickets`)
    expect(request?.body).toEqual({
      ticket_type_id: '88',
      contacts: [{ id: '6762f2d81bb69f9f2193bc54' }],
      ticket_attributes: { _default_title_: 'example', _default_description_: 'there is a problem', seats: 0, urgent: false, tags: null },
      company_id: '6762f09a1bb69f9f2193bb34',
      created_at: 0,
      conversation_to_link_id: '613',
      skip_notifications: false,
    })
    expect(result).toEqual({ success: true, output: { ticket, ticketId: '626' } })
    expect(t.parseOutput('intercom_create_ticket', result.success && result.output)).toMatchObject({ ticket: { some_future_field: { nested: true } } })
  })

  it('sends only what was given, and disable_notifications: true as skip_notifications: true', async () => {
    t.fake.reply({ status: 200, json: ticket })
    await t.run(
      'intercom_create_ticket',
      { ticket_type_id: '88', contacts: [{ email: 'jane@example.com' }], ticket_attributes: {}, disable_notifications: true },
    )
    expect(t.fake.requests[0]?.body).toEqual({
      ticket_type_id: '88',
      contacts: [{ email: 'jane@example.com' }],
      ticket_attributes: {},
      skip_notifications: true,
    })
  })

  it('accepts a contact by external_id', async () => {
    t.fake.reply({ status: 200, json: ticket })
    await t.run('intercom_create_ticket', { ...validCreate, contacts: '[{"external_id":"u-42"}]' })
    expect((t.fake.requests[0]?.body as { contacts: unknown }).contacts).toEqual([{ external_id: 'u-42' }])
  })

  it.each([
    [{ ...validCreate, ticket_attributes: undefined }, 'ticket_attributes', ''],
    [{ ...validCreate, ticket_type_id: undefined }, 'ticket_type_id', ''],
    [{ ...validCreate, ticket_type_id: '..' }, 'ticket_type_id', "not '.' or '..'"],
    [{ ...validCreate, contacts: undefined }, 'contacts', ''],
    [{ ...validCreate, contacts: '[{"id":' }, 'contacts', 'not valid JSON'],
    [{ ...validCreate, contacts: { id: 'abc' } }, 'contacts', ''],
    [{ ...validCreate, contacts: [] }, 'contacts', 'one contact'],
    [{ ...validCreate, contacts: [{ id: 'a' }, { id: 'b' }] }, 'contacts', 'exactly one contact per ticket'],
    [{ ...validCreate, contacts: [{}] }, 'contacts.0', 'got none'],
    [{ ...validCreate, contacts: [{ id: 'a', email: 'b@c.d' }] }, 'contacts.0', 'got id, email'],
    [{ ...validCreate, contacts: [{ name: 'Jane' }] }, 'contacts.0.name', 'not a parameter'],
    [{ ...validCreate, contacts: [{ id: '' }] }, 'contacts.0.id', 'must not be empty'],
    [{ ...validCreate, contacts: [{ id: 42 }] }, 'contacts.0.id', ''],
    [{ ...validCreate, ticket_attributes: '{title: x}' }, 'ticket_attributes', 'not valid JSON'],
    [{ ...validCreate, ticket_attributes: '["a"]' }, 'ticket_attributes', ''],
    [{ ...validCreate, ticket_attributes: { _default_title_: { text: 'x' } } }, 'ticket_attributes._default_title_', ''],
    [{ ...validCreate, disable_notifications: 'yes' }, 'disable_notifications', ''],
    [{ ...validCreate, created_at: 1.5 }, 'created_at', ''],
    [{ ...validCreate, created_at: '1700000000' }, 'created_at', ''],
    [{ ...validCreate, company_id: '.' }, 'company_id', "not '.' or '..'"],
    [{ ...validCreate, skip_notifications: true }, 'skip_notifications', 'not a parameter'],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_create_ticket', params, field, text)
  })

  it('fails with invalid_response when the ticket has no id', async () => {
    t.fake.reply({ status: 200, json: { type: 'ticket' } })
    const result = await t.run('intercom_create_ticket', validCreate)
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_response' } })
  })
})

describe('intercom_get_ticket', () => {
  it('GETs the ticket by its internal id and returns it whole', async () => {
    t.fake.reply({ status: 200, json: ticket })
    const result = await t.run('intercom_get_ticket', { ticketId: '626' })
    expect(t.fake.requests[0]?.method).toBe('GET')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/tickets/626`)
    expect(t.fake.requests[0]?.body).toBeUndefined()
    expect(result).toEqual({ success: true, output: { ticket, ticketId: '626' } })
    t.parseOutput('intercom_get_ticket', result.success && result.output)
  })

  it.each([
    ['../admins', '/tickets/..%2Fadmins'],
    ['a/b', '/tickets/a%2Fb'],
    ['?', '/tickets/%3F'],
    ['#', '/tickets/%23'],
    ['x?y=1#z', '/tickets/x%3Fy%3D1%23z'],
  ])('encodes the hostile id %j as one segment', async (id, path) => {
    t.fake.reply({ status: 200, json: ticket })
    await t.run('intercom_get_ticket', { ticketId: id })
    expect(t.fake.requests[0]?.url.pathname).toBe(path)
    expect(t.fake.requests[0]?.url.search).toBe('')
  })

  it.each(['', ' ', '.', '..', null, -1])('refuses the id %j and sends nothing', async (id) => {
    await t.expectRefused('intercom_get_ticket', { ticketId: id }, 'ticketId')
  })

  it('passes Intercom errors through', async () => {
    t.fake.reply({ status: 404, json: { type: 'error.list', request_id: 'r-404', errors: [{ code: 'ticket_not_found', message: 'Ticket not found' }] } })
    const result = await t.run('intercom_get_ticket', { ticketId: '33' })
    expect(result).toMatchObject({ success: false, error: { code: 'ticket_not_found', status: 404, requestId: 'r-404' } })
  })
})

describe('intercom_update_ticket', () => {
  it('PUTs the 2.16 shape: admin_id as an integer, assignee_id as a string, 0 and false kept', async () => {
    t.fake.reply({ status: 200, json: ticket })
    const result = await t.run(
      'intercom_update_ticket',
      {
        ticketId: '626',
        ticket_state_id: 8498,
        ticket_attributes: '{"_default_title_":"New title"}',
        open: false,
        is_shared: false,
        snoozed_until: 0,
        admin_id: '991268011',
        assignee_id: '0',
      },
    )
    expect(t.fake.requests[0]?.method).toBe('PUT')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/tickets/626`)
    expect(t.fake.requests[0]?.body).toEqual({
      ticket_state_id: '8498',
      ticket_attributes: { _default_title_: 'New title' },
      open: false,
      is_shared: false,
      snoozed_until: 0,
      admin_id: 991268011,
      assignee_id: '0',
    })
    expect(result).toEqual({ success: true, output: { ticket, ticketId: '626', ticket_state: ticketState } })
    t.parseOutput('intercom_update_ticket', result.success && result.output)
  })

  it('accepts admin_id as an integer and sends only the given field', async () => {
    t.fake.reply({ status: 200, json: ticket })
    await t.run('intercom_update_ticket', { ticketId: '626', admin_id: 991268011 })
    expect(t.fake.requests[0]?.body).toEqual({ admin_id: 991268011 })
  })

  it('passes ticket_state through as Intercom sent it, and invents none when it is absent', async () => {
    const { ticket_state: _state, ...stateless } = ticket
    t.fake.reply({ status: 200, json: { ...ticket, ticket_state: 'in_progress' } }, { status: 200, json: stateless })
    const first = await t.run('intercom_update_ticket', { ticketId: '626', open: true })
    expect(first).toMatchObject({ success: true, output: { ticket_state: 'in_progress' } })
    const second = await t.run('intercom_update_ticket', { ticketId: '626', open: true })
    expect(second.success).toBe(true)
    if (second.success) expect(second.output.ticket_state).toBeUndefined()
  })

  it.each([
    [{ ticketId: '626' }, 'ticketId', 'at least one field'],
    [{ open: false }, 'ticketId', ''],
    [{ ticketId: '..', open: false }, 'ticketId', "not '.' or '..'"],
    [{ ticketId: '626', admin_id: 'abc' }, 'admin_id', 'digits only'],
    [{ ticketId: '626', admin_id: '12a' }, 'admin_id', 'digits only'],
    [{ ticketId: '626', admin_id: ' 123' }, 'admin_id', 'digits only'],
    [{ ticketId: '626', admin_id: '-5' }, 'admin_id', 'digits only'],
    [{ ticketId: '626', admin_id: '1.5' }, 'admin_id', 'digits only'],
    [{ ticketId: '626', admin_id: '' }, 'admin_id', 'digits only'],
    [{ ticketId: '626', admin_id: 1.5 }, 'admin_id', 'digits only'],
    [{ ticketId: '626', admin_id: -1 }, 'admin_id', 'digits only'],
    [{ ticketId: '626', admin_id: '99999999999999999999' }, 'admin_id', 'too large'],
    [{ ticketId: '626', admin_id: true }, 'admin_id', ''],
    [{ ticketId: '626', assignee_id: '' }, 'assignee_id', 'must not be empty'],
    [{ ticketId: '626', open: 'false' }, 'open', ''],
    [{ ticketId: '626', snoozed_until: -1 }, 'snoozed_until', ''],
    [{ ticketId: '626', ticket_attributes: 'nope' }, 'ticket_attributes', 'not valid JSON'],
    [{ ticketId: '626', state: 'resolved' }, 'state', 'not a parameter'],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_update_ticket', params, field, text)
  })

  it.each(HOSTILE_IDS)('encodes the hostile id %j as one segment', async (id, encoded) => {
    t.fake.reply({ status: 200, json: ticket })
    await t.run('intercom_update_ticket', { ticketId: id, open: true })
    expect(t.fake.requests[0]?.url.pathname).toBe(`/tickets/${encoded}`)
    expect(t.fake.requests[0]?.url.search).toBe('')
  })

  it.each(REFUSED_IDS)('refuses the id %j', async (id) => {
    await t.expectRefused('intercom_update_ticket', { ticketId: id, open: true }, 'ticketId')
  })
})

describe('ticket annotations', () => {
  it('create is not retried; get reads; update is idempotent', () => {
    expect(getTool('intercom_create_ticket')?.annotations).toEqual({ readOnly: false, destructive: false, idempotent: false })
    expect(getTool('intercom_get_ticket')?.annotations).toEqual({ readOnly: true, destructive: false, idempotent: true })
    expect(getTool('intercom_update_ticket')?.annotations).toEqual({ readOnly: false, destructive: false, idempotent: true })
  })
})
