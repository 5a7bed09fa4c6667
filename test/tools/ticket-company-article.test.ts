import { describe, expect, it } from 'vitest'
import { toolHarness, HOSTILE_IDS, REFUSED_IDS } from '../helpers/tool-harness'

const BASE = 'https://api.intercom.io'
const t = toolHarness()

describe('intercom_reply_ticket', () => {
  const part = { type: 'ticket_part', id: '156', part_type: 'note', body: '<p>Checked</p>', created_at: 1734537884, author: { id: '991267943', type: 'admin' }, attachments: [], redacted: false }

  it('POSTs an admin note and returns the ticket part and its id', async () => {
    t.fake.reply({ status: 200, json: part })
    const result = await t.run('intercom_reply_ticket', { ticketId: 626, type: 'admin', message_type: 'note', body: '<p>Checked</p>', admin_id: 991267943 })
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/tickets/626/reply`)
    expect(t.fake.requests[0]?.body).toEqual({ message_type: 'note', type: 'admin', body: '<p>Checked</p>', admin_id: '991267943' })
    expect(result).toEqual({ success: true, output: { ticket_part: part, partId: '156' } })
  })

  it('writes as the token\'s own admin (GET /me first) when an admin reply has no admin_id', async () => {
    t.fake.reply({ status: 200, json: { type: 'admin', id: '991267001', email: 'me@example.com' } }, { status: 200, json: part })
    const result = await t.run('intercom_reply_ticket', { ticketId: '626', type: 'admin', message_type: 'comment', body: 'Done' })
    expect(t.fake.requests.map((request) => `${request.method} ${request.url.pathname}`)).toEqual(['GET /me', 'POST /tickets/626/reply'])
    expect(t.fake.requests[1]?.body).toEqual({ message_type: 'comment', type: 'admin', body: 'Done', admin_id: '991267001' })
    expect(result.success).toBe(true)
  })

  it('sends nothing when the token\'s admin cannot be looked up, naming admin_id', async () => {
    t.fake.reply({ status: 401, json: { type: 'error.list', errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }] } })
    const result = await t.run('intercom_reply_ticket', { ticketId: '626', type: 'admin', message_type: 'note', body: 'x' })
    expect(result).toMatchObject({ success: false, error: { code: 'unauthorized', field: 'admin_id' } })
    expect(t.fake.requests).toHaveLength(1)
  })

  it.each([
    [{ intercom_user_id: '6762f2971bb69f9f2193bc49' }],
    [{ user_id: 'u-42' }],
    [{ email: 'jane@example.com' }],
  ])('POSTs a contact comment identified by %j', async (who) => {
    t.fake.reply({ status: 200, json: { ...part, part_type: 'comment' } })
    await t.run('intercom_reply_ticket', { ticketId: '626', type: 'user', message_type: 'comment', body: 'Thanks', created_at: 0, ...who })
    expect(t.fake.requests[0]?.body).toEqual({ message_type: 'comment', type: 'user', body: 'Thanks', created_at: 0, ...who })
  })

  it.each([
    [{ type: 'admin', message_type: 'note', body: 'x', admin_id: '1', email: 'a@example.com' }, 'email', 'type "user"'],
    [{ type: 'user', message_type: 'note', body: 'x', email: 'a@example.com' }, 'message_type', 'only admins write notes'],
    [{ type: 'user', message_type: 'comment', body: 'x' }, 'intercom_user_id', 'exactly one'],
    [{ type: 'user', message_type: 'comment', body: 'x', email: 'a@example.com', user_id: 'u' }, 'email', 'exactly one'],
    [{ type: 'user', message_type: 'comment', body: 'x', email: 'a@example.com', admin_id: '1' }, 'admin_id', 'type "admin"'],
    [{ type: 'admin', message_type: 'quick_reply', body: 'x', admin_id: '1' }, 'message_type', ''],
    [{ type: 'admin', message_type: 'comment', body: '', admin_id: '1' }, 'body', 'must not be empty'],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_reply_ticket', { ticketId: '626', ...params }, field, text)
  })

  it.each(REFUSED_IDS)('refuses the ticketId %j', async (id) => {
    await t.expectRefused('intercom_reply_ticket', { ticketId: id, type: 'admin', message_type: 'note', body: 'x', admin_id: '1' }, 'ticketId')
  })
})

describe('intercom_search_tickets', () => {
  const ticket = { type: 'ticket', id: '633', ticket_id: '40', ticket_attributes: { _default_title_: 'x' } }
  const pages = { type: 'pages', page: 1, per_page: 5, total_pages: 2, next: { per_page: 5, starting_after: 'abc' } }

  it('POSTs the query with pagination and returns tickets, pages and total_count', async () => {
    t.fake.reply({ status: 200, json: { type: 'ticket.list', tickets: [ticket], pages, total_count: 6 } })
    const query = { field: 'open', operator: '=', value: true }
    const result = await t.run('intercom_search_tickets', { query: JSON.stringify(query), per_page: 5, starting_after: 'xyz' })
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/tickets/search`)
    expect(t.fake.requests[0]?.body).toEqual({ query, pagination: { per_page: 5, starting_after: 'xyz' } })
    expect(result).toEqual({ success: true, output: { tickets: [ticket], pages, total_count: 6 } })
  })

  it.each([
    [{ query: '{"field":"open",' }, 'query', 'is not valid JSON'],
    [{ query: { field: 'id', operator: 'IN', value: '1' } }, 'query.value', 'needs an array'],
    [{ query: { operator: 'AND', value: [{ operator: 'OR', value: [{ operator: 'AND', value: [{ field: 'a', operator: '=', value: 1 }] }] }] } }, 'query', 'at most 2'],
    [{ query: { field: 'open', operator: '=', value: true }, per_page: 151 }, 'per_page', ''],
    [{ query: { field: 'open', operator: '=', value: true }, sort_field: 'created_at' }, 'sort_field', 'not a parameter'],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_search_tickets', params, field, text)
  })
})

const company = { type: 'company', id: '6762f0841bb69f9f2193baff', company_id: 'acme-42', name: 'Acme' }

describe('intercom_update_company', () => {
  it('PUTs only the given fields, 0 kept, and returns the company and its id', async () => {
    t.fake.reply({ status: 200, json: company })
    const result = await t.run('intercom_update_company', { companyId: company.id, name: 'Acme', size: 0, custom_attributes: '{"tier":"gold","seats":3}' })
    expect(t.fake.requests[0]?.method).toBe('PUT')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/companies/${company.id}`)
    expect(t.fake.requests[0]?.body).toEqual({ name: 'Acme', size: 0, custom_attributes: { tier: 'gold', seats: 3 } })
    expect(result).toEqual({ success: true, output: { company, companyId: company.id } })
  })

  it.each([
    [{ companyId: company.id }, 'companyId', 'give at least one'],
    [{ companyId: company.id, company_id: 'new' }, 'company_id', 'not a parameter'],
    [{ companyId: company.id, monthly_spend: 1.5 }, 'monthly_spend', ''],
    [{ companyId: company.id, size: -1 }, 'size', ''],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_update_company', params, field, text)
  })
})

describe('intercom_delete_company', () => {
  it('DELETEs the company and returns Intercom\'s answer', async () => {
    t.fake.reply({ status: 200, json: { id: company.id, object: 'company', deleted: true } })
    const result = await t.run('intercom_delete_company', { companyId: company.id })
    expect(t.fake.requests[0]?.method).toBe('DELETE')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/companies/${company.id}`)
    expect(result).toEqual({ success: true, output: { id: company.id, object: 'company', deleted: true } })
  })

  it.each(HOSTILE_IDS)('encodes the hostile id %j', async (id, encoded) => {
    t.fake.reply({ status: 200, json: { id: company.id, deleted: true } })
    await t.run('intercom_delete_company', { companyId: id })
    expect(t.fake.requests[0]?.url.pathname).toBe(`/companies/${encoded}`)
  })
})

describe('intercom_list_company_contacts', () => {
  it('GETs the company\'s contacts', async () => {
    const contact = { type: 'contact', id: '6762f0d51bb69f9f2193bb80' }
    const pages = { type: 'pages', page: 1, per_page: 50, total_pages: 1 }
    t.fake.reply({ status: 200, json: { type: 'list', data: [contact], total_count: 1, pages } })
    const result = await t.run('intercom_list_company_contacts', { companyId: company.id })
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/companies/${company.id}/contacts`)
    expect(result).toEqual({ success: true, output: { contacts: [contact], type: 'list', pages, total_count: 1 } })
  })
})

describe('intercom_find_company_by_company_id', () => {
  it('GETs /companies?company_id= and reads the single company Intercom answers', async () => {
    t.fake.reply({ status: 200, json: company })
    const result = await t.run('intercom_find_company_by_company_id', { company_id: 'acme-42' })
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/companies?company_id=acme-42`)
    expect(result).toEqual({ success: true, output: { company, companyId: company.id } })
  })

  it('reads a list answer (the spec\'s shape), keeping only the company with that company_id', async () => {
    t.fake.reply({ status: 200, json: { type: 'list', data: [{ ...company, id: 'other', company_id: 'other' }, company], total_count: 2 } })
    const result = await t.run('intercom_find_company_by_company_id', { company_id: 'acme-42' })
    expect(result).toEqual({ success: true, output: { company, companyId: company.id } })
  })

  it('fails with not_found, naming company_id, when the list holds no such company', async () => {
    t.fake.reply({ status: 200, json: { type: 'list', data: [], total_count: 0 } })
    expect(await t.run('intercom_find_company_by_company_id', { company_id: 42 })).toMatchObject({ success: false, error: { code: 'not_found', field: 'company_id' } })
    expect(t.fake.requests[0]?.url.search).toBe('?company_id=42')
  })

  it('refuses an empty company_id', async () => {
    await t.expectRefused('intercom_find_company_by_company_id', { company_id: ' ' }, 'company_id', 'must not be empty')
  })
})

describe('intercom_search_articles', () => {
  const article = { id: '55', type: 'article', title: 'Reset your password', body: '<p>...</p>', state: 'published', url: 'https://help.example.com/55' }

  it('GETs /articles/search with the params in the query and returns articles and highlights', async () => {
    const highlights = [{ article_id: '55', highlighted_title: [{ type: 'highlight', text: 'Reset' }] }]
    const pages = { type: 'pages', page: 1, total_pages: 1, per_page: 10 }
    t.fake.reply({ status: 200, json: { type: 'list', total_count: 1, data: { articles: [article], highlights }, pages } })
    const result = await t.run('intercom_search_articles', { phrase: 'reset password', state: 'published', help_center_id: 0, highlight: false })
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/articles/search?phrase=reset%20password&state=published&help_center_id=0&highlight=false`)
    expect(result).toEqual({ success: true, output: { articles: [article], highlights, type: 'list', total_count: 1, pages } })
    t.parseOutput('intercom_search_articles', result.success && result.output)
  })

  it.each([
    [{}, 'phrase', ''],
    [{ phrase: ' ' }, 'phrase', 'must not be empty'],
    [{ phrase: 'x', state: 'archived' }, 'state', ''],
    [{ phrase: 'x', help_center_id: '12a' }, 'help_center_id', ''],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_search_articles', params, field, text)
  })

  it('fails with invalid_response without data.articles', async () => {
    t.fake.reply({ status: 200, json: { type: 'list', data: [] } })
    expect(await t.run('intercom_search_articles', { phrase: 'x' })).toMatchObject({ success: false, error: { code: 'invalid_response' } })
  })
})

describe('intercom_get_article', () => {
  it('GETs /articles/{articleId}', async () => {
    const article = { id: '45', type: 'article', title: 'Refunds', statistics: { type: 'article_statistics', views: 3 } }
    t.fake.reply({ status: 200, json: article })
    const result = await t.run('intercom_get_article', { articleId: 45 })
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/articles/45`)
    expect(result).toEqual({ success: true, output: { article } })
  })

  it.each(REFUSED_IDS)('refuses the id %j', async (id) => {
    await t.expectRefused('intercom_get_article', { articleId: id }, 'articleId')
  })
})
