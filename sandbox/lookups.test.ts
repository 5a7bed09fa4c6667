/**
 * The routes added for clients beyond this package's tools: lookups by id, company updates and
 * contacts, events, notes, conversation updates, ticket states, replies and search. Each is
 * stateful: what one call changes, the next one reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox, SandboxData } from './index'
import { started, type Call } from './test-support'

let sandbox: Sandbox
let call: Call
let seed: SandboxData
let admin: string
beforeAll(async () => {
  ;({ sandbox, call } = await started({ seed: 11 }))
  seed = sandbox.state.snapshot()
  admin = sandbox.state.adminId
})
afterAll(() => sandbox.close())

describe('lookups by id', () => {
  it('GET /admins/{id} and /tags/{id} answer the record, or Intercom 404s', async () => {
    const other = seed.admins[1]!
    expect((await call('GET', `/admins/${other.id}`)).body).toMatchObject({ type: 'admin', id: other.id, email: other.email })
    const missingAdmin = await call('GET', '/admins/424242')
    expect(missingAdmin.status).toBe(404)
    expect(missingAdmin.body.errors).toEqual([{ code: 'admin_not_found', message: 'Admin not found' }])
    const tag = seed.tags[0]!
    expect((await call('GET', `/tags/${tag.id}`)).body).toEqual({ type: 'tag', id: tag.id, name: tag.name })
    expect((await call('GET', '/tags/424242')).status).toBe(404)
  })

  it('GET /contacts/find_by_external_id/{id} finds a user by external id; then 404 tells a create is safe', async () => {
    const user = seed.contacts.find((contact) => contact.role === 'user' && contact.external_id !== null)!
    const found = await call('GET', `/contacts/find_by_external_id/${encodeURIComponent(user.external_id!)}`)
    expect(found.status).toBe(200)
    expect(found.body.id).toBe(user.id)
    const absent = await call('GET', '/contacts/find_by_external_id/ext-new-1')
    expect(absent.status).toBe(404)
    expect(absent.headers.get('x-sandbox-unemulated')).toBeNull()
    expect((await call('POST', '/contacts', { external_id: 'ext-new-1', role: 'user' })).status).toBe(200)
    expect((await call('GET', '/contacts/find_by_external_id/ext-new-1')).body.external_id).toBe('ext-new-1')
    expect((await call('GET', '/contacts/find_by_external_id/x?include_merge_history=maybe')).status).toBe(400)
  })
})

describe('companies', () => {
  it('PUT /companies/{id} changes only the given fields and refuses the others', async () => {
    const company = seed.companies[0]!
    const updated = await call('PUT', `/companies/${company.id}`, { name: 'Renamed', monthly_spend: 99.9, custom_attributes: { tier: 'gold' } })
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({ id: company.id, company_id: company.company_id, name: 'Renamed', monthly_spend: 99, custom_attributes: { tier: 'gold' } })
    expect((await call('GET', `/companies/${company.id}`)).body.name).toBe('Renamed')
    const refused = await call('PUT', `/companies/${company.id}`, { company_id: 'other' })
    expect(refused.status).toBe(400)
    expect(refused.body.errors[0].field).toBe('company_id')
    expect((await call('PUT', `/companies/${company.id}`, { size: -1 })).status).toBe(400)
  })

  it('GET /companies/{id}/contacts pages by number through exactly the attached contacts', async () => {
    const company = seed.companies.find((candidate) => seed.contacts.filter((contact) => contact.company_ids.includes(candidate.id)).length >= 2)!
    const expected = seed.contacts.filter((contact) => contact.company_ids.includes(company.id)).map((contact) => contact.id)
    const seen: string[] = []
    for (let page = 1; page <= expected.length + 1; page++) {
      const answer = await call('GET', `/companies/${company.id}/contacts?per_page=1&page=${page}`)
      expect(answer.body.total_count).toBe(expected.length)
      expect(answer.body.pages).toMatchObject({ type: 'pages', page, per_page: 1, total_pages: expected.length })
      seen.push(...answer.body.data.map((contact: { id: string }) => contact.id))
    }
    expect(seen.sort()).toEqual([...expected].sort())
  })
})

describe('a contact\'s notes and companies honour page and per_page', () => {
  it('walks the notes page by page and ends with an empty page', async () => {
    const contact = seed.contacts[2]!
    for (let index = 0; index < 3; index++) await call('POST', `/contacts/${contact.id}/notes`, { body: `note ${index}` })
    const total = sandbox.state.snapshot().notes.filter((note) => note.contact_id === contact.id).length
    const seen: string[] = []
    for (let page = 1; ; page++) {
      const answer = await call('GET', `/contacts/${contact.id}/notes?per_page=2&page=${page}`)
      expect(answer.body.total_count).toBe(total)
      if (answer.body.data.length === 0) break
      seen.push(...answer.body.data.map((note: { id: string }) => note.id))
    }
    expect(new Set(seen).size).toBe(total)
    const one = seen[0]!
    expect((await call('GET', `/notes/${one}`)).body).toMatchObject({ type: 'note', id: one, contact: { id: contact.id } })
    expect((await call('GET', `/contacts/${contact.id}/notes?per_page=0`)).status).toBe(400)
  })

  it('pages the companies under `companies`', async () => {
    const contact = seed.contacts[3]!
    for (const company of seed.companies.slice(0, 3)) await call('POST', `/contacts/${contact.id}/companies`, { id: company.id })
    const count = sandbox.state.snapshot().contacts.find((candidate) => candidate.id === contact.id)!.company_ids.length
    const first = await call('GET', `/contacts/${contact.id}/companies?per_page=2&page=1`)
    expect(first.body.companies).toHaveLength(Math.min(2, count))
    expect(first.body.total_count).toBe(count)
    const beyond = await call('GET', `/contacts/${contact.id}/companies?per_page=2&page=${Math.ceil(count / 2) + 1}`)
    expect(beyond.body.companies).toEqual([])
  })
})

describe('GET /events', () => {
  it('summarises a contact\'s events by name, found by user_id, intercom_user_id or email', async () => {
    const contact = seed.contacts.find((candidate) => candidate.external_id !== null && candidate.email !== null)!
    for (const created_at of [1_700_000_000, 1_700_000_500]) await call('POST', '/events', { event_name: 'ordered', created_at, id: contact.id })
    await call('POST', '/events', { event_name: 'viewed', created_at: 1_700_000_100, id: contact.id })
    for (const key of [`user_id=${encodeURIComponent(contact.external_id!)}`, `intercom_user_id=${contact.id}`, `email=${encodeURIComponent(contact.email!)}`]) {
      const answer = await call('GET', `/events?type=user&${key}`)
      expect(answer.status, key).toBe(200)
      expect(answer.body.type).toBe('event.summary')
      expect(answer.body.intercom_user_id).toBe(contact.id)
      const ordered = answer.body.events.find((event: { name: string }) => event.name === 'ordered')
      expect(ordered).toEqual({ name: 'ordered', count: 2, first: new Date(1_700_000_000_000).toISOString(), last: new Date(1_700_000_500_000).toISOString() })
    }
    expect((await call('GET', `/events?intercom_user_id=${contact.id}`)).status).toBe(400)
    expect((await call('GET', '/events?type=user')).status).toBe(400)
    expect((await call('GET', '/events?type=user&user_id=nobody')).status).toBe(404)
  })
})

describe('PUT /conversations/{id}', () => {
  it('sets read, title, custom attributes and the company; null removes them', async () => {
    const conversation = seed.conversations[0]!
    const company = seed.companies[1]!
    const updated = await call('PUT', `/conversations/${conversation.id}`, { read: false, title: 'Refund', custom_attributes: { reason: 'billing' }, company_id: company.id })
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({ id: conversation.id, read: false, title: 'Refund', custom_attributes: { reason: 'billing' }, company: { id: company.id } })
    const cleared = await call('PUT', `/conversations/${conversation.id}`, { custom_attributes: { reason: null }, company_id: null })
    expect(cleared.body.custom_attributes).toEqual({})
    expect(cleared.body.company).toBeNull()
    expect((await call('PUT', `/conversations/${conversation.id}`, { company_id: 'ffffffffffffffffffffffff' })).status).toBe(404)
    expect((await call('PUT', `/conversations/${conversation.id}`, { custom_attributes: { nested: { a: 1 } } })).status).toBe(400)
  })
})

describe('tickets', () => {
  it('GET /ticket_states lists every type\'s states with their type', async () => {
    const answer = await call('GET', '/ticket_states')
    const expected = seed.ticket_types.flatMap((type) => type.states.map((state) => [state.id, type.id]))
    expect(answer.body.data.map((state: { id: string; ticket_types: { data: Array<{ id: string }> } }) => [state.id, state.ticket_types.data[0]!.id])).toEqual(expected)
  })

  it('POST /tickets/{id}/reply adds the part to the ticket; contacts cannot reply on back-office tickets', async () => {
    const ticket = seed.tickets.find((candidate) => seed.ticket_types.find((type) => type.id === candidate.ticket_type_id)?.category === 'Customer')!
    const reply = await call('POST', `/tickets/${ticket.id}/reply`, { type: 'admin', admin_id: admin, message_type: 'comment', body: 'On it' })
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({ type: 'ticket_part', part_type: 'comment', body: '<p>On it</p>', author: { type: 'admin', id: admin } })
    const contactReply = await call('POST', `/tickets/${ticket.id}/reply`, { type: 'user', message_type: 'comment', intercom_user_id: ticket.contact_ids[0], body: 'Thanks' })
    expect(contactReply.body.author).toMatchObject({ type: 'user', id: ticket.contact_ids[0] })
    const parts = (await call('GET', `/tickets/${ticket.id}`)).body.ticket_parts.ticket_parts.map((part: { id: string }) => part.id)
    expect(parts.slice(-2)).toEqual([reply.body.id, contactReply.body.id])
    const backOffice = seed.tickets.find((candidate) => seed.ticket_types.find((type) => type.id === candidate.ticket_type_id)?.category === 'Back-office')
    if (backOffice) {
      const refused = await call('POST', `/tickets/${backOffice.id}/reply`, { type: 'user', message_type: 'comment', intercom_user_id: backOffice.contact_ids[0], body: 'x' })
      expect(refused.status).toBe(400)
      expect(refused.body.errors[0].code).toBe('parameter_mismatch')
    }
    expect((await call('POST', `/tickets/${ticket.id}/reply`, { type: 'admin', admin_id: admin, message_type: 'comment', body: 'x', cross_post: true })).status).toBe(400)
  })

  it('POST /tickets/search filters, sorts and pages every match once', async () => {
    const all = sandbox.state.snapshot().tickets
    const open = all.filter((ticket) => ticket.open)
    const seen: string[] = []
    let startingAfter: string | undefined
    do {
      const answer = await call('POST', '/tickets/search', { query: { field: 'open', operator: '=', value: true }, pagination: { per_page: 2, starting_after: startingAfter } })
      expect(answer.body.type).toBe('ticket.list')
      expect(answer.body.total_count).toBe(open.length)
      seen.push(...answer.body.tickets.map((ticket: { id: string }) => ticket.id))
      startingAfter = answer.body.pages.next?.starting_after
    } while (startingAfter)
    expect(seen.sort()).toEqual(open.map((ticket) => ticket.id).sort())
    const first = all[0]!
    const byType = await call('POST', '/tickets/search', { query: { field: 'ticket_type_id', operator: '=', value: first.ticket_type_id } })
    expect(byType.body.tickets.every((ticket: { ticket_type: { id: string } }) => ticket.ticket_type.id === first.ticket_type_id)).toBe(true)
    const refused = await call('POST', '/tickets/search', { query: { field: 'open', operator: '>', value: true } })
    expect(refused.status).toBe(400)
  })
})
