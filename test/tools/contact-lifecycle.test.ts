import { describe, expect, it } from 'vitest'
import { toolHarness, HOSTILE_IDS, REFUSED_IDS } from '../helpers/tool-harness'

const BASE = 'https://api.intercom.io'
const USER = '6762f0d51bb69f9f2193bb80'
const LEAD = '6762f0d51bb69f9f2193bb7f'
const contact = { type: 'contact', id: USER, role: 'user', email: 'joe@example.com', external_id: 'u-42' }
const t = toolHarness()

describe('intercom_find_contact_by_external_id', () => {
  it('GETs /contacts/find_by_external_id/{external_id} and returns the contact and its id', async () => {
    t.fake.reply({ status: 200, json: contact })
    const result = await t.run('intercom_find_contact_by_external_id', { external_id: 'u-42' })
    expect(t.fake.requests[0]?.method).toBe('GET')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/contacts/find_by_external_id/u-42`)
    expect(result).toEqual({ success: true, output: { contact, contactId: USER } })
  })

  it.each(HOSTILE_IDS)('encodes the external id %j as one segment', async (id, encoded) => {
    t.fake.reply({ status: 200, json: contact })
    await t.run('intercom_find_contact_by_external_id', { external_id: id })
    expect(t.fake.requests[0]?.url.pathname).toBe(`/contacts/find_by_external_id/${encoded}`)
    expect(t.fake.requests[0]?.url.search).toBe('')
  })

  it.each(REFUSED_IDS)('refuses the external id %j', async (id) => {
    await t.expectRefused('intercom_find_contact_by_external_id', { external_id: id }, 'external_id')
  })

  it('reports a merged contact with Intercom\'s code', async () => {
    t.fake.reply({ status: 410, json: { type: 'error.list', errors: [{ code: 'contact_merged', message: 'Contact was merged' }] } })
    expect(await t.run('intercom_find_contact_by_external_id', { external_id: 'u-42' })).toMatchObject({ success: false, error: { code: 'contact_merged', status: 410 } })
  })
})

describe('intercom_merge_contacts', () => {
  it('POSTs {from, into} and returns the user merged into', async () => {
    t.fake.reply({ status: 200, json: contact })
    const result = await t.run('intercom_merge_contacts', { from: LEAD, into: USER })
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/contacts/merge`)
    expect(t.fake.requests[0]?.body).toEqual({ from: LEAD, into: USER })
    expect(result).toEqual({ success: true, output: { contact, contactId: USER } })
  })

  it('sends skip_duplicate_validation as given, false included', async () => {
    t.fake.reply({ status: 200, json: contact }, { status: 200, json: contact })
    await t.run('intercom_merge_contacts', { from: LEAD, into: USER, skip_duplicate_validation: true })
    await t.run('intercom_merge_contacts', { from: LEAD, into: USER, skip_duplicate_validation: false })
    expect(t.fake.requests.map((request) => (request.body as { skip_duplicate_validation: boolean }).skip_duplicate_validation)).toEqual([true, false])
  })

  it.each([
    [{ into: USER }, 'from', ''],
    [{ from: LEAD }, 'into', ''],
    [{ from: LEAD, into: LEAD }, 'into', 'two different contacts'],
    [{ from: '..', into: USER }, 'from', "not '.' or '..'"],
    [{ from: LEAD, into: USER, skip_duplicate_validation: 'yes' }, 'skip_duplicate_validation', ''],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_merge_contacts', params, field, text)
  })

  it('passes Intercom\'s refusal of contacts that are not duplicates through', async () => {
    t.fake.reply({ status: 400, json: { type: 'error.list', errors: [{ code: 'invalid_merge', message: 'Contacts can only be merged when they are duplicates' }] } })
    expect(await t.run('intercom_merge_contacts', { from: LEAD, into: USER })).toMatchObject({ success: false, error: { code: 'invalid_merge', status: 400 } })
  })
})

describe.each([
  ['intercom_archive_contact', 'archive', true],
  ['intercom_unarchive_contact', 'unarchive', false],
] as const)('%s', (toolId, verb, archived) => {
  it(`POSTs /contacts/{id}/${verb} with no body and returns the archived flag`, async () => {
    t.fake.reply({ status: 200, json: { type: 'contact', id: USER, external_id: 'u-42', archived } })
    const result = await t.run(toolId, { contactId: USER })
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/contacts/${USER}/${verb}`)
    expect(t.fake.requests[0]?.body).toBeUndefined()
    expect(result).toEqual({ success: true, output: { id: USER, type: 'contact', external_id: 'u-42', archived } })
  })

  it.each(REFUSED_IDS)('refuses the contactId %j', async (id) => {
    await t.expectRefused(toolId, { contactId: id }, 'contactId')
  })

  it('fails with invalid_response when Intercom sends no id', async () => {
    t.fake.reply({ status: 200, json: { type: 'contact', archived } })
    expect(await t.run(toolId, { contactId: USER })).toMatchObject({ success: false, error: { code: 'invalid_response' } })
  })
})

describe('intercom_list_contact_notes', () => {
  const note = { type: 'note', id: '26', created_at: 1733932587, body: '<p>This is a note.</p>', contact: { type: 'contact', id: USER } }
  const pages = { type: 'pages', page: 2, per_page: 5, total_pages: 3 }

  it('GETs the notes with page and per_page in the query and returns notes, pages and total_count', async () => {
    t.fake.reply({ status: 200, json: { type: 'list', data: [note], total_count: 11, pages } })
    const result = await t.run('intercom_list_contact_notes', { contactId: USER, page: 2, per_page: 5 })
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/contacts/${USER}/notes?page=2&per_page=5`)
    expect(result).toEqual({ success: true, output: { notes: [note], type: 'list', pages, total_count: 11 } })
    t.parseOutput('intercom_list_contact_notes', result.success && result.output)
  })

  it.each([
    [{ contactId: USER, page: 0 }, 'page'],
    [{ contactId: USER, per_page: 1.5 }, 'per_page'],
    [{ page: 1 }, 'contactId'],
  ])('refuses %j', async (params, field) => {
    await t.expectRefused('intercom_list_contact_notes', params, field)
  })
})

describe('intercom_list_contact_tags', () => {
  it('GETs the contact\'s tags', async () => {
    const tag = { type: 'tag', id: '81', name: 'VIP' }
    t.fake.reply({ status: 200, json: { type: 'list', data: [tag] } })
    const result = await t.run('intercom_list_contact_tags', { contactId: USER })
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/contacts/${USER}/tags`)
    expect(result).toEqual({ success: true, output: { tags: [tag], type: 'list' } })
  })

  it.each(HOSTILE_IDS)('encodes the hostile contactId %j', async (id, encoded) => {
    t.fake.reply({ status: 200, json: { type: 'list', data: [] } })
    await t.run('intercom_list_contact_tags', { contactId: id })
    expect(t.fake.requests[0]?.url.pathname).toBe(`/contacts/${encoded}/tags`)
  })
})

describe('intercom_list_contact_companies', () => {
  const company = { type: 'company', id: '6762f0a61bb69f9f2193bb55', company_id: '1', name: 'company12' }
  const pages = { type: 'pages', next: null, page: 1, per_page: 50, total_pages: 1 }

  it('reads the companies from data, as Intercom answers', async () => {
    t.fake.reply({ status: 200, json: { type: 'list', data: [company], pages, total_count: 1 } })
    const result = await t.run('intercom_list_contact_companies', { contactId: USER, page: 1, per_page: 50 })
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/contacts/${USER}/companies?page=1&per_page=50`)
    expect(result).toEqual({ success: true, output: { companies: [company], type: 'list', pages, total_count: 1 } })
    t.parseOutput('intercom_list_contact_companies', result.success && result.output)
  })

  it('reads them from companies, as the spec\'s schema names the array', async () => {
    t.fake.reply({ status: 200, json: { type: 'list', companies: [company], total_count: 1 } })
    const result = await t.run('intercom_list_contact_companies', { contactId: USER })
    expect(result.success && result.output.companies).toEqual([company])
  })

  it('fails with invalid_response when neither array is there', async () => {
    t.fake.reply({ status: 200, json: { type: 'list', total_count: 0 } })
    expect(await t.run('intercom_list_contact_companies', { contactId: USER })).toMatchObject({ success: false, error: { code: 'invalid_response' } })
  })
})
