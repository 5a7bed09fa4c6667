/**
 * The routes for merging, archiving, participants, redaction, company deletion, data attributes
 * and help center articles: stateful (what one call changes, the next reads) and, where
 * ../shared is present, every answer validated against its operation's 2.16 response schema.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasSpec } from '../test/helpers/openapi'
import type { Sandbox, SandboxData } from './index'
import { saveDataFile } from './persist'
import { seedData } from './seed'
import { specCheck, started, type Answer, type Call } from './test-support'

let sandbox: Sandbox
let call: Call
let seed: SandboxData
let admin: string
beforeAll(async () => {
  ;({ sandbox, call } = await started({ seed: 13 }))
  seed = sandbox.state.snapshot()
  admin = sandbox.state.adminId
})
afterAll(() => sandbox.close())

/** Calls, checks the status and (with the spec present) the body against the response schema. */
async function expectAnswer(method: string, path: string, status: number, body?: unknown): Promise<Answer> {
  const answer = await call(method, path, body)
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)?.slice(0, 300)}`).toBe(status)
  if (hasSpec) expect(specCheck(method, path, status, answer.body), `${method} ${path} ${status}`).toBe('valid')
  return answer
}

describe('contacts: merge, archive, unarchive', () => {
  it('merges a lead into a user: the lead is gone, its notes, tags and conversations move', async () => {
    const user = (await expectAnswer('POST', '/contacts', 200, { email: 'merge@example.com', role: 'user', external_id: 'merge-1' })).body
    const lead = (await expectAnswer('POST', '/contacts', 200, { email: 'MERGE@example.com', role: 'lead', custom_attributes: { plan: 'pro' } })).body
    const tag = seed.tags[0]!
    await call('POST', `/contacts/${lead.id}/tags`, { id: tag.id })
    await call('POST', `/contacts/${lead.id}/notes`, { body: 'Lead note', admin_id: admin })
    const message = (await call('POST', '/conversations', { from: { type: 'lead', id: lead.id }, body: 'Hi from a lead' })).body

    expect((await expectAnswer('POST', '/contacts/merge', 400, { from: user.id, into: lead.id })).body.errors[0].code).toBe('invalid_merge')
    const merged = await expectAnswer('POST', '/contacts/merge', 200, { from: lead.id, into: user.id })
    expect(merged.body).toMatchObject({ id: user.id, role: 'user', custom_attributes: { plan: 'pro' } })
    expect(merged.body.tags.data.map((entry: { id: string }) => entry.id)).toEqual([tag.id])

    expect((await call('GET', `/contacts/${lead.id}`)).status).toBe(404)
    const notes = (await expectAnswer('GET', `/contacts/${user.id}/notes`, 200)).body
    expect(notes.data.map((note: { body: string }) => note.body)).toEqual(['<p>Lead note</p>'])
    const conversation = (await call('GET', `/conversations/${message.conversation_id}`)).body
    expect(conversation.contacts.contacts.map((contact: { id: string }) => contact.id)).toEqual([user.id])
  })

  it('refuses to merge contacts that are not duplicates unless told to skip the check', async () => {
    const user = (await call('POST', '/contacts', { email: 'someone@example.com', role: 'user' })).body
    const lead = (await call('POST', '/contacts', { email: 'else@example.com', role: 'lead' })).body
    const refused = await expectAnswer('POST', '/contacts/merge', 400, { from: lead.id, into: user.id })
    expect(refused.body.errors[0].message).toContain('skip_duplicate_validation')
    expect((await call('GET', `/contacts/${lead.id}`)).status).toBe(200)
    await expectAnswer('POST', '/contacts/merge', 200, { from: lead.id, into: user.id, skip_duplicate_validation: true })
    expect((await call('GET', `/contacts/${lead.id}`)).status).toBe(404)
  })

  it('archives a contact out of lists and searches, and unarchives it back', async () => {
    const contact = (await call('POST', '/contacts', { email: 'archive@example.com' })).body
    const search = { query: { field: 'email', operator: '=', value: 'archive@example.com' } }
    expect((await expectAnswer('POST', `/contacts/${contact.id}/archive`, 200)).body).toEqual({ type: 'contact', id: contact.id, external_id: null, archived: true })
    expect((await call('POST', '/contacts/search', search)).body.total_count).toBe(0)
    expect((await call('GET', `/contacts/${contact.id}`)).status).toBe(200)
    expect((await expectAnswer('POST', `/contacts/${contact.id}/unarchive`, 200)).body.archived).toBe(false)
    expect((await call('POST', '/contacts/search', search)).body.total_count).toBe(1)
    expect((await call('POST', '/contacts/nope/archive')).status).toBe(404)
  })
})

describe('conversations: participants and redaction', () => {
  it('adds a contact by id, external id or email (a new lead), once each', async () => {
    const conversation = seed.conversations[0]!
    const other = seed.contacts.find((contact) => !conversation.contact_ids.includes(contact.id))!
    const first = await expectAnswer('POST', `/conversations/${conversation.id}/customers`, 200, { admin_id: admin, customer: { intercom_user_id: other.id } })
    expect(first.body.customers.map((entry: { id: string }) => entry.id)).toEqual([...conversation.contact_ids, other.id])
    const again = await call('POST', `/conversations/${conversation.id}/customers`, { admin_id: admin, customer: { intercom_user_id: other.id } })
    expect(again.body.customers).toHaveLength(first.body.customers.length)
    const byEmail = await call('POST', `/conversations/${conversation.id}/customers`, { admin_id: admin, customer: { email: 'new-participant@example.com' } })
    const added = byEmail.body.customers.at(-1)
    expect(added.type).toBe('lead')
    expect((await call('GET', `/contacts/${added.id}`)).body.email).toBe('new-participant@example.com')
    await expectAnswer('POST', `/conversations/${conversation.id}/customers`, 400, { admin_id: admin, customer: { email: 'a@example.com', user_id: 'x' } })
    await expectAnswer('POST', '/conversations/999999999/customers', 404, { admin_id: admin, customer: { intercom_user_id: other.id } })
  })

  it('redacts a part and a contact-written source; refuses a part without a body', async () => {
    const contact = seed.contacts[0]!
    const created = (await call('POST', '/conversations', { from: { type: contact.role, id: contact.id }, body: 'my card is 4242' })).body
    const replied = (await call('POST', `/conversations/${created.conversation_id}/reply`, { message_type: 'comment', type: 'admin', admin_id: admin, body: 'secret 123' })).body
    const part = replied.conversation_parts.conversation_parts.at(-1)
    const redacted = await expectAnswer('POST', '/conversations/redact', 200, { type: 'conversation_part', conversation_id: created.conversation_id, conversation_part_id: part.id })
    const after = redacted.body.conversation_parts.conversation_parts.find((entry: { id: string }) => entry.id === part.id)
    expect(after).toMatchObject({ redacted: true, body: '<p><i>This message was deleted</i></p>' })
    const source = await expectAnswer('POST', '/conversations/redact', 200, { type: 'source', conversation_id: created.conversation_id, source_id: created.id })
    expect(source.body.source).toMatchObject({ redacted: true, body: '<p><i>This message was deleted</i></p>' })
    expect((await call('GET', `/conversations/${created.conversation_id}`)).body.source.redacted).toBe(true)

    const closed = (await call('POST', `/conversations/${created.conversation_id}/parts`, { message_type: 'close', type: 'admin', admin_id: admin })).body
    const bodiless = closed.conversation_parts.conversation_parts.at(-1)
    const refused = await expectAnswer('POST', '/conversations/redact', 400, { type: 'conversation_part', conversation_id: created.conversation_id, conversation_part_id: bodiless.id })
    expect(refused.body.errors[0].code).toBe('conversation_part_not_redactable')
    await expectAnswer('POST', '/conversations/redact', 404, { type: 'conversation_part', conversation_id: created.conversation_id, conversation_part_id: 'nope' })
  })
})

describe('companies: delete', () => {
  it('deletes a company and detaches its contacts, which stay', async () => {
    const company = seed.companies[0]!
    const members = seed.contacts.filter((contact) => contact.company_ids.includes(company.id))
    expect(members.length).toBeGreaterThan(0)
    expect((await expectAnswer('DELETE', `/companies/${company.id}`, 200)).body).toEqual({ id: company.id, object: 'company', deleted: true })
    expect((await call('GET', `/companies/${company.id}`)).status).toBe(404)
    const member = (await call('GET', `/contacts/${members[0]!.id}`)).body
    expect(member.companies.data.map((entry: { id: string }) => entry.id)).not.toContain(company.id)
    await expectAnswer('DELETE', `/companies/${company.id}`, 404)
  })
})

describe('data attributes', () => {
  it('lists built-in and custom attributes per model; archived ones only when asked', async () => {
    const contact = (await expectAnswer('GET', '/data_attributes?model=contact', 200)).body.data
    expect(contact.every((attribute: { model: string }) => attribute.model === 'contact')).toBe(true)
    expect(contact.filter((attribute: { custom: boolean }) => attribute.custom).map((attribute: { name: string }) => attribute.name)).toEqual(
      seed.data_attributes.map((attribute) => attribute.name),
    )
    const all = (await expectAnswer('GET', '/data_attributes', 200)).body.data
    expect(new Set(all.map((attribute: { model: string }) => attribute.model))).toEqual(new Set(['contact', 'company']))
    await expectAnswer('GET', '/data_attributes?model=conversation', 422)
    await expectAnswer('GET', '/data_attributes?include_archived=maybe', 400)

  })

  it('lists an archived attribute only with include_archived=true', async () => {
    const data = seedData(13)
    data.data_attributes[0]!.archived = true
    const folder = mkdtempSync(join(tmpdir(), 'sandbox-attributes-'))
    const file = join(folder, 'state.json')
    saveDataFile(file, data)
    const other = await started({ data: file })
    try {
      const names = async (query: string) =>
        ((await other.call('GET', `/data_attributes?model=contact${query}`)).body.data as Array<{ name: string; archived: boolean }>).filter((entry) => entry.name === data.data_attributes[0]!.name)
      expect(await names('')).toEqual([])
      expect((await names('&include_archived=true')).map((entry) => entry.archived)).toEqual([true])
    } finally {
      await other.sandbox.close()
      rmSync(folder, { recursive: true, force: true })
    }
  })
})

describe('help center articles', () => {
  it('searches the seeded articles by every word of a phrase, by state, with highlights', async () => {
    const found = (await expectAnswer('GET', '/articles/search?phrase=reset%20password', 200)).body
    expect(found.total_count).toBe(1)
    expect(found.data.articles[0].title).toBe('How to reset your password')
    const highlighted = (await expectAnswer('GET', '/articles/search?phrase=refund&highlight=true', 200)).body
    expect(highlighted.data.highlights[0].highlighted_title).toContainEqual({ type: 'highlight', text: 'refund' })
    expect((await call('GET', '/articles/search?phrase=export&state=published')).body.total_count).toBe(0)
    expect((await call('GET', '/articles/search?phrase=export&state=draft')).body.total_count).toBe(1)
    await expectAnswer('GET', '/articles/search?phrase=x&state=old', 400)

    const article = await expectAnswer('GET', `/articles/${found.data.articles[0].id}`, 200)
    expect(article.body).toMatchObject({ title: 'How to reset your password', state: 'published', statistics: { type: 'article_statistics' } })
    await expectAnswer('GET', '/articles/424242', 404)
  })
})
