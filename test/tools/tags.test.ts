import { beforeEach, describe, expect, it } from 'vitest'
import { clearAdminCache, executeTool, getTool } from '../../index'
import { fakeFetch, TEST_TOKEN, type FakeFetch } from '../helpers/fake-fetch'

const BASE = 'https://api.intercom.io'
const applied = { type: 'tag', id: '81', name: 'Manual tag', applied_at: 1663597223, applied_by: { type: 'admin', id: '456' } }
const CONTACT = '63a07ddf05a32042dffac965'

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
const REFUSED = ['', '.', '..']

beforeEach(() => {
  fake = fakeFetch()
  clearAdminCache()
})

describe('intercom_list_tags', () => {
  it('GETs /tags and returns the tags and list type', async () => {
    const data = [
      { type: 'tag', id: '102', name: 'Manual tag 1' },
      { type: 'tag', id: '103', name: 'VIP', applied_at: null },
    ]
    fake.reply({ status: 200, json: { type: 'list', data } })
    const result = await executeTool('intercom_list_tags', {}, ctx())
    expect(fake.requests[0]?.method).toBe('GET')
    expect(fake.requests[0]?.url.href).toBe(`${BASE}/tags`)
    expect(result).toEqual({ success: true, output: { tags: data, type: 'list' } })
    getTool('intercom_list_tags')?.output.parse(result.success && result.output)
  })

  it('fails clearly without a data array', async () => {
    fake.reply({ status: 200, json: { type: 'list' } })
    expect(await executeTool('intercom_list_tags', {}, ctx())).toMatchObject({ success: false, error: { code: 'invalid_response' } })
  })
})

describe('intercom_create_tag', () => {
  it('POSTs {name} to create or find a tag, and returns id, name and type', async () => {
    fake.reply({ status: 200, json: { type: 'tag', id: '105', name: 'VIP', users: [], companies: [] } })
    const result = await executeTool('intercom_create_tag', { name: 'VIP' }, ctx())
    expect(fake.requests[0]?.method).toBe('POST')
    expect(fake.requests[0]?.url.href).toBe(`${BASE}/tags`)
    expect(fake.requests[0]?.body).toEqual({ name: 'VIP' })
    expect(result).toEqual({ success: true, output: { id: '105', name: 'VIP', type: 'tag' } })
  })

  it('POSTs {name, id} to rename, with a numeric id sent as text', async () => {
    fake.reply({ status: 200, json: { type: 'tag', id: '105', name: 'Very important' } })
    const result = await executeTool('intercom_create_tag', { name: 'Very important', id: 105 }, ctx())
    expect(fake.requests[0]?.body).toEqual({ name: 'Very important', id: '105' })
    expect(result).toEqual({ success: true, output: { id: '105', name: 'Very important', type: 'tag' } })
  })

  it.each([
    [{}, 'name', ''],
    [{ name: '' }, 'name', 'must not be empty'],
    [{ name: '   ' }, 'name', 'must not be empty'],
    [{ name: 5 }, 'name', ''],
    [{ name: 'VIP', id: '..' }, 'id', "not '.' or '..'"],
    [{ name: 'VIP', companies: [{ id: 'c1' }] }, 'companies', 'not a parameter'],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await expectRefused('intercom_create_tag', params, field, text)
  })

  it('fails with invalid_response when the tag has no id', async () => {
    fake.reply({ status: 200, json: { type: 'tag', name: 'VIP' } })
    expect(await executeTool('intercom_create_tag', { name: 'VIP' }, ctx())).toMatchObject({ success: false, error: { code: 'invalid_response' } })
  })
})

describe('intercom_tag_contact', () => {
  it('POSTs {id: tagId} to the contact and returns the tag', async () => {
    fake.reply({ status: 200, json: applied })
    const result = await executeTool('intercom_tag_contact', { contactId: CONTACT, tagId: 81 }, ctx())
    expect(fake.requests[0]?.method).toBe('POST')
    expect(fake.requests[0]?.url.href).toBe(`${BASE}/contacts/${CONTACT}/tags`)
    expect(fake.requests[0]?.body).toEqual({ id: '81' })
    expect(result).toEqual({ success: true, output: { id: '81', name: 'Manual tag', type: 'tag' } })
  })

  it.each(HOSTILE)('encodes the hostile contactId %j as one segment', async (id, encoded) => {
    fake.reply({ status: 200, json: applied })
    await executeTool('intercom_tag_contact', { contactId: id, tagId: '81' }, ctx())
    expect(fake.requests[0]?.url.pathname).toBe(`/contacts/${encoded}/tags`)
    expect(fake.requests[0]?.url.search).toBe('')
  })

  it.each(REFUSED)('refuses the contactId %j', async (id) => {
    await expectRefused('intercom_tag_contact', { contactId: id, tagId: '81' }, 'contactId')
  })

  it.each([
    [{ contactId: CONTACT }, 'tagId'],
    [{ contactId: CONTACT, tagId: '' }, 'tagId'],
    [{ tagId: '81' }, 'contactId'],
  ])('refuses %j', async (params, field) => {
    await expectRefused('intercom_tag_contact', params, field)
  })
})

describe('intercom_untag_contact', () => {
  it('DELETEs the tag from the contact, with no query and no body, and returns the removed tag', async () => {
    fake.reply({ status: 200, json: { ...applied, id: '84' } })
    const result = await executeTool('intercom_untag_contact', { contactId: CONTACT, tagId: '84' }, ctx())
    expect(fake.requests[0]?.method).toBe('DELETE')
    expect(fake.requests[0]?.url.href).toBe(`${BASE}/contacts/${CONTACT}/tags/84`)
    expect(fake.requests[0]?.body).toBeUndefined()
    expect(result).toEqual({ success: true, output: { id: '84', name: 'Manual tag', type: 'tag' } })
  })

  it.each(HOSTILE)('encodes the hostile id %j as one segment in both places', async (id, encoded) => {
    fake.reply({ status: 200, json: applied }, { status: 200, json: applied })
    await executeTool('intercom_untag_contact', { contactId: id, tagId: '84' }, ctx())
    await executeTool('intercom_untag_contact', { contactId: CONTACT, tagId: id }, ctx())
    expect(fake.requests[0]?.url.pathname).toBe(`/contacts/${encoded}/tags/84`)
    expect(fake.requests[1]?.url.pathname).toBe(`/contacts/${CONTACT}/tags/${encoded}`)
    expect(fake.requests.map((r) => r.url.search)).toEqual(['', ''])
  })

  it.each(REFUSED)('refuses the id %j in either place', async (id) => {
    await expectRefused('intercom_untag_contact', { contactId: id, tagId: '84' }, 'contactId')
    await expectRefused('intercom_untag_contact', { contactId: CONTACT, tagId: id }, 'tagId')
  })
})

describe('intercom_tag_conversation', () => {
  it('POSTs {id: tagId, admin_id} to the conversation and returns the tag', async () => {
    fake.reply({ status: 200, json: { ...applied, id: '86' } })
    const result = await executeTool(
      'intercom_tag_conversation',
      { conversationId: '64619700005694', tagId: '86', admin_id: 991267618 },
      ctx(),
    )
    expect(fake.requests[0]?.method).toBe('POST')
    expect(fake.requests[0]?.url.href).toBe(`${BASE}/conversations/64619700005694/tags`)
    expect(fake.requests[0]?.body).toEqual({ id: '86', admin_id: '991267618' })
    expect(result).toEqual({ success: true, output: { id: '86', name: 'Manual tag', type: 'tag' } })
  })

  it.each(HOSTILE)('encodes the hostile conversationId %j as one segment', async (id, encoded) => {
    fake.reply({ status: 200, json: applied })
    await executeTool('intercom_tag_conversation', { conversationId: id, tagId: '86', admin_id: '1' }, ctx())
    expect(fake.requests[0]?.url.pathname).toBe(`/conversations/${encoded}/tags`)
    expect(fake.requests[0]?.url.search).toBe('')
  })

  it.each(REFUSED)('refuses the conversationId %j', async (id) => {
    await expectRefused('intercom_tag_conversation', { conversationId: id, tagId: '86', admin_id: '1' }, 'conversationId')
  })

  it.each([
    [{ conversationId: '1', tagId: '86' }, 'admin_id'],
    [{ conversationId: '1', admin_id: '1' }, 'tagId'],
    [{ conversationId: '1', tagId: '86', admin_id: '' }, 'admin_id'],
  ])('refuses %j', async (params, field) => {
    await expectRefused('intercom_tag_conversation', params, field)
  })
})

describe('tag annotations', () => {
  it.each([
    ['intercom_list_tags', { readOnly: true, destructive: false, idempotent: true }],
    ['intercom_create_tag', { readOnly: false, destructive: false, idempotent: true }],
    ['intercom_tag_contact', { readOnly: false, destructive: false, idempotent: true }],
    ['intercom_untag_contact', { readOnly: false, destructive: false, idempotent: true }],
    ['intercom_tag_conversation', { readOnly: false, destructive: false, idempotent: true }],
  ])('%s', (id, annotations) => {
    expect(getTool(id)?.annotations).toEqual(annotations)
  })

  it('retries an idempotent tagging after a server error', async () => {
    fake.reply({ status: 502, json: {} }, { status: 200, json: applied })
    const result = await executeTool('intercom_tag_contact', { contactId: CONTACT, tagId: '81' }, { accessToken: TEST_TOKEN, fetch: fake.fetch, maxRetries: 1 })
    expect(fake.requests).toHaveLength(2)
    expect(result.success).toBe(true)
  })
})
