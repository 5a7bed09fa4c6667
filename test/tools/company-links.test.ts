import { describe, expect, it } from 'vitest'
import { getTool } from '../../index'
import { toolHarness, HOSTILE_IDS, REFUSED_IDS } from '../helpers/tool-harness'

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

const t = toolHarness()

describe('intercom_attach_contact_to_company', () => {
  it('POSTs {id: companyId} to the contact and returns the company, its id and name', async () => {
    t.fake.reply({ status: 200, json: company })
    const result = await t.run('intercom_attach_contact_to_company', { contactId: CONTACT, companyId: COMPANY })
    expect(t.fake.requests).toHaveLength(1)
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.href).toBe(`https://api.intercom.io/contacts/${CONTACT}/companies`)
    expect(t.fake.requests[0]?.body).toEqual({ id: COMPANY })
    expect(result).toEqual({ success: true, output: { company, companyId: COMPANY, name: 'company6' } })
    t.parseOutput('intercom_attach_contact_to_company', result.success && result.output)
  })

  it('does not invent a name', async () => {
    t.fake.reply({ status: 200, json: { type: 'company', id: COMPANY } })
    const result = await t.run('intercom_attach_contact_to_company', { contactId: CONTACT, companyId: COMPANY })
    expect(result).toEqual({ success: true, output: { company: { type: 'company', id: COMPANY }, companyId: COMPANY, name: undefined } })
  })

  it('reports the company limit error as Intercom sends it', async () => {
    t.fake.reply({
      status: 400,
      json: { type: 'error.list', request_id: 'r-9', errors: [{ code: 'contact_company_limit_exceeded', message: 'Contact has reached the company limit' }] },
    })
    const result = await t.run('intercom_attach_contact_to_company', { contactId: CONTACT, companyId: COMPANY })
    expect(result).toMatchObject({ success: false, error: { code: 'contact_company_limit_exceeded', status: 400, requestId: 'r-9' } })
  })

  it.each(HOSTILE_IDS)('encodes the hostile contactId %j as one segment', async (id, encoded) => {
    t.fake.reply({ status: 200, json: company })
    await t.run('intercom_attach_contact_to_company', { contactId: id, companyId: COMPANY })
    expect(t.fake.requests[0]?.url.pathname).toBe(`/contacts/${encoded}/companies`)
    expect(t.fake.requests[0]?.url.search).toBe('')
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
    await t.expectRefused('intercom_attach_contact_to_company', params, field)
  })
})

describe('intercom_detach_contact_from_company', () => {
  it('DELETEs the membership with no query or body and returns the company', async () => {
    const detached = { ...company, user_count: 0 }
    t.fake.reply({ status: 200, json: detached })
    const result = await t.run('intercom_detach_contact_from_company', { contactId: CONTACT, companyId: COMPANY })
    expect(t.fake.requests[0]?.method).toBe('DELETE')
    expect(t.fake.requests[0]?.url.href).toBe(`https://api.intercom.io/contacts/${CONTACT}/companies/${COMPANY}`)
    expect(t.fake.requests[0]?.body).toBeUndefined()
    expect(result).toEqual({ success: true, output: { company: detached, companyId: COMPANY, name: 'company6' } })
  })

  it.each(HOSTILE_IDS)('encodes the hostile id %j as one segment in both places', async (id, encoded) => {
    t.fake.reply({ status: 200, json: company })
    await t.run('intercom_detach_contact_from_company', { contactId: id, companyId: COMPANY })
    await t.run('intercom_detach_contact_from_company', { contactId: CONTACT, companyId: id })
    expect(t.fake.requests[0]?.url.pathname).toBe(`/contacts/${encoded}/companies/${COMPANY}`)
    expect(t.fake.requests[1]?.url.pathname).toBe(`/contacts/${CONTACT}/companies/${encoded}`)
    expect(t.fake.requests.map((r) => r.url.search)).toEqual(['', ''])
  })

  it.each(REFUSED_IDS)('refuses the id %j in either place', async (id) => {
    await t.expectRefused('intercom_detach_contact_from_company', { contactId: id, companyId: COMPANY }, 'contactId')
    await t.expectRefused('intercom_detach_contact_from_company', { contactId: CONTACT, companyId: id }, 'companyId')
  })

  it('fails with invalid_response when the company has no id', async () => {
    t.fake.reply({ status: 200, json: { type: 'company', name: 'x' } })
    const result = await t.run('intercom_detach_contact_from_company', { contactId: CONTACT, companyId: COMPANY })
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
