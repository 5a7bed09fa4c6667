import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox, SandboxData, TicketTypeRecord } from './index'
import { started, type Call } from './test-support'

let sandbox: Sandbox
let call: Call
let seed: SandboxData
let bug: TicketTypeRecord
let feature: TicketTypeRecord
beforeAll(async () => {
  ;({ sandbox, call } = await started({ seed: 2 }))
  seed = sandbox.state.snapshot()
  bug = seed.ticket_types[0]!
  feature = seed.ticket_types[1]!
})
afterAll(() => sandbox.close())

const user = () => seed.contacts[0]!

describe('GET /ticket_types', () => {
  it('lists the two seeded types with default attributes and four states each', async () => {
    const answer = await call('GET', '/ticket_types')
    expect(answer.status).toBe(200)
    expect(answer.body.type).toBe('list')
    expect(answer.body.data.map((type: { id: string; name: string }) => [type.id, type.name])).toEqual([
      [bug.id, 'Bug report'],
      [feature.id, 'Feature request'],
    ])
    const attributes = answer.body.data[0].ticket_type_attributes.ticket_type_attributes.map((attribute: { name: string }) => attribute.name)
    expect(attributes).toEqual(['_default_title_', '_default_description_', 'severity', 'affected_users', 'reproducible'])
    expect(answer.body.data[0].ticket_states.data.map((state: { category: string }) => state.category)).toEqual(['submitted', 'in_progress', 'waiting_on_customer', 'resolved'])
  })
})

describe('POST /tickets', () => {
  it('creates a ticket for a contact by id, in the submitted state', async () => {
    const answer = await call('POST', '/tickets', {
      ticket_type_id: bug.id,
      contacts: [{ id: user().id }],
      ticket_attributes: { _default_title_: 'Login loop', _default_description_: 'It loops', severity: 'High', affected_users: 3, reproducible: true },
      skip_notifications: true,
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({
      type: 'ticket',
      category: 'Customer',
      open: true,
      ticket_attributes: { _default_title_: 'Login loop', _default_description_: 'It loops', severity: 'High', affected_users: 3, reproducible: true },
      ticket_state: { category: 'submitted' },
      ticket_type: { id: bug.id },
      contacts: { contacts: [{ type: 'contact', id: user().id }] },
      admin_assignee_id: 0,
    })
    expect(answer.body.id).toMatch(/^\d+$/)
    expect((await call('GET', `/tickets/${answer.body.id}`)).body.ticket_attributes._default_title_).toBe('Login loop')
  })

  it('finds the contact by external_id or email; an unknown email becomes a lead', async () => {
    const byExternal = await call('POST', '/tickets', { ticket_type_id: Number(feature.id), contacts: [{ external_id: 'usr_1000' }] })
    expect(byExternal.body.contacts.contacts[0].id).toBe(user().id)
    const byEmail = await call('POST', '/tickets', { ticket_type_id: feature.id, contacts: [{ email: user().email }] })
    expect(byEmail.body.contacts.contacts[0].id).toBe(user().id)
    const before = sandbox.state.snapshot().contacts.length
    const newcomer = await call('POST', '/tickets', { ticket_type_id: feature.id, contacts: [{ email: 'newcomer@example.com' }] })
    expect(newcomer.status).toBe(200)
    const contacts = sandbox.state.snapshot().contacts
    expect(contacts.length).toBe(before + 1)
    expect(contacts.find((contact) => contact.id === newcomer.body.contacts.contacts[0].id)).toMatchObject({ role: 'lead', email: 'newcomer@example.com' })
    expect((await call('POST', '/tickets', { ticket_type_id: feature.id, contacts: [{ external_id: 'nobody' }] })).body.errors[0]).toMatchObject({ code: 'data_invalid', message: 'Contact not found or could not be created' })
  })

  it('assigns and links a conversation both ways', async () => {
    const conversation = seed.conversations.find((candidate) => candidate.ticket_ids.length === 0)!
    const admin = seed.admins[1]!
    const answer = await call('POST', '/tickets', { ticket_type_id: bug.id, contacts: [{ id: user().id }], assignment: { admin_assignee_id: admin.id }, conversation_to_link_id: conversation.id })
    expect(answer.body.admin_assignee_id).toBe(Number(admin.id))
    expect(answer.body.linked_objects.data).toEqual([{ type: 'conversation', id: conversation.id, category: null }])
    const linked = await call('GET', `/conversations/${conversation.id}`)
    expect(linked.body.linked_objects.data).toEqual([{ type: 'ticket', id: answer.body.id, category: 'Customer' }])
  })

  it('refuses what Intercom refuses', async () => {
    const contacts = [{ id: user().id }]
    const cases: Array<[Record<string, unknown>, number, string, string?]> = [
      [{ contacts }, 400, 'parameter_not_found', 'ticket_type_id'],
      [{ ticket_type_id: bug.id }, 400, 'parameter_not_found', 'contacts'],
      [{ ticket_type_id: '1', contacts }, 404, 'not_found'],
      [{ ticket_type_id: bug.id, contacts: [] }, 400, 'parameter_invalid', 'contacts'],
      [{ ticket_type_id: bug.id, contacts: [{ id: user().id }, { id: seed.contacts[1]!.id }] }, 400, 'parameter_invalid', 'contacts'],
      [{ ticket_type_id: bug.id, contacts: [{ id: user().id, email: user().email }] }, 400, 'parameter_invalid', 'contacts[0]'],
      [{ ticket_type_id: bug.id, contacts, ticket_attributes: { colour: 'red' } }, 400, 'parameter_invalid', 'ticket_attributes.colour'],
      [{ ticket_type_id: bug.id, contacts, ticket_attributes: { affected_users: 'many' } }, 400, 'parameter_invalid', 'ticket_attributes.affected_users'],
      [{ ticket_type_id: bug.id, contacts, ticket_attributes: { severity: 'Apocalyptic' } }, 400, 'parameter_invalid', 'ticket_attributes.severity'],
      [{ ticket_type_id: bug.id, contacts, company_id: 'ffffffffffffffffffffffff' }, 404, 'company_not_found'],
      [{ ticket_type_id: bug.id, contacts, assignment: { admin_assignee_id: '5' } }, 404, 'assignee_not_found'],
      [{ ticket_type_id: bug.id, contacts, title: 'x' }, 400, 'parameter_invalid', 'title'],
    ]
    for (const [body, status, code, field] of cases) {
      const answer = await call('POST', '/tickets', body)
      expect(answer.status, JSON.stringify(body)).toBe(status)
      expect(answer.body.errors[0].code, JSON.stringify(body)).toBe(code)
      if (field) expect(answer.body.errors[0].field, JSON.stringify(body)).toBe(field)
    }
  })

  it('takes a list attribute as an option id too', async () => {
    const severity = bug.attributes.find((attribute) => attribute.name === 'severity')!
    const low = severity.list_options!.find((option) => option.label === 'Low')!
    const answer = await call('POST', '/tickets', { ticket_type_id: bug.id, contacts: [{ id: user().id }], ticket_attributes: { severity: low.id } })
    expect(answer.body.ticket_attributes.severity).toBe('Low')
  })
})

describe('GET and PUT /tickets/{id} (2.16 shape)', () => {
  const ticket = () => seed.tickets.find((candidate) => candidate.ticket_type_id === bug.id && candidate.open)!

  it('reads a ticket and 404s an unknown one with ticket_not_found', async () => {
    expect((await call('GET', `/tickets/${ticket().id}`)).body).toMatchObject({ id: ticket().id, ticket_id: ticket().ticket_id })
    const missing = await call('GET', '/tickets/1')
    expect(missing.status).toBe(404)
    expect(missing.body.errors).toEqual([{ code: 'ticket_not_found', message: 'Ticket not found' }])
  })

  it('changes the state, records the previous one, and refuses a state of another type', async () => {
    const target = bug.states.find((state) => state.id !== ticket().ticket_state_id && state.category !== 'resolved')!
    const answer = await call('PUT', `/tickets/${ticket().id}`, { ticket_state_id: target.id, admin_id: Number(seed.admins[0]!.id) })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ ticket_state: { id: target.id }, previous_ticket_state_id: ticket().ticket_state_id })
    expect(answer.body.ticket_parts.ticket_parts.at(-1)).toMatchObject({ part_type: 'ticket_state_updated_by_admin', ticket_state: target.category })
    const foreign = await call('PUT', `/tickets/${ticket().id}`, { ticket_state_id: feature.states[0]!.id })
    expect(foreign.status).toBe(400)
    expect(foreign.body.errors[0].code).toBe('ticket_state_id_invalid')
  })

  it('assigns with assignee_id (admin or team), "0" unassigns, unknown → 404 assignee_not_found', async () => {
    const id = ticket().id
    const admin = seed.admins[2]!
    expect((await call('PUT', `/tickets/${id}`, { assignee_id: admin.id, admin_id: Number(seed.admins[0]!.id) })).body.admin_assignee_id).toBe(Number(admin.id))
    expect((await call('PUT', `/tickets/${id}`, { assignee_id: seed.teams[0]!.id })).body.team_assignee_id).toBe(Number(seed.teams[0]!.id))
    expect((await call('PUT', `/tickets/${id}`, { assignee_id: '0' })).body).toMatchObject({ admin_assignee_id: 0, team_assignee_id: 0 })
    expect((await call('PUT', `/tickets/${id}`, { assignee_id: '12345' })).body.errors[0].code).toBe('assignee_not_found')
    expect((await call('PUT', `/tickets/${id}`, { admin_id: 12345 })).body.errors[0].code).toBe('assignee_not_found')
  })

  it('snoozes, then open:false closes and unsnoozes; GET reads it back', async () => {
    const id = ticket().id
    const until = Math.floor(Date.now() / 1000) + 7_200
    expect((await call('PUT', `/tickets/${id}`, { snoozed_until: until, is_shared: false })).body).toMatchObject({ snoozed_until: until, is_shared: false })
    const closed = await call('PUT', `/tickets/${id}`, { open: false })
    expect(closed.body.open).toBe(false)
    expect(closed.body.snoozed_until).toBeUndefined()
    expect((await call('GET', `/tickets/${id}`)).body.open).toBe(false)
  })

  it('merges ticket attributes', async () => {
    const id = ticket().id
    const answer = await call('PUT', `/tickets/${id}`, { ticket_attributes: { _default_description_: 'More detail' } })
    expect(answer.body.ticket_attributes).toMatchObject({ _default_title_: ticket().ticket_attributes._default_title_, _default_description_: 'More detail' })
  })

  it('refuses older-version shapes and wrong types', async () => {
    const id = ticket().id
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ admin_id: seed.admins[0]!.id }, 'admin_id'],
      [{ state: 'resolved' }, 'state'],
      [{ assignment: { admin_id: '1', assignee_id: '2' } }, 'assignment'],
      [{ open: 'no' }, 'open'],
      [{ snoozed_until: 5 }, 'snoozed_until'],
      [{ ticket_attributes: { nope: 1 } }, 'ticket_attributes.nope'],
    ]
    for (const [body, field] of cases) {
      const answer = await call('PUT', `/tickets/${id}`, body)
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.body.errors[0].field, JSON.stringify(body)).toBe(field)
    }
    expect((await call('PUT', '/tickets/1', { open: false })).body.errors[0].code).toBe('ticket_not_found')
  })
})
