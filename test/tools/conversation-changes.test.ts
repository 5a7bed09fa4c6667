import { describe, expect, it } from 'vitest'
import { toolHarness, HOSTILE_IDS, REFUSED_IDS } from '../helpers/tool-harness'

const BASE = 'https://api.intercom.io'
const CONTACT = '6762f11b1bb69f9f2193bba3'
const conversation = { type: 'conversation', id: '507', title: 'Refund', read: true, state: 'open', custom_attributes: { issue_type: 'Billing' } }
const t = toolHarness()

describe('intercom_create_conversation', () => {
  const message = { type: 'user_message', id: '403918330', created_at: 1734537501, body: 'Hello there', message_type: 'inapp', conversation_id: '499' }

  it('POSTs from {type, id} and the body, and returns the message and the conversation id', async () => {
    t.fake.reply({ status: 200, json: message })
    const result = await t.run('intercom_create_conversation', { contactId: CONTACT, role: 'user', body: 'Hello there' })
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/conversations`)
    expect(t.fake.requests[0]?.body).toEqual({ from: { type: 'user', id: CONTACT }, body: 'Hello there' })
    expect(result).toEqual({ success: true, output: { message, conversationId: '499' } })
  })

  it('sends from.type "contact" without a role, and the optional fields as given', async () => {
    t.fake.reply({ status: 200, json: message })
    await t.run('intercom_create_conversation', {
      contactId: CONTACT,
      body: 'Order missing',
      subject: 'Order 1042',
      attachment_urls: 'https://example.com/a.png, https://example.com/b.png',
      created_at: 0,
    })
    expect(t.fake.requests[0]?.body).toEqual({
      from: { type: 'contact', id: CONTACT },
      body: 'Order missing',
      subject: 'Order 1042',
      attachment_urls: ['https://example.com/a.png', 'https://example.com/b.png'],
      created_at: 0,
    })
  })

  it.each([
    [{ body: 'x' }, 'contactId', ''],
    [{ contactId: CONTACT, body: '  ' }, 'body', 'must not be empty'],
    [{ contactId: CONTACT, body: 'x', role: 'admin' }, 'role', ''],
    [{ contactId: CONTACT, body: 'x', attachment_urls: 'https://a.example/x,,' }, 'attachment_urls.1', 'is empty'],
    [{ contactId: '..', body: 'x' }, 'contactId', "not '.' or '..'"],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_create_conversation', params, field, text)
  })
})

describe('intercom_update_conversation', () => {
  it('PUTs only the given fields, false kept, and returns the conversation', async () => {
    t.fake.reply({ status: 200, json: conversation })
    const result = await t.run('intercom_update_conversation', { conversationId: 507, read: false, custom_attributes: '{"issue_type":"Billing","order_number":1042}' })
    expect(t.fake.requests[0]?.method).toBe('PUT')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/conversations/507`)
    expect(t.fake.requests[0]?.body).toEqual({ read: false, custom_attributes: { issue_type: 'Billing', order_number: 1042 } })
    expect(result).toEqual({ success: true, output: { conversation, conversationId: '507' } })
  })

  it.each([
    [{ conversationId: '507' }, 'conversationId', 'give at least one'],
    [{ conversationId: '507', custom_attributes: '{"a":' }, 'custom_attributes', 'is not valid JSON'],
    [{ conversationId: '507', custom_attributes: { flag: true } }, 'custom_attributes.flag', ''],
    [{ conversationId: '507', custom_attributes: { amount: 1.5 } }, 'custom_attributes.amount', ''],
    [{ conversationId: '507', read: 'yes' }, 'read', ''],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_update_conversation', params, field, text)
  })

  it.each(HOSTILE_IDS)('encodes the hostile id %j', async (id, encoded) => {
    t.fake.reply({ status: 200, json: conversation })
    await t.run('intercom_update_conversation', { conversationId: id, title: 'x' })
    expect(t.fake.requests[0]?.url.pathname).toBe(`/conversations/${encoded}`)
  })
})

describe('intercom_attach_contact_to_conversation', () => {
  const answer = { customers: [{ type: 'user', id: CONTACT }] }

  it.each([
    [{ intercom_user_id: CONTACT }, { intercom_user_id: CONTACT }],
    [{ user_id: 70 }, { user_id: '70' }],
    [{ email: 'jane@example.com' }, { email: 'jane@example.com' }],
  ])('POSTs {admin_id, customer: %j}', async (given, customer) => {
    t.fake.reply({ status: 200, json: answer })
    const result = await t.run('intercom_attach_contact_to_conversation', { conversationId: '1295', admin_id: 991267731, ...given })
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/conversations/1295/customers`)
    expect(t.fake.requests[0]?.body).toEqual({ admin_id: '991267731', customer })
    expect(result).toEqual({ success: true, output: answer })
  })

  it.each([
    [{ conversationId: '1295', admin_id: '1' }, 'intercom_user_id', 'exactly one'],
    [{ conversationId: '1295', admin_id: '1', intercom_user_id: CONTACT, email: 'a@example.com' }, 'email', 'exactly one'],
    [{ conversationId: '1295', intercom_user_id: CONTACT }, 'admin_id', ''],
    [{ conversationId: '1295', admin_id: '1', email: ' ' }, 'email', 'must not be empty'],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_attach_contact_to_conversation', params, field, text)
  })
})

describe('intercom_redact_conversation_part', () => {
  it('POSTs a conversation_part redaction', async () => {
    t.fake.reply({ status: 200, json: conversation })
    const result = await t.run('intercom_redact_conversation_part', { conversation_id: 608, conversation_part_id: 149 })
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/conversations/redact`)
    expect(t.fake.requests[0]?.body).toEqual({ type: 'conversation_part', conversation_id: '608', conversation_part_id: '149' })
    expect(result).toEqual({ success: true, output: { conversation, conversationId: '507' } })
  })

  it('POSTs a source redaction', async () => {
    t.fake.reply({ status: 200, json: conversation })
    await t.run('intercom_redact_conversation_part', { conversation_id: '608', source_id: '403918391' })
    expect(t.fake.requests[0]?.body).toEqual({ type: 'source', conversation_id: '608', source_id: '403918391' })
  })

  it.each([
    [{ conversation_id: '608' }, 'conversation_part_id'],
    [{ conversation_id: '608', conversation_part_id: '1', source_id: '2' }, 'source_id'],
    [{ conversation_part_id: '1' }, 'conversation_id'],
    [{ conversation_id: '608', conversation_part_id: '' }, 'conversation_part_id'],
  ])('refuses %j and sends nothing', async (params, field) => {
    await t.expectRefused('intercom_redact_conversation_part', params, field)
  })
})

describe('intercom_untag_conversation', () => {
  const tag = { type: 'tag', id: '89', name: 'Manual tag', applied_at: 1663597223, applied_by: { type: 'admin', id: '456' } }

  it('DELETEs the tag with the admin in the body and returns the removed tag', async () => {
    t.fake.reply({ status: 200, json: tag })
    const result = await t.run('intercom_untag_conversation', { conversationId: '64619700005694', tagId: 89, admin_id: 991267622 })
    expect(t.fake.requests[0]?.method).toBe('DELETE')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/conversations/64619700005694/tags/89`)
    expect(t.fake.requests[0]?.body).toEqual({ admin_id: '991267622' })
    expect(result).toEqual({ success: true, output: { id: '89', name: 'Manual tag', type: 'tag' } })
  })

  it.each(REFUSED_IDS)('refuses the id %j in either place', async (id) => {
    await t.expectRefused('intercom_untag_conversation', { conversationId: id, tagId: '89', admin_id: '1' }, 'conversationId')
    await t.expectRefused('intercom_untag_conversation', { conversationId: '1', tagId: id, admin_id: '1' }, 'tagId')
  })
})
