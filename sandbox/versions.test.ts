/** Each Intercom-Version is answered in its own shape where Intercom documents a difference. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasSpec, SKIP_SPEC } from '../test/helpers/openapi'
import type { Sandbox, SandboxData } from './index'
import { specCheck, started, type Call } from './test-support'
import { versionNumber } from './versions'

let sandbox: Sandbox
let call: Call
let seed: SandboxData
let admin: string
let conversationId: string
let ticketId: string
let contactId: string
beforeAll(async () => {
  ;({ sandbox, call } = await started({ seed: 12 }))
  seed = sandbox.state.snapshot()
  admin = sandbox.state.adminId
  const contact = seed.contacts[0]!
  const created = await call('POST', '/contacts', { email: 'versions@example.com', owner_id: admin })
  contactId = created.body.id
  const started_ = await call('POST', '/conversations', { from: { type: contact.role, id: contact.id }, body: 'Versions' })
  conversationId = started_.body.conversation_id
  await call('POST', `/conversations/${conversationId}/reply`, { type: 'admin', admin_id: admin, message_type: 'comment', body: 'Hi' })
  await call('POST', `/conversations/${conversationId}/parts`, { message_type: 'assignment', type: 'team', admin_id: admin, assignee_id: seed.teams[0]!.id })
  const ticket = await call('POST', '/tickets', { ticket_type_id: seed.ticket_types[0]!.id, contacts: [{ id: contact.id }], ticket_attributes: { _default_title_: 'V', severity: 'Low' }, assignment: { admin_assignee_id: admin } })
  ticketId = ticket.body.id
})
afterAll(() => sandbox.close())

describe('versionNumber', () => {
  it('orders 2.9 < 2.10 < 2.16 and treats Unstable, Preview and no header as 2.16', () => {
    expect(versionNumber('2.9')).toBeLessThan(versionNumber('2.10'))
    expect(versionNumber('2.14')).toBeLessThan(versionNumber('2.16'))
    for (const latest of ['Unstable', 'Preview', undefined, '2.16']) expect(versionNumber(latest)).toBe(2.16)
  })
})

describe('shapes per version', () => {
  it('2.16 and Unstable: owner_id a string, teammates.teammates, priority none…urgent, assignee ids integers', async () => {
    for (const version of ['2.16', 'Unstable']) {
      expect((await call('GET', `/contacts/${contactId}`, undefined, { version })).body.owner_id).toBe(admin)
      const conversation = (await call('GET', `/conversations/${conversationId}`, undefined, { version })).body
      expect(conversation.teammates).toEqual({ type: 'admin.list', teammates: [{ type: 'admin', id: admin }] })
      expect(conversation.priority).toBe('none')
      expect(conversation.admin_assignee_id).toBe(0)
      expect(conversation.team_assignee_id).toBe(Number(seed.teams[0]!.id))
      const ticket = (await call('GET', `/tickets/${ticketId}`, undefined, { version })).body
      expect(ticket.admin_assignee_id).toBe(Number(admin))
      expect(ticket).toHaveProperty('previous_ticket_state_id')
    }
  })

  it('2.14 and 2.11: owner_id an integer, teammates.admins, priority/not_priority, assignee ids as 2.14 typed them', async () => {
    for (const version of ['2.14', '2.11']) {
      expect((await call('GET', `/contacts/${contactId}`, undefined, { version })).body.owner_id).toBe(Number(admin))
      const conversation = (await call('GET', `/conversations/${conversationId}`, undefined, { version })).body
      expect(conversation.teammates).toEqual({ type: 'admin.list', admins: [{ type: 'admin', id: admin }] })
      expect(conversation.priority).toBe('not_priority')
      expect(conversation.admin_assignee_id).toBeNull()
      expect(conversation.team_assignee_id).toBe(seed.teams[0]!.id)
      const listed = (await call('GET', '/conversations?per_page=2', undefined, { version })).body.conversations
      expect(listed.every((item: { teammates: object }) => 'admins' in item.teammates)).toBe(true)
      const ticket = (await call('GET', `/tickets/${ticketId}`, undefined, { version })).body
      expect(ticket.admin_assignee_id).toBe(admin)
      expect(ticket.team_assignee_id).toBe('0')
      expect(ticket).not.toHaveProperty('previous_ticket_state_id')
      const tag = (await call('POST', '/tags', { name: 'Versioned', users: [{ id: contactId }] }, { version })).body
      expect(tag).toEqual({ type: 'tag', id: expect.any(String), name: 'Versioned' })
    }
    const tag216 = (await call('POST', '/tags', { name: 'Versioned', users: [{ id: contactId }] })).body
    expect(tag216.users).toEqual([{ id: contactId, tagged: true }])
  })

  it('leaves errors and the stored records alone', async () => {
    const missing = await call('GET', '/conversations/999999', undefined, { version: '2.14' })
    expect(missing.body.errors).toEqual([{ code: 'not_found', message: 'Resource Not Found' }])
    expect(sandbox.state.snapshot().contacts.find((contact) => contact.id === contactId)!.owner_id).toBe(admin)
  })

  it.skipIf(!hasSpec)(hasSpec ? 'each version\'s answers validate against that version\'s contract, and not the other\'s' : `validates per version (${SKIP_SPEC})`, async () => {
    const paths = [`/contacts/${contactId}`, `/conversations/${conversationId}`, `/tickets/${ticketId}`, '/conversations', '/contacts?per_page=5']
    for (const path of paths) {
      for (const version of ['2.16', '2.14']) {
        const answer = await call('GET', path, undefined, { version })
        expect(specCheck('GET', path, 200, answer.body, version), `${version} GET ${path}`).toBe('valid')
      }
    }
    const conversation214 = (await call('GET', `/conversations/${conversationId}`, undefined, { version: '2.14' })).body
    expect(specCheck('GET', `/conversations/${conversationId}`, 200, conversation214, '2.16')).not.toBe('valid')
    const conversation216 = (await call('GET', `/conversations/${conversationId}`)).body
    expect(specCheck('GET', `/conversations/${conversationId}`, 200, conversation216, '2.14')).not.toBe('valid')
  })
})

describe('a workspace kept in a data file, at an older version', () => {
  it('answers every listing in the older shape (its records are proxies that record changes)', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const folder = mkdtempSync(join(tmpdir(), 'intercom-versions-'))
    const kept = await started({ data: join(folder, 'workspace.json') })
    try {
      for (const [method, path, body] of [
        ['GET', '/contacts?per_page=3', undefined],
        ['POST', '/companies/list', undefined],
        ['GET', '/conversations?per_page=3', undefined],
        ['POST', '/contacts/search', { query: { field: 'role', operator: '=', value: 'user' } }],
      ] as const) {
        const answer = await kept.call(method, path, body, { version: '2.14' })
        expect(answer.status, `${method} ${path}`).toBe(200)
      }
      const contacts = await kept.call('GET', '/contacts?per_page=3', undefined, { version: '2.14' })
      const owned = contacts.body.data.find((contact: { owner_id: unknown }) => contact.owner_id !== null)
      if (owned) expect(typeof owned.owner_id).toBe('number')
    } finally {
      await kept.sandbox.close()
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
