import { describe, expect, it } from 'vitest'
import { getTool } from '../../index'
import { TEST_TOKEN } from '../helpers/fake-fetch'
import { toolHarness, HOSTILE_IDS } from '../helpers/tool-harness'

const BASE = 'https://api.intercom.io'
const company = {
  type: 'company',
  company_id: 'acme-42',
  id: '6762f0761bb69f9f2193bae2',
  app_id: 'this_is_an_id147_that_should_be_at_least_',
  name: 'Acme Inc',
  remote_created_at: 1374138000,
  created_at: 1734537334,
  updated_at: 1734537334,
  monthly_spend: 155,
  session_count: 0,
  user_count: 0,
  size: 0,
  tags: { type: 'tag.list', tags: [] },
  segments: { type: 'segment.list', segments: [] },
  plan: {},
  custom_attributes: { tier: 'gold', seats: 9 },
  some_future_field: { nested: true },
}
const companyList = (ids: string[], page = 1, totalPages = 2) => ({
  type: 'list',
  data: ids.map((id) => ({ ...company, id })),
  pages: { type: 'pages', next: null, page, per_page: 15, total_pages: totalPages },
  total_count: 17,
})

const t = toolHarness()

describe('intercom_create_company', () => {
  it('POSTs the given fields, truncating monthly_spend and keeping 0 and false, and returns the company and its id', async () => {
    t.fake.reply({ status: 200, json: company })
    const result = await t.run(
      'intercom_create_company',
      {
        company_id: 'acme-42',
        name: 'Acme Inc',
        website: 'https://acme.example',
        plan: 'Enterprise',
        size: 0,
        industry: 'Manufacturing',
        monthly_spend: 155.98,
        custom_attributes: '{"tier":"gold","seats":0,"trial":false}',
        remote_created_at: 1374138000,
        update_last_request_at: false,
      },
    )
    expect(result).toEqual({ success: true, output: { company, companyId: company.id } })
    expect(t.fake.requests).toHaveLength(1)
    const [request] = t.fake.requests
    expect(request?.method).toBe('POST')
    expect(request?.url.href).toBe(`${BASE}/companies`)
    expect(request?.body).toEqual({
      company_id: 'acme-42',
      name: 'Acme Inc',
      website: 'https://acme.example',
      plan: 'Enterprise',
      size: 0,
      industry: 'Manufacturing',
      monthly_spend: 155,
      custom_attributes: { tier: 'gold', seats: 0, trial: false },
      remote_created_at: 1374138000,
      update_last_request_at: false,
    })
    expect(request?.headers.get('authorization')).toBe(`Bearer ${TEST_TOKEN}`)
    expect(request?.headers.get('intercom-version')).toBe('2.16')
    expect(request?.headers.get('accept')).toBe('application/json')
    expect(request?.headers.get('content-type')).toMatch(/^application\/json/)
    expect(request?.headers.get('user-agent')).toMatch(/^intercom-blocks\/\d+\.\d+\.\d+/)
    expect(t.parseOutput('intercom_create_company', result.success && result.output)).toMatchObject({
      company: { some_future_field: { nested: true } },
    })
  })

  it('sends only company_id when nothing else is given, and a numeric company_id as text', async () => {
    t.fake.reply({ status: 200, json: company })
    await t.run('intercom_create_company', { company_id: 'acme-42' })
    await t.run('intercom_create_company', { company_id: 42 })
    expect(t.fake.requests.map((request) => request.body)).toEqual([{ company_id: 'acme-42' }, { company_id: '42' }])
  })

  it.each([
    [155.98, 155],
    [0.5, 0],
    [0, 0],
    [2147483647, 2147483647],
  ])('sends monthly_spend %j as the whole number %j', async (given, sent) => {
    t.fake.reply({ status: 200, json: company })
    await t.run('intercom_create_company', { company_id: 'acme-42', monthly_spend: given })
    expect(t.fake.requests[0]?.body).toEqual({ company_id: 'acme-42', monthly_spend: sent })
  })

  it('accepts custom_attributes as an object', async () => {
    t.fake.reply({ status: 200, json: company })
    await t.run('intercom_create_company', { company_id: 'acme-42', custom_attributes: { tier: 'gold', churned: null } })
    expect(t.fake.requests[0]?.body).toEqual({ company_id: 'acme-42', custom_attributes: { tier: 'gold', churned: null } })
  })

  it('does not invent a companyId when Intercom sends a company without one', async () => {
    t.fake.reply({ status: 200, json: { type: 'company', name: 'Acme Inc' } })
    const result = await t.run('intercom_create_company', { company_id: 'acme-42' })
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_response' } })
  })

  it.each([
    [{}, 'company_id', ''],
    [{ company_id: '' }, 'company_id', 'must not be empty'],
    [{ company_id: '   ' }, 'company_id', 'must not be empty'],
    [{ company_id: null }, 'company_id', ''],
    [{ company_id: 'a', size: 10.5 }, 'size', ''],
    [{ company_id: 'a', size: -1 }, 'size', ''],
    [{ company_id: 'a', size: '10' }, 'size', ''],
    [{ company_id: 'a', monthly_spend: -1 }, 'monthly_spend', ''],
    [{ company_id: 'a', monthly_spend: 2147483648 }, 'monthly_spend', ''],
    [{ company_id: 'a', monthly_spend: '100' }, 'monthly_spend', ''],
    [{ company_id: 'a', custom_attributes: '{tier: gold}' }, 'custom_attributes', 'not valid JSON'],
    [{ company_id: 'a', custom_attributes: '["gold"]' }, 'custom_attributes', ''],
    [{ company_id: 'a', custom_attributes: { nested: { deep: 1 } } }, 'custom_attributes.nested', ''],
    [{ company_id: 'a', remote_created_at: 1.5 }, 'remote_created_at', ''],
    [{ company_id: 'a', update_last_request_at: 'yes' }, 'update_last_request_at', ''],
    [{ company_id: 'a', compnay_name: 'typo' }, 'compnay_name', 'not a parameter'],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_create_company', params, field, text)
  })
})

describe('intercom_get_company', () => {
  it("GETs the company by Intercom's id and returns it whole", async () => {
    t.fake.reply({ status: 200, json: company })
    const result = await t.run('intercom_get_company', { companyId: company.id })
    expect(t.fake.requests).toHaveLength(1)
    expect(t.fake.requests[0]?.method).toBe('GET')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/companies/${company.id}`)
    expect(t.fake.requests[0]?.body).toBeUndefined()
    expect(result).toEqual({ success: true, output: { company } })
    t.parseOutput('intercom_get_company', result.success && result.output)
  })

  it('accepts a numeric id and sends it as text', async () => {
    t.fake.reply({ status: 200, json: company })
    await t.run('intercom_get_company', { companyId: 12345 })
    expect(t.fake.requests[0]?.url.pathname).toBe('/companies/12345')
  })

  it.each([...HOSTILE_IDS, ['x?y=1#z', 'x%3Fy%3D1%23z']])('encodes the hostile id %j as one segment', async (id, encoded) => {
    t.fake.reply({ status: 200, json: company })
    await t.run('intercom_get_company', { companyId: id })
    expect(t.fake.requests[0]?.url.pathname).toBe(`/companies/${encoded}`)
    expect(t.fake.requests[0]?.url.search).toBe('')
  })

  it.each(['', '   ', '.', '..', null, true, -1, 1.5])('refuses the id %j and sends nothing', async (id) => {
    await t.expectRefused('intercom_get_company', { companyId: id }, 'companyId')
  })

  it('reports a missing company with Intercom\'s code and request id', async () => {
    t.fake.reply({
      status: 404,
      json: { type: 'error.list', request_id: 'r-404', errors: [{ code: 'company_not_found', message: 'Company Not Found' }] },
    })
    const result = await t.run('intercom_get_company', { companyId: 'nope' })
    expect(result).toMatchObject({ success: false, error: { code: 'company_not_found', status: 404, requestId: 'r-404' } })
  })
})

describe('intercom_list_companies', () => {
  it('POSTs page, per_page and order as query parameters, with no body, and returns the page information', async () => {
    t.fake.reply({ status: 200, json: companyList(['a', 'b'], 2, 2) })
    const result = await t.run('intercom_list_companies', { page: 2, per_page: 15, order: 'asc' })
    expect(t.fake.requests).toHaveLength(1)
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.pathname).toBe('/companies/list')
    expect(Object.fromEntries(t.fake.requests[0]?.url.searchParams ?? [])).toEqual({ page: '2', per_page: '15', order: 'asc' })
    expect(t.fake.requests[0]?.body).toBeUndefined()
    expect(result).toEqual({
      success: true,
      output: {
        companies: [
          { ...company, id: 'a' },
          { ...company, id: 'b' },
        ],
        pages: { type: 'pages', next: null, page: 2, per_page: 15, total_pages: 2 },
        total_count: 17,
      },
    })
    t.parseOutput('intercom_list_companies', result.success && result.output)
  })

  it('sends no query and no body for the first page with defaults', async () => {
    t.fake.reply({ status: 200, json: companyList(['a'], 1, 1) })
    await t.run('intercom_list_companies', {})
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/companies/list`)
    expect(t.fake.requests[0]?.body).toBeUndefined()
  })

  it('does not invent pages or total_count that Intercom did not send', async () => {
    t.fake.reply({ status: 200, json: { type: 'list', data: [] } })
    const result = await t.run('intercom_list_companies', {})
    expect(result).toEqual({ success: true, output: { companies: [], pages: undefined, total_count: undefined } })
  })

  it.each([
    [{ starting_after: 'abc' }, 'starting_after', 'not a parameter'],
    [{ page: 0 }, 'page', ''],
    [{ page: 1.5 }, 'page', ''],
    [{ page: '2' }, 'page', ''],
    [{ per_page: 0 }, 'per_page', ''],
    [{ per_page: '15' }, 'per_page', ''],
    [{ order: 'ascending' }, 'order', ''],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_list_companies', params, field, text)
  })

  it('fails clearly when the answer has no data array', async () => {
    t.fake.reply({ status: 200, json: { type: 'list' } })
    const result = await t.run('intercom_list_companies', {})
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_response' } })
  })
})

describe('company tool annotations', () => {
  it.each([
    ['intercom_create_company', { readOnly: false, destructive: false, idempotent: true }],
    ['intercom_get_company', { readOnly: true, destructive: false, idempotent: true }],
    ['intercom_list_companies', { readOnly: true, destructive: false, idempotent: true }],
  ])('%s is annotated %j', (toolId, annotations) => {
    expect(getTool(toolId)?.annotations).toEqual(annotations)
  })

  it('retries an upsert after a 5xx, since sending it twice is safe', async () => {
    t.fake.reply({ status: 503, json: { type: 'error.list', errors: [{ code: 'server_error' }] } }, { status: 200, json: company })
    const result = await t.run('intercom_create_company', { company_id: 'acme-42' }, { maxRetries: 1 })
    expect(t.fake.requests).toHaveLength(2)
    expect(result).toEqual({ success: true, output: { company, companyId: company.id } })
  })
})
