import { describe, expect, it } from 'vitest'
import { getTool } from '../../index'
import { toolHarness, HOSTILE_IDS } from '../helpers/tool-harness'

const CONTACT = '6762f0ad1bb69f9f2193bb62'
const author = { type: 'admin', id: '991267583', name: 'Ciaran124 Lee', email: 'admin124@email.com', away_mode_enabled: false }
const note = {
  type: 'note',
  id: '31',
  created_at: 1734537390,
  contact: { type: 'contact', id: CONTACT },
  author,
  body: '<p>Hello</p>',
}

const t = toolHarness()

describe('intercom_create_note', () => {
  it('POSTs {body, admin_id} to the contact and returns the note fields as sent', async () => {
    t.fake.reply({ status: 200, json: note })
    const result = await t.run('intercom_create_note', { contactId: CONTACT, body: 'Hello', admin_id: 991267583 })
    expect(t.fake.requests).toHaveLength(1)
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.href).toBe(`https://api.intercom.io/contacts/${CONTACT}/notes`)
    expect(t.fake.requests[0]?.body).toEqual({ body: 'Hello', admin_id: '991267583' })
    expect(result).toEqual({
      success: true,
      output: { id: '31', body: '<p>Hello</p>', created_at: 1734537390, type: 'note', author, contact: { type: 'contact', id: CONTACT } },
    })
    t.parseOutput('intercom_create_note', result.success && result.output)
  })

  it('leaves admin_id out when not given, and invents no author', async () => {
    t.fake.reply({ status: 200, json: { type: 'note', id: '32', body: '<p>Hi</p>' } })
    const result = await t.run('intercom_create_note', { contactId: CONTACT, body: 'Hi' })
    expect(t.fake.requests[0]?.body).toEqual({ body: 'Hi' })
    expect(result).toEqual({
      success: true,
      output: { id: '32', body: '<p>Hi</p>', created_at: undefined, type: 'note', author: undefined, contact: undefined },
    })
  })

  it.each(HOSTILE_IDS)('encodes the hostile contactId %j as one segment', async (id, encoded) => {
    t.fake.reply({ status: 200, json: note })
    await t.run('intercom_create_note', { contactId: id, body: 'x' })
    expect(t.fake.requests[0]?.url.pathname).toBe(`/contacts/${encoded}/notes`)
    expect(t.fake.requests[0]?.url.search).toBe('')
  })

  it.each([
    [{ contactId: '', body: 'x' }, 'contactId', 'must not be empty'],
    [{ contactId: '.', body: 'x' }, 'contactId', "not '.' or '..'"],
    [{ contactId: '..', body: 'x' }, 'contactId', "not '.' or '..'"],
    [{ contactId: CONTACT }, 'body', ''],
    [{ contactId: CONTACT, body: ' ' }, 'body', 'must not be empty'],
    [{ contactId: CONTACT, body: 'x', admin_id: '' }, 'admin_id', 'must not be empty'],
    [{ contactId: CONTACT, body: 'x', author: 'me' }, 'author', 'not a parameter'],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_create_note', params, field, text)
  })

  it('is not repeated: a server error is reported, not retried', async () => {
    t.fake.reply({ status: 500, json: {} })
    const result = await t.run('intercom_create_note', { contactId: CONTACT, body: 'x' }, { maxRetries: 3 })
    expect(t.fake.requests).toHaveLength(1)
    expect(result).toMatchObject({ success: false, error: { status: 500, retryable: false } })
    expect(getTool('intercom_create_note')?.annotations).toEqual({ readOnly: false, destructive: false, idempotent: false })
  })
})
