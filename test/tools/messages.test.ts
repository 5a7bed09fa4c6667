import { describe, expect, it } from 'vitest'
import { getTool } from '../../index'
import { toolHarness } from '../helpers/tool-harness'

const BASE = 'https://api.intercom.io'
const message = {
  type: 'admin_message',
  id: '19',
  created_at: 1734537786,
  subject: 'heyy',
  body: 'heyy',
  message_type: 'inapp',
  owner: { type: 'admin', id: '991267816', name: 'Ciaran299 Lee', email: 'admin299@email.com', away_mode_enabled: false },
  some_future_field: 1,
}
const contact = { type: 'contact', id: '6762f2391bb69f9f2193bc19', role: 'lead', email: 'jane@example.com' }

const t = toolHarness()

const inApp = {
  message_type: 'in_app',
  template: 'plain',
  body: 'heyy',
  from_type: 'admin',
  from_id: '991267816',
  to_type: 'user',
  to_id: '6762f2391bb69f9f2193bc19',
}
const email = { ...inApp, message_type: 'email', template: 'personal', subject: 'Your order' }

describe('intercom_create_message', () => {
  it('POSTs an in-app message with from.id as an integer and returns the message and its id', async () => {
    t.fake.reply({ status: 200, json: message })
    const result = await t.run('intercom_create_message', inApp)
    expect(t.fake.requests).toHaveLength(1)
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/messages`)
    expect(t.fake.requests[0]?.body).toEqual({
      message_type: 'in_app',
      template: 'plain',
      body: 'heyy',
      from: { type: 'admin', id: 991267816 },
      to: { type: 'user', id: '6762f2391bb69f9f2193bc19' },
    })
    expect(result).toEqual({ success: true, output: { message, messageId: '19' } })
    expect(t.parseOutput('intercom_create_message', result.success && result.output)).toMatchObject({ message: { some_future_field: 1 } })
  })

  it('sends the reference spelling inapp as in_app', async () => {
    t.fake.reply({ status: 200, json: message })
    await t.run('intercom_create_message', { ...inApp, message_type: 'inapp' })
    expect((t.fake.requests[0]?.body as { message_type: string }).message_type).toBe('in_app')
  })

  it('sends an email with its subject, a numeric from_id, a lead recipient and created_at 0', async () => {
    t.fake.reply({ status: 200, json: { ...message, message_type: 'email' } })
    const result = await t.run('intercom_create_message', { ...email, from_id: 991267816, to_type: 'lead', created_at: 0 })
    expect(t.fake.requests[0]?.body).toEqual({
      message_type: 'email',
      template: 'personal',
      subject: 'Your order',
      body: 'heyy',
      from: { type: 'admin', id: 991267816 },
      to: { type: 'lead', id: '6762f2391bb69f9f2193bc19' },
      created_at: 0,
    })
    expect(result.success).toBe(true)
  })

  it('with to_type contact, reads the contact first and sends its role', async () => {
    t.fake.reply({ status: 200, json: contact }, { status: 200, json: message })
    const result = await t.run('intercom_create_message', { ...inApp, to_type: 'contact' })
    expect(t.fake.requests.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`)).toEqual([
      'GET /contacts/6762f2391bb69f9f2193bc19',
      'POST /messages',
    ])
    expect(t.fake.requests[0]?.body).toBeUndefined()
    expect((t.fake.requests[1]?.body as { to: unknown }).to).toEqual({ type: 'lead', id: '6762f2391bb69f9f2193bc19' })
    expect(result).toEqual({ success: true, output: { message, messageId: '19' } })
  })

  it('sends role user when the looked-up contact is a user', async () => {
    t.fake.reply({ status: 200, json: { ...contact, role: 'user' } }, { status: 200, json: message })
    await t.run('intercom_create_message', { ...inApp, to_type: 'contact' })
    expect((t.fake.requests[1]?.body as { to: unknown }).to).toEqual({ type: 'user', id: '6762f2391bb69f9f2193bc19' })
  })

  it('encodes a hostile to_id as one segment in the lookup', async () => {
    t.fake.reply({ status: 200, json: contact }, { status: 200, json: message })
    await t.run('intercom_create_message', { ...inApp, to_type: 'contact', to_id: '../admins?x=1#y' })
    expect(t.fake.requests[0]?.url.pathname).toBe('/contacts/..%2Fadmins%3Fx%3D1%23y')
    expect(t.fake.requests[0]?.url.search).toBe('')
    expect((t.fake.requests[1]?.body as { to: unknown }).to).toEqual({ type: 'lead', id: '../admins?x=1#y' })
  })

  it('sends nothing when the lookup fails, and names to_id', async () => {
    t.fake.reply({ status: 404, json: { type: 'error.list', request_id: 'r-1', errors: [{ code: 'not_found', message: 'User Not Found' }] } })
    const result = await t.run('intercom_create_message', { ...inApp, to_type: 'contact', to_id: 'nope' })
    expect(t.fake.requests.map((r) => r.method)).toEqual(['GET'])
    expect(result).toMatchObject({ success: false, error: { code: 'not_found', field: 'to_id', status: 404, requestId: 'r-1' } })
    if (!result.success) expect(result.error.message).toContain('Nothing was sent')
  })

  it('sends nothing when the contact has no usable role', async () => {
    t.fake.reply({ status: 200, json: { ...contact, role: 'visitor' } })
    const result = await t.run('intercom_create_message', { ...inApp, to_type: 'contact' })
    expect(t.fake.requests).toHaveLength(1)
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_response' } })
    if (!result.success) expect(result.error.message).toContain('"visitor"')
  })

  it('is not retried after a server error', async () => {
    t.fake.reply({ status: 503, json: { type: 'error.list', errors: [{ code: 'service_unavailable', message: 'Down' }] } })
    const result = await t.run('intercom_create_message', inApp, { maxRetries: 3 })
    expect(t.fake.requests).toHaveLength(1)
    expect(result).toMatchObject({ success: false, error: { status: 503, retryable: false } })
  })

  it.each([
    [{ ...email, subject: undefined }, 'subject', 'an email needs a subject'],
    [{ ...email, subject: '  ' }, 'subject', 'an email needs a subject'],
    [{ ...inApp, message_type: 'whatsapp' }, 'message_type', ''],
    [{ ...inApp, message_type: undefined }, 'message_type', ''],
    [{ ...inApp, template: 'fancy' }, 'template', ''],
    [{ ...inApp, template: undefined }, 'template', ''],
    [{ ...inApp, body: '' }, 'body', ''],
    [{ ...inApp, from_type: 'user' }, 'from_type', ''],
    [{ ...inApp, from_id: 'admin-1' }, 'from_id', 'digits only'],
    [{ ...inApp, from_id: '991267816 ' }, 'from_id', 'digits only'],
    [{ ...inApp, from_id: 1.5 }, 'from_id', 'digits only'],
    [{ ...inApp, from_id: undefined }, 'from_id', ''],
    [{ ...inApp, to_type: 'visitor' }, 'to_type', ''],
    [{ ...inApp, to_id: '' }, 'to_id', 'must not be empty'],
    [{ ...inApp, to_type: 'contact', to_id: '..' }, 'to_id', "not '.' or '..'"],
    [{ ...inApp, to_type: 'contact', to_id: '.' }, 'to_id', "not '.' or '..'"],
    [{ ...inApp, created_at: '2024-01-01' }, 'created_at', ''],
    [{ ...inApp, cc: 'x' }, 'cc', 'not a parameter'],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_create_message', params, field, text)
  })

  it('is annotated as a write that is not repeated', () => {
    expect(getTool('intercom_create_message')?.annotations).toEqual({ readOnly: false, destructive: false, idempotent: false })
  })
})
