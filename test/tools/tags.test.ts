import { describe, expect, it } from 'vitest'
import { getTool } from '../../index'
import { toolHarness, HOSTILE_IDS, REFUSED_IDS } from '../helpers/tool-harness'

const BASE = 'https://api.intercom.io'
const applied = { type: 'tag', id: '81', name: 'Manual tag', applied_at: 1663597223, applied_by: { type: 'admin', id: '456' } }
const CONTACT = '63a07ddf05a32042dffac965'

const t = toolHarness()

describe('intercom_list_tags', () => {
  it('GETs /tags and returns the tags and list type', async () => {
    const data = [
      { type: 'tag', id: '102', name: 'Manual tag 1' },
      { type: 'tag', id: '103', name: 'VIP', applied_at: null },
    ]
    t.fake.reply({ status: 200, json: { type: 'list', data } })
    const result = await t.run('intercom_list_tags', {})
    expect(t.fake.requests[0]?.method).toBe('GET')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/tags`)
    expect(result).toEqual({ success: true, output: { tags: data, type: 'list' } })
    t.parseOutput('intercom_list_tags', result.success && result.output)
  })

  it('fails clearly without a data array', async () => {
    t.fake.reply({ status: 200, json: { type: 'list' } })
    expect(await t.run('intercom_list_tags', {})).toMatchObject({ success: false, error: { code: 'invalid_response' } })
  })
})

describe('intercom_create_tag', () => {
  it('POSTs {name} to create or find a tag, and returns id, name and type', async () => {
    t.fake.reply({ status: 200, json: { type: 'tag', id: '105', name: 'VIP', users: [], companies: [] } })
    const result = await t.run('intercom_create_tag', { name: 'VIP' })
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/tags`)
    expect(t.fake.requests[0]?.body).toEqual({ name: 'VIP' })
    expect(result).toEqual({ success: true, output: { id: '105', name: 'VIP', type: 'tag' } })
  })

  it('POSTs {name, id} to rename, with a numeric id sent as text', async () => {
    t.fake.reply({ status: 200, json: { type: 'tag', id: '105', name: 'Very important' } })
    const result = await t.run('intercom_create_tag', { name: 'Very important', id: 105 })
    expect(t.fake.requests[0]?.body).toEqual({ name: 'Very important', id: '105' })
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
    await t.expectRefused('intercom_create_tag', params, field, text)
  })

  it('fails with invalid_response when the tag has no id', async () => {
    t.fake.reply({ status: 200, json: { type: 'tag', name: 'VIP' } })
    expect(await t.run('intercom_create_tag', { name: 'VIP' })).toMatchObject({ success: false, error: { code: 'invalid_response' } })
  })
})

describe('intercom_tag_contact', () => {
  it('POSTs {id: tagId} to the contact and returns the tag', async () => {
    t.fake.reply({ status: 200, json: applied })
    const result = await t.run('intercom_tag_contact', { contactId: CONTACT, tagId: 81 })
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/contacts/${CONTACT}/tags`)
    expect(t.fake.requests[0]?.body).toEqual({ id: '81' })
    expect(result).toEqual({ success: true, output: { id: '81', name: 'Manual tag', type: 'tag' } })
  })

  it.each(HOSTILE_IDS)('encodes the hostile contactId %j as one segment', async (id, encoded) => {
    t.fake.reply({ status: 200, json: applied })
    await t.run('intercom_tag_contact', { contactId: id, tagId: '81' })
    expect(t.fake.requests[0]?.url.pathname).toBe(`/contacts/${encoded}/tags`)
    expect(t.fake.requests[0]?.url.search).toBe('')
  })

  it.each(REFUSED_IDS)('refuses the contactId %j', async (id) => {
    await t.expectRefused('intercom_tag_contact', { contactId: id, tagId: '81' }, 'contactId')
  })

  it.each([
    [{ contactId: CONTACT }, 'tagId'],
    [{ contactId: CONTACT, tagId: '' }, 'tagId'],
    [{ tagId: '81' }, 'contactId'],
  ])('refuses %j', async (params, field) => {
    await t.expectRefused('intercom_tag_contact', params, field)
  })
})

describe('intercom_untag_contact', () => {
  it('DELETEs the tag from the contact, with no query and no body, and returns the removed tag', async () => {
    t.fake.reply({ status: 200, json: { ...applied, id: '84' } })
    const result = await t.run('intercom_untag_contact', { contactId: CONTACT, tagId: '84' })
    expect(t.fake.requests[0]?.method).toBe('DELETE')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/contacts/${CONTACT}/tags/84`)
    expect(t.fake.requests[0]?.body).toBeUndefined()
    expect(result).toEqual({ success: true, output: { id: '84', name: 'Manual tag', type: 'tag' } })
  })

  it.each(HOSTILE_IDS)('encodes the hostile id %j as one segment in both places', async (id, encoded) => {
    t.fake.reply({ status: 200, json: applied }, { status: 200, json: applied })
    await t.run('intercom_untag_contact', { contactId: id, tagId: '84' })
    await t.run('intercom_untag_contact', { contactId: CONTACT, tagId: id })
    expect(t.fake.requests[0]?.url.pathname).toBe(`/contacts/${encoded}/tags/84`)
    expect(t.fake.requests[1]?.url.pathname).toBe(`/contacts/${CONTACT}/tags/${encoded}`)
    expect(t.fake.requests.map((r) => r.url.search)).toEqual(['', ''])
  })

  it.each(REFUSED_IDS)('refuses the id %j in either place', async (id) => {
    await t.expectRefused('intercom_untag_contact', { contactId: id, tagId: '84' }, 'contactId')
    await t.expectRefused('intercom_untag_contact', { contactId: CONTACT, tagId: id }, 'tagId')
  })
})

describe('intercom_tag_conversation', () => {
  it('POSTs {id: tagId, admin_id} to the conversation and returns the tag', async () => {
    t.fake.reply({ status: 200, json: { ...applied, id: '86' } })
    const result = await t.run('intercom_tag_conversation', { conversationId: '64619700005694', tagId: '86', admin_id: 991267618 })
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/conversations/64619700005694/tags`)
    expect(t.fake.requests[0]?.body).toEqual({ id: '86', admin_id: '991267618' })
    expect(result).toEqual({ success: true, output: { id: '86', name: 'Manual tag', type: 'tag' } })
  })

  it.each(HOSTILE_IDS)('encodes the hostile conversationId %j as one segment', async (id, encoded) => {
    t.fake.reply({ status: 200, json: applied })
    await t.run('intercom_tag_conversation', { conversationId: id, tagId: '86', admin_id: '1' })
    expect(t.fake.requests[0]?.url.pathname).toBe(`/conversations/${encoded}/tags`)
    expect(t.fake.requests[0]?.url.search).toBe('')
  })

  it.each(REFUSED_IDS)('refuses the conversationId %j', async (id) => {
    await t.expectRefused('intercom_tag_conversation', { conversationId: id, tagId: '86', admin_id: '1' }, 'conversationId')
  })

  it.each([
    [{ conversationId: '1', tagId: '86' }, 'admin_id'],
    [{ conversationId: '1', admin_id: '1' }, 'tagId'],
    [{ conversationId: '1', tagId: '86', admin_id: '' }, 'admin_id'],
  ])('refuses %j', async (params, field) => {
    await t.expectRefused('intercom_tag_conversation', params, field)
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
    t.fake.reply({ status: 502, json: {} }, { status: 200, json: applied })
    const result = await t.run('intercom_tag_contact', { contactId: CONTACT, tagId: '81' }, { maxRetries: 1 })
    expect(t.fake.requests).toHaveLength(2)
    expect(result.success).toBe(true)
  })
})
