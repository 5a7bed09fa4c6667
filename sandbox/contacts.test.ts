import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox, SandboxData } from './index'
import { started, type Call } from './test-support'

const HEX24 = /^[0-9a-f]{24}$/

let sandbox: Sandbox
let call: Call
let seed: SandboxData
beforeAll(async () => {
  ;({ sandbox, call } = await started({ seed: 3 }))
  seed = sandbox.state.snapshot()
})
afterAll(() => sandbox.close())

const jane = () => seed.contacts[0]!

describe('seeded contacts', () => {
  it('has 60 contacts, 42 users and 18 leads, with Intercom-shaped ids', () => {
    expect(seed.contacts).toHaveLength(60)
    expect(seed.contacts.filter((contact) => contact.role === 'user')).toHaveLength(42)
    expect(seed.contacts.every((contact) => HEX24.test(contact.id))).toBe(true)
    expect(jane()).toMatchObject({ name: 'Jane Doe', email: 'jane.doe@example.com', external_id: 'usr_1000', role: 'user' })
  })

  it('reads one contact with its tags, notes and companies', async () => {
    const answer = await call('GET', `/contacts/${jane().id}`)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ type: 'contact', id: jane().id, email: 'jane.doe@example.com', role: 'user', external_id: 'usr_1000' })
    expect(answer.body.tags.data.map((tag: { id: string }) => tag.id)).toEqual(jane().tag_ids)
    expect(answer.body.companies.data.map((company: { id: string }) => company.id)).toEqual(jane().company_ids)
    expect(answer.body.notes.total_count).toBe(seed.notes.filter((note) => note.contact_id === jane().id).length)
  })

  it('answers an unknown contact with 404 not_found "User Not Found"', async () => {
    const answer = await call('GET', '/contacts/000000000000000000000000')
    expect(answer.status).toBe(404)
    expect(answer.body.errors).toEqual([{ code: 'not_found', message: 'User Not Found' }])
  })
})

describe('POST /contacts', () => {
  it('creates a user with custom attributes, readable afterwards', async () => {
    const created = await call('POST', '/contacts', { email: 'ada@example.com', name: 'Ada', custom_attributes: { plan: 'pro', seats: 5 } })
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({ type: 'contact', role: 'user', email: 'ada@example.com', email_domain: 'example.com', name: 'Ada', custom_attributes: { plan: 'pro', seats: 5 } })
    expect(created.body.id).toMatch(HEX24)
    const read = await call('GET', `/contacts/${created.body.id}`)
    expect(read.body.name).toBe('Ada')
  })

  it('creates a lead from a role alone', async () => {
    const created = await call('POST', '/contacts', { role: 'lead' })
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({ role: 'lead', email: '', external_id: null })
  })

  it('needs one of email, external_id or role', async () => {
    const answer = await call('POST', '/contacts', { name: 'Nobody' })
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0].code).toBe('parameter_invalid')
  })

  it('answers 409 conflict when a user already has the email or external_id', async () => {
    const byEmail = await call('POST', '/contacts', { email: 'JANE.DOE@example.com' })
    expect(byEmail.status).toBe(409)
    expect(byEmail.body.errors).toEqual([{ code: 'conflict', message: `A contact matching those details already exists with id=${jane().id}` }])
    const byExternalId = await call('POST', '/contacts', { external_id: 'usr_1000', email: 'other@example.com' })
    expect(byExternalId.status).toBe(409)
    const lead = await call('POST', '/contacts', { role: 'lead', email: 'jane.doe@example.com' })
    expect(lead.status).toBe(200)
  })

  it('refuses wrong types, unknown roles and unknown custom attributes', async () => {
    const cases: Array<[unknown, string, string]> = [
      [{ email: 5 }, 'parameter_invalid', 'email'],
      [{ email: 'not-an-email' }, 'parameter_invalid', 'email'],
      [{ role: 'admin' }, 'parameter_invalid', 'role'],
      [{ role: 'user', signed_up_at: '2024-01-01' }, 'parameter_invalid', 'signed_up_at'],
      [{ role: 'user', owner_id: '1' }, 'parameter_invalid', 'owner_id'],
      [{ role: 'user', custom_attributes: { shoe_size: 9 } }, 'parameter_not_found', 'custom_attributes.shoe_size'],
      [{ role: 'user', custom_attributes: { seats: 'five' } }, 'parameter_invalid', 'custom_attributes.seats'],
    ]
    for (const [body, code, field] of cases) {
      const answer = await call('POST', '/contacts', body)
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.body.errors[0], JSON.stringify(body)).toMatchObject({ code, field })
    }
  })
})

describe('PUT and DELETE /contacts/{id}', () => {
  it('updates only the given fields and merges custom attributes', async () => {
    const contact = seed.contacts[1]!
    const answer = await call('PUT', `/contacts/${contact.id}`, { name: 'Renamed', custom_attributes: { plan: 'enterprise' }, owner_id: seed.admins[1]!.id })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ name: 'Renamed', email: contact.email, owner_id: seed.admins[1]!.id })
    expect(answer.body.custom_attributes).toEqual({ ...contact.custom_attributes, plan: 'enterprise' })
    expect((await call('GET', `/contacts/${contact.id}`)).body.name).toBe('Renamed')
  })

  it('answers 404 for an unknown contact and 409 for another user’s email', async () => {
    expect((await call('PUT', '/contacts/ffffffffffffffffffffffff', { name: 'x' })).status).toBe(404)
    const other = seed.contacts.find((contact) => contact.role === 'user' && contact.id !== jane().id)!
    const answer = await call('PUT', `/contacts/${other.id}`, { email: 'jane.doe@example.com' })
    expect(answer.status).toBe(409)
  })

  it('deletes a contact: it is gone from GET and from the list', async () => {
    const contact = seed.contacts[2]!
    const before = (await call('GET', '/contacts?per_page=1')).body.total_count
    const answer = await call('DELETE', `/contacts/${contact.id}`)
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ type: 'contact', id: contact.id, external_id: contact.external_id, deleted: true })
    expect((await call('GET', `/contacts/${contact.id}`)).status).toBe(404)
    expect((await call('DELETE', `/contacts/${contact.id}`)).status).toBe(404)
    expect((await call('GET', '/contacts?per_page=1')).body.total_count).toBe(before - 1)
  })
})

describe('GET /contacts (cursor pagination)', () => {
  async function walk(perPage: number | undefined): Promise<{ ids: string[]; pages: number; total: number }> {
    const ids: string[] = []
    let cursor: string | undefined
    let pages = 0
    let total = 0
    for (; pages < 40; ) {
      const query = new URLSearchParams()
      if (perPage !== undefined) query.set('per_page', String(perPage))
      if (cursor) query.set('starting_after', cursor)
      const answer = await call('GET', `/contacts?${query}`)
      expect(answer.status).toBe(200)
      pages++
      total = answer.body.total_count
      ids.push(...answer.body.data.map((contact: { id: string }) => contact.id))
      cursor = answer.body.pages.next?.starting_after
      if (!cursor) {
        expect(answer.body.pages.next).toBeUndefined()
        break
      }
    }
    return { ids, pages, total }
  }

  it('defaults to 50 per page, newest first, and says when more remain', async () => {
    const first = await call('GET', '/contacts')
    expect(first.body.data).toHaveLength(50)
    expect(first.body.pages).toMatchObject({ type: 'pages', page: 1, per_page: 50, total_pages: 2, next: { page: 2, starting_after: expect.any(String) } })
    const created = first.body.data.map((contact: { created_at: number }) => contact.created_at)
    expect(created).toEqual([...created].sort((a: number, b: number) => b - a))
  })

  it('returns every contact exactly once across pages', async () => {
    const expected = sandbox.state.snapshot().contacts.map((contact) => contact.id).sort()
    for (const perPage of [undefined, 7, 150]) {
      const { ids, pages, total } = await walk(perPage)
      expect(ids.length, `per_page ${perPage}`).toBe(expected.length)
      expect([...ids].sort()).toEqual(expected)
      expect(total).toBe(expected.length)
      expect(pages).toBe(Math.ceil(expected.length / (perPage ?? 50)))
    }
  })

  it('refuses per_page over 150 and a cursor it did not issue', async () => {
    expect((await call('GET', '/contacts?per_page=151')).body.errors[0]).toMatchObject({ code: 'parameter_invalid', field: 'per_page' })
    expect((await call('GET', '/contacts?per_page=abc')).status).toBe(400)
    expect((await call('GET', '/contacts?starting_after=bm9wZQ')).body.errors[0]).toMatchObject({ code: 'parameter_invalid', field: 'starting_after' })
  })
})

describe('tags, notes and companies of a contact', () => {
  it('tags and untags a contact; the contact shows it', async () => {
    const contact = seed.contacts[5]!
    const tag = seed.tags.find((candidate) => !contact.tag_ids.includes(candidate.id))!
    const added = await call('POST', `/contacts/${contact.id}/tags`, { id: tag.id })
    expect(added.status).toBe(200)
    expect(added.body).toEqual({ type: 'tag', id: tag.id, name: tag.name })
    const tagged = await call('GET', `/contacts/${contact.id}`)
    expect(tagged.body.tags.data).toContainEqual({ type: 'tag', id: tag.id, url: `/tags/${tag.id}` })
    expect((await call('DELETE', `/contacts/${contact.id}/tags/${tag.id}`)).body.id).toBe(tag.id)
    const untagged = await call('GET', `/contacts/${contact.id}`)
    expect(untagged.body.tags.data.map((entry: { id: string }) => entry.id)).not.toContain(tag.id)
  })

  it('answers tag errors like Intercom', async () => {
    const contact = seed.contacts[5]!
    expect((await call('POST', `/contacts/${contact.id}/tags`, { id: '1' })).body.errors[0]).toEqual({ code: 'not_found', message: 'Resource Not Found' })
    expect((await call('POST', '/contacts/ffffffffffffffffffffffff/tags', { id: seed.tags[0]!.id })).body.errors[0].message).toBe('User Not Found')
    expect((await call('POST', `/contacts/${contact.id}/tags`, {})).body.errors[0]).toMatchObject({ code: 'parameter_not_found', field: 'id' })
    expect((await call('DELETE', `/contacts/${contact.id}/tags/1`)).status).toBe(404)
  })

  it('adds notes, by the token admin or a given admin', async () => {
    const contact = seed.contacts[6]!
    const mine = await call('POST', `/contacts/${contact.id}/notes`, { body: 'Hello' })
    expect(mine.status).toBe(200)
    expect(mine.body).toMatchObject({ type: 'note', body: '<p>Hello</p>', contact: { type: 'contact', id: contact.id }, author: { type: 'admin', id: sandbox.state.adminId } })
    const theirs = await call('POST', `/contacts/${contact.id}/notes`, { body: '<p>Called</p>', admin_id: Number(seed.admins[2]!.id) })
    expect(theirs.body.author.id).toBe(seed.admins[2]!.id)
    expect((await call('GET', `/contacts/${contact.id}`)).body.notes.total_count).toBe(seed.notes.filter((note) => note.contact_id === contact.id).length + 2)
    expect((await call('POST', `/contacts/${contact.id}/notes`, { body: 'x', admin_id: '42' })).status).toBe(404)
    expect((await call('POST', `/contacts/${contact.id}/notes`, {})).body.errors[0]).toMatchObject({ code: 'parameter_not_found', field: 'body' })
  })

  it('attaches and detaches a company; the company counts the contact', async () => {
    const contact = seed.contacts[50]!
    const company = seed.companies[0]!
    const users = (await call('GET', `/companies/${company.id}`)).body.user_count
    const attached = await call('POST', `/contacts/${contact.id}/companies`, { id: company.id })
    expect(attached.status).toBe(200)
    expect(attached.body).toMatchObject({ type: 'company', id: company.id, user_count: users + 1 })
    expect((await call('GET', `/contacts/${contact.id}`)).body.companies.data.map((entry: { id: string }) => entry.id)).toContain(company.id)
    const detached = await call('DELETE', `/contacts/${contact.id}/companies/${company.id}`)
    expect(detached.body.user_count).toBe(users)
    expect((await call('POST', `/contacts/${contact.id}/companies`, { id: 'ffffffffffffffffffffffff' })).body.errors[0]).toEqual({ code: 'company_not_found', message: 'Company Not Found' })
    expect((await call('POST', `/contacts/${contact.id}/companies`, {})).body.errors[0]).toMatchObject({ code: 'parameter_not_found', message: 'company not specified' })
    expect((await call('DELETE', `/contacts/${contact.id}/companies/ffffffffffffffffffffffff`)).body.errors[0].code).toBe('company_not_found')
  })
})
