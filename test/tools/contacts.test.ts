import { describe, expect, it } from 'vitest'
import { TEST_TOKEN } from '../helpers/fake-fetch'
import { toolHarness } from '../helpers/tool-harness'

const BASE = 'https://api.intercom.io'
const contact = {
  type: 'contact',
  id: '6762f0dd1bb69f9f2193bb83',
  workspace_id: 'abc123',
  external_id: 'u-42',
  role: 'user',
  email: 'jane@example.com',
  phone: null,
  name: 'Jane',
  owner_id: null,
  created_at: 1734537437,
  updated_at: 1734537437,
  custom_attributes: { plan: 'pro' },
  tags: { type: 'list', data: [], url: '/contacts/6762f0dd1bb69f9f2193bb83/tags', total_count: 0, has_more: false },
  some_future_field: { nested: true },
}
const contactList = (ids: string[], next?: string) => ({
  type: 'list',
  data: ids.map((id) => ({ ...contact, id })),
  total_count: 3,
  pages: { type: 'pages', page: 1, per_page: 2, total_pages: 2, ...(next ? { next: { per_page: 2, starting_after: next } } : {}) },
})

const t = toolHarness()

describe('intercom_create_contact', () => {
  it('sends exactly the given fields, keeping 0 and false, and returns the contact and its id', async () => {
    t.fake.reply({ status: 200, json: contact })
    const result = await t.run(
      'intercom_create_contact',
      { email: 'jane@example.com', role: 'user', signed_up_at: 0, unsubscribed_from_emails: false, custom_attributes: '{"plan":"pro","seats":0}' },
    )
    expect(result).toEqual({ success: true, output: { contact, contactId: contact.id } })
    expect(t.fake.requests).toHaveLength(1)
    const [request] = t.fake.requests
    expect(request?.method).toBe('POST')
    expect(request?.url.href).toBe(`${BASE}/contacts`)
    expect(request?.body).toEqual({
      email: 'jane@example.com',
      role: 'user',
      signed_up_at: 0,
      unsubscribed_from_emails: false,
      custom_attributes: { plan: 'pro', seats: 0 },
    })
    expect(request?.headers.get('authorization')).toBe(`Bearer ${TEST_TOKEN}`)
    expect(request?.headers.get('intercom-version')).toBe('2.16')
    expect(request?.headers.get('accept')).toBe('application/json')
    expect(request?.headers.get('content-type')).toMatch(/^application\/json/)
    expect(request?.headers.get('user-agent')).toMatch(/^intercom-blocks\/\d+\.\d+\.\d+/)
    expect(t.parseOutput('intercom_create_contact', result.success && result.output)).toMatchObject({ contactId: contact.id, contact: { email: 'jane@example.com' } })
  })

  it('accepts custom_attributes as an object', async () => {
    t.fake.reply({ status: 200, json: contact })
    await t.run('intercom_create_contact', { external_id: 'u-42', custom_attributes: { plan: 'pro' } })
    expect(t.fake.requests[0]?.body).toEqual({ external_id: 'u-42', custom_attributes: { plan: 'pro' } })
  })

  it('links the company when company_id is given, then reads the contact back', async () => {
    const linked = { ...contact, companies: { type: 'list', data: [{ id: 'c1' }], total_count: 1, has_more: false } }
    t.fake.reply({ status: 200, json: contact }, { status: 200, json: { type: 'company', id: 'c1' } }, { status: 200, json: linked })
    const result = await t.run('intercom_create_contact', { email: 'jane@example.com', company_id: 'c1' })
    expect(t.fake.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /contacts',
      `POST /contacts/${contact.id}/companies`,
      `GET /contacts/${contact.id}`,
    ])
    expect(t.fake.requests[0]?.body).toEqual({ email: 'jane@example.com' })
    expect(t.fake.requests[1]?.body).toEqual({ id: 'c1' })
    expect(result).toEqual({ success: true, output: { contact: linked, contactId: contact.id } })
  })

  it('says what was saved when linking the company fails', async () => {
    t.fake.reply(
      { status: 200, json: contact },
      { status: 404, json: { type: 'error.list', request_id: 'r-1', errors: [{ code: 'company_not_found', message: 'Company Not Found' }] } },
    )
    const result = await t.run('intercom_create_contact', { email: 'jane@example.com', company_id: 'nope' })
    expect(result.success).toBe(false)
    if (result.success) return
    expect(result.error.code).toBe('company_not_found')
    expect(result.error.field).toBe('company_id')
    expect(result.error.message).toContain(`Contact ${contact.id} was created`)
    expect(result.error.requestId).toBe('r-1')
  })

  it.each([
    [{}, 'email', 'give at least one of email, external_id or role'],
    [{ name: 'Jane' }, 'email', 'give at least one of email, external_id or role'],
    [{ role: 'admin' }, 'role', 'role'],
    [{ email: 'a@b.c', custom_attributes: '{plan: pro}' }, 'custom_attributes', 'not valid JSON'],
    [{ email: 'a@b.c', custom_attributes: '[1,2]' }, 'custom_attributes', 'custom_attributes'],
    [{ email: 'a@b.c', signed_up_at: '1700000000' }, 'signed_up_at', 'signed_up_at'],
    [{ email: 'a@b.c', signed_up_at: 1.5 }, 'signed_up_at', 'signed_up_at'],
    [{ email: 'a@b.c', emial: 'typo' }, 'emial', 'not a parameter'],
    [{ email: 'a@b.c', company_id: '..' }, 'company_id', "not '.' or '..'"],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_create_contact', params, field, text)
  })
})

describe('intercom_get_contact', () => {
  it('GETs the encoded id and returns the whole contact, new fields included', async () => {
    t.fake.reply({ status: 200, json: contact })
    const result = await t.run('intercom_get_contact', { contactId: contact.id })
    expect(t.fake.requests[0]?.method).toBe('GET')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/contacts/${contact.id}`)
    expect(t.fake.requests[0]?.body).toBeUndefined()
    expect(result).toEqual({ success: true, output: { contact } })
    expect(t.parseOutput('intercom_get_contact', result.success && result.output)).toMatchObject({ contact: { some_future_field: { nested: true } } })
  })

  it.each([
    ['../admins', '/contacts/..%2Fadmins'],
    ['a/b', '/contacts/a%2Fb'],
    ['x?y=1#z', '/contacts/x%3Fy%3D1%23z'],
    ['%2e%2e', '/contacts/%252e%252e'],
    [' spaced ', '/contacts/%20spaced%20'],
  ])('encodes the hostile id %j as one segment', async (id, path) => {
    t.fake.reply({ status: 200, json: contact })
    await t.run('intercom_get_contact', { contactId: id })
    expect(t.fake.requests[0]?.url.pathname).toBe(path)
    expect(t.fake.requests[0]?.url.search).toBe('')
  })

  it.each(['', '   ', '.', '..', null, true, -1])('refuses the id %j and sends nothing', async (id) => {
    await t.expectRefused('intercom_get_contact', { contactId: id }, 'contactId')
  })

  it('accepts a numeric id and sends it as text', async () => {
    t.fake.reply({ status: 200, json: contact })
    await t.run('intercom_get_contact', { contactId: 12345 })
    expect(t.fake.requests[0]?.url.pathname).toBe('/contacts/12345')
  })

  it('reports a merged contact with the id it now lives at', async () => {
    t.fake.reply({
      status: 410,
      json: { type: 'error.list', request_id: 'r-410', errors: [{ code: 'contact_merged', message: 'Contact has been merged' }] },
      headers: { 'content-type': 'application/json', link: '</contacts/6762f0dd1bb69f9f2193bb99>; rel="canonical"' },
    })
    const result = await t.run('intercom_get_contact', { contactId: contact.id })
    expect(result).toMatchObject({ success: false, error: { code: 'contact_merged', status: 410, requestId: 'r-410' } })
    if (!result.success) expect(result.error.message).toContain('6762f0dd1bb69f9f2193bb99')
  })
})

describe('intercom_update_contact', () => {
  it('PUTs only the given fields; contactId and company_id stay out of the body', async () => {
    t.fake.reply({ status: 200, json: contact })
    const result = await t.run('intercom_update_contact', { contactId: contact.id, name: '', unsubscribed_from_emails: false, last_seen_at: 0 })
    expect(t.fake.requests[0]?.method).toBe('PUT')
    expect(t.fake.requests[0]?.url.pathname).toBe(`/contacts/${contact.id}`)
    expect(t.fake.requests[0]?.body).toEqual({ name: '', unsubscribed_from_emails: false, last_seen_at: 0 })
    expect(result).toEqual({ success: true, output: { contact, contactId: contact.id } })
  })

  it('refuses an update with nothing to change', async () => {
    const result = await t.run('intercom_update_contact', { contactId: contact.id })
    expect(result).toMatchObject({ success: false, error: { code: 'validation_error', message: expect.stringContaining('at least one field') } })
    expect(t.fake.requests).toHaveLength(0)
  })

  it.each([
    [{ contactId: '..', name: 'x' }, 'contactId'],
    [{ contactId: 'abc', custom_attributes: 'nope' }, 'custom_attributes'],
    [{ contactId: 'abc', role: 'visitor' }, 'role'],
    [{ name: 'x' }, 'contactId'],
  ])('refuses %j and sends nothing', async (params, field) => {
    await t.expectRefused('intercom_update_contact', params, field)
  })
})

describe('intercom_list_contacts', () => {
  it('sends per_page and starting_after as query parameters and returns the next cursor', async () => {
    t.fake.reply({ status: 200, json: contactList(['a', 'b'], 'cursor-2') })
    const result = await t.run('intercom_list_contacts', { per_page: 2, starting_after: 'cursor-1' })
    expect(t.fake.requests[0]?.method).toBe('GET')
    expect(t.fake.requests[0]?.url.pathname).toBe('/contacts')
    expect(Object.fromEntries(t.fake.requests[0]?.url.searchParams ?? [])).toEqual({ per_page: '2', starting_after: 'cursor-1' })
    expect(result.success).toBe(true)
    if (!result.success) return
    expect(result.output.total_count).toBe(3)
    expect((result.output.contacts as Array<{ id: string }>).map((c) => c.id)).toEqual(['a', 'b'])
    expect(result.output.pages).toMatchObject({ next: { starting_after: 'cursor-2' } })
    t.parseOutput('intercom_list_contacts', result.output)
  })

  it('sends no query for the first page with defaults', async () => {
    t.fake.reply({ status: 200, json: contactList(['a']) })
    await t.run('intercom_list_contacts', {})
    expect(t.fake.requests[0]?.url.search).toBe('')
  })

  it.each([
    [{ per_page: 0 }, 'per_page'],
    [{ per_page: 151 }, 'per_page'],
    [{ per_page: '10' }, 'per_page'],
    [{ starting_after: '' }, 'starting_after'],
  ])('refuses %j', async (params, field) => {
    await t.expectRefused('intercom_list_contacts', params, field)
  })

  it('fails clearly when the answer has no data array', async () => {
    t.fake.reply({ status: 200, json: { type: 'list' } })
    const result = await t.run('intercom_list_contacts', {})
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_response' } })
  })
})

describe('intercom_search_contacts', () => {
  const query = {
    operator: 'AND',
    value: [
      { field: 'role', operator: '=', value: 'user' },
      { operator: 'OR', value: [{ field: 'email', operator: '$', value: '@example.com' }, { field: 'custom_attributes.seats', operator: '>', value: 0 }] },
    ],
  }

  it('maps pagination and sort and sends the query as given', async () => {
    t.fake.reply({ status: 200, json: contactList(['a']) })
    const result = await t.run(
      'intercom_search_contacts',
      { query: JSON.stringify(query), per_page: 25, starting_after: 'c1', sort_field: 'created_at', sort_order: 'ascending' },
    )
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.pathname).toBe('/contacts/search')
    expect(t.fake.requests[0]?.body).toEqual({
      query,
      pagination: { per_page: 25, starting_after: 'c1' },
      sort: { field: 'created_at', order: 'ascending' },
    })
    expect(result.success).toBe(true)
  })

  it('sends only the query when nothing else is given', async () => {
    t.fake.reply({ status: 200, json: contactList(['a']) })
    await t.run('intercom_search_contacts', { query: { field: 'email', operator: '=', value: 'jane@example.com' } })
    expect(t.fake.requests[0]?.body).toEqual({ query: { field: 'email', operator: '=', value: 'jane@example.com' } })
  })

  const filter = { field: 'role', operator: '=', value: 'user' }
  const deep = { operator: 'AND', value: [{ operator: 'OR', value: [{ operator: 'AND', value: [filter] }] }] }
  it.each([
    [{ query: '{"field":"email"' }, 'query', 'not valid JSON'],
    [{ query: { field: 'email', operator: 'LIKE', value: 'x' } }, 'query.operator', ''],
    [{ query: { field: 'email', operator: 'IN', value: 'x' } }, 'query.value', 'needs an array'],
    [{ query: { field: 'email', operator: '=', value: ['x'] } }, 'query.value', 'IN or NIN'],
    [{ query: { operator: 'AND', value: Array.from({ length: 16 }, () => filter) } }, 'query.value', ''],
    [{ query: deep }, 'query', 'at most 2'],
    [{ query: { operator: 'XOR', value: [filter] } }, 'query.operator', ''],
    [{ query: filter, sort_order: 'ascending' }, 'sort_order', 'needs sort_field'],
    [{ query: filter, sort_field: 'name', sort_order: 'up' }, 'sort_order', ''],
    [{}, 'query', ''],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_search_contacts', params, field, text)
  })

  it('accepts exactly two levels of groups and 15 filters per group', async () => {
    t.fake.reply({ status: 200, json: contactList([]) })
    const twoLevels = { operator: 'AND', value: [{ operator: 'OR', value: Array.from({ length: 15 }, () => filter) }] }
    const result = await t.run('intercom_search_contacts', { query: twoLevels })
    expect(result.success).toBe(true)
  })
})

describe('intercom_delete_contact', () => {
  it('DELETEs the contact and reports what Intercom said', async () => {
    t.fake.reply({ status: 200, json: { type: 'contact', id: contact.id, external_id: 'u-42', deleted: true } })
    const result = await t.run('intercom_delete_contact', { contactId: contact.id })
    expect(t.fake.requests[0]?.method).toBe('DELETE')
    expect(t.fake.requests[0]?.url.pathname).toBe(`/contacts/${contact.id}`)
    expect(t.fake.requests[0]?.body).toBeUndefined()
    expect(result).toEqual({ success: true, output: { id: contact.id, deleted: true } })
  })

  it('does not invent a deleted flag Intercom did not send', async () => {
    t.fake.reply({ status: 200, json: { type: 'contact', id: contact.id } })
    const result = await t.run('intercom_delete_contact', { contactId: contact.id })
    expect(result).toEqual({ success: true, output: { id: contact.id, deleted: undefined } })
  })

  it('refuses a hostile id', async () => {
    await t.expectRefused('intercom_delete_contact', { contactId: '..' }, 'contactId')
  })
})
