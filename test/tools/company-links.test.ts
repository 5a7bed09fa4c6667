import { beforeEach, describe, expect, it } from 'vitest'
import { clearAdminCache, executeTool, getTool } from '../../index'
import { fakeFetch, TEST_TOKEN, type FakeFetch } from '../helpers/fake-fetch'

const CONTACT = '6762f0a01bb69f9f2193bb44'
const COMPANY = '6762f09a1bb69f9f2193bb34'
const company = {
  type: 'company',
  company_id: '1',
  id: COMPANY,
  app_id: 'this_is_an_id197_that_should_be_at_least_',
  name: 'company6',
  remote_created_at: 1734537370,
  created_at: 1734537370,
  updated_at: 1734537370,
  monthly_spend: 0,
  session_count: 0,
  user_count: 1,
  tags: { type: 'tag.list', tags: [] },
  segments: { type: 'segment.list', segments: [] },
  plan: {},
  custom_attributes: {},
}

let fake: FakeFetch
const ctx = () => ({ accessToken: TEST_TOKEN, fetch: fake.fetch, maxRetries: 0 })

async function expectRefused(toolId: string, params: Record<string, unknown>, field: string, text = '') {
  const result = await executeTool(toolId, params, ctx())
  expect(result.success).toBe(false)
  if (result.success) return
  expect(result.error.code).toBe('validation_error')
  expect(result.error.field).toBe(field)
  expect(result.error.message).toContain(text)
  expect(fake.requests).toHaveLength(0)
}

const HOSTILE: Array<[string, string]> = [
  ['../x', '..%2Fx'],
  ['a/b', 'a%2Fb'],
  ['?', '%3F'],
  ['#', '%23'],
]

beforeEach(() => {
  fake = fakeFetch()
  clearAdminCache()
})

describe('intercom_attach_contact_to_company', () => {
  it('POSTs {id: companyId} to the contact and returns the company, its id and name', async () => {
    fake.reply({ status: 200, json: company })
    const result = await executeTool('intercom_attach_contact_to_company', { contactId: CONTACT, companyId: COMPANY }, ctx())
    expect(fake.requests).toHaveLength(1)
    expect(fake.requests[0]?.method).toBe('POST')
    expect(fake.requests[0]?.url.href).toBe(`https://api.intercom.io/contacts/${CONTACT}/companies`)
    expect(fake.requests[0]?.body).toEqual({ id: COMPANY })
    expect(result).toEqual({ success: true, output: { company, companyId: COMPANY, name: 'company6' } })
    getTool('intercom_attach_contact_to_company')?.output.parse(result.success && result.output)
  })

  it('does not invent a name', async () => {
    fake.reply({ status: 200, json: { type: 'company', id: COMPANY } })
    const result = await executeTool('intercom_attach_contact_to_company', { contactId: CONTACT, companyId: COMPANY }, ctx())
    expect(result).toEqual({ success: true, output: { company: { type: 'company', id: COMPANY }, companyId: COMPANY, name: undefined } })
  })

  it('reports the company limit error as Intercom sends it', async () => {
    fake.reply({
      status: 400,
      json: { type: 'error.list', request_id: 'r-9', errors: [{ code: 'contact_company_limit_exceeded', message: 'Contact has reached the company limit' }] },
    })
    const result = await executeTool('intercom_attach_contact_to_company', { contactId: CONTACT, companyId: COMPANY }, ctx())
    expect(result).toMatchObject({ success: false, error: { code: 'contact_company_limit_exceeded', status: 400, requestId: 'r-9' } })
  })

  it.each(HOSTILE)('encodes the hostile contactId %j as one segment', async (id, encoded) => {
    fake.reply({ status: 200, json: company })
    await executeTool('intercom_attach_contact_to_company', { contactId: id, companyId: COMPANY }, ctx())
    expect(fake.requests[0]?.url.pathname).toBe(`/contacts/${encoded}/companies`)
    expect(fake.requests[0]?.url.search).toBe('')
  })

  it.each([
    [{ contactId: '', companyId: COMPANY }, 'contactId'],
    [{ contactId: '.', companyId: COMPANY }, 'contactId'],
    [{ contactId: '..', companyId: COMPANY }, 'contactId'],
    [{ contactId: CONTACT }, 'companyId'],
    [{ contactId: CONTACT, companyId: '' }, 'companyId'],
    [{ contactId: CONTACT, companyId: '..' }, 'companyId'],
    [{ contactId: CONTACT, company_id: COMPANY }, 'companyId'],
  ])('refuses %j and sends nothing', async (params, field) => {
    await expectRefused('intercom_attach_contact_to_company', params, field)
  })
})

describe('intercom_detach_contact_from_company', () => {
  it('DELETEs the membership with no query or body and returns the company', async () => {
    const detached = { ...company, user_count: 0 }
    fake.reply({ status: 200, json: detached })
    const result = await executeTool('intercom_detach_contact_from_company', { contactId: CONTACT, companyId: COMPANY }, ctx())
    expect(fake.requests[0]?.method).toBe('DELETE')
    expect(fake.requests[0]?.url.href).toBe(`https://api.intercom.io/contacts/${CONTACT}/companies/${COMPANY}`)
    expect(fake.requests[0]?.body).toBeUndefined()
    expect(result).toEqual({ success: true, output: { company: detached, companyId: COMPANY, name: 'company6' } })
  })

  it.each(HOSTILE)('encodes the hostile id %j as one segment in both places', async (id, encoded) => {
    fake.reply({ status: 200, json: company })
    await executeTool('intercom_detach_contact_from_company', { contactId: id, companyId: COMPANY }, ctx())
    await executeTool('intercom_detach_contact_from_company', { contactId: CONTACT, companyId: id }, ctx())
    expect(fake.requests[0]?.url.pathname).toBe(`/contacts/${encoded}/companies/${COMPANY}`)
    expect(fake.requests[1]?.url.pathname).toBe(`/contacts/${CONTACT}/companies/${encoded}`)
    expect(fake.requests.map((r) => r.url.search)).toEqual(['', ''])
  })

  it.each(['', '.', '..'])('refuses the id %j in either place', async (id) => {
    await expectRefused('intercom_detach_contact_from_company', { contactId: id, companyId: COMPANY }, 'contactId')
    await expectRefused('intercom_detach_contact_from_company', { contactId: CONTACT, companyId: id }, 'companyId')
  })

  it('fails with invalid_response when the company has no id', async () => {
    fake.reply({ status: 200, json: { type: 'company', name: 'x' } })
    const result = await executeTool('intercom_detach_contact_from_company', { contactId: CONTACT, companyId: COMPANY }, ctx())
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_response' } })
  })
})

describe('company link annotations', () => {
  it('both are idempotent, non-destructive writes', () => {
    for (const id of ['intercom_attach_contact_to_company', 'intercom_detach_contact_from_company']) {
      expect(getTool(id)?.annotations).toEqual({ readOnly: false, destructive: false, idempotent: true })
    }
  })
})
