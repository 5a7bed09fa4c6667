import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox, SandboxData } from './index'
import { started, type Call } from './test-support'

let sandbox: Sandbox
let call: Call
let seed: SandboxData
beforeAll(async () => {
  ;({ sandbox, call } = await started({ seed: 5 }))
  seed = sandbox.state.snapshot()
})
afterAll(() => sandbox.close())

describe('GET /me, /admins, /teams', () => {
  it('answers /me with the first admin and the workspace', async () => {
    const answer = await call('GET', '/me')
    expect(answer.body).toMatchObject({
      type: 'admin',
      id: seed.admins[0]!.id,
      name: 'Alex Morgan',
      email: 'alex.morgan@sandbox.example.com',
      app: { type: 'app', id_code: seed.app.id_code, name: 'Sandbox Workspace', timezone: 'UTC', region: 'US' },
    })
    expect(sandbox.state.adminId).toBe(seed.admins[0]!.id)
  })

  it('lists three admins with numeric-string ids, and one team of the first two', async () => {
    const admins = (await call('GET', '/admins')).body
    expect(admins.type).toBe('admin.list')
    expect(admins.admins.map((admin: { id: string; name: string }) => admin.name)).toEqual(['Alex Morgan', 'Sam Rivera', 'Jordan Lee'])
    expect(admins.admins.every((admin: { id: string }) => /^\d+$/.test(admin.id))).toBe(true)
    const teams = (await call('GET', '/teams')).body
    expect(teams.type).toBe('team.list')
    expect(teams.teams).toHaveLength(1)
    expect(teams.teams[0]).toMatchObject({ type: 'team', name: 'Support', admin_ids: [Number(seed.admins[0]!.id), Number(seed.admins[1]!.id)] })
    expect(admins.admins[0].team_ids).toEqual([Number(teams.teams[0].id)])
  })
})

describe('tags', () => {
  it('lists the seeded tags', async () => {
    const answer = await call('GET', '/tags')
    expect(answer.body.type).toBe('list')
    expect(answer.body.data.map((tag: { name: string }) => tag.name)).toEqual(['VIP', 'Beta tester', 'Churn risk', 'Enterprise', 'Bug', 'Feedback', 'Billing'])
  })

  it('creates a tag, finds it again by name, and renames it by id', async () => {
    const created = await call('POST', '/tags', { name: 'Trial' })
    expect(created.status).toBe(200)
    expect(created.body).toEqual({ type: 'tag', id: expect.stringMatching(/^\d+$/), name: 'Trial' })
    expect((await call('POST', '/tags', { name: 'Trial' })).body.id).toBe(created.body.id)
    const renamed = await call('POST', '/tags', { id: created.body.id, name: 'Trial 2025' })
    expect(renamed.body).toEqual({ type: 'tag', id: created.body.id, name: 'Trial 2025' })
    expect((await call('GET', '/tags')).body.data).toContainEqual({ type: 'tag', id: created.body.id, name: 'Trial 2025' })
  })

  it('tags and untags companies, and tags users', async () => {
    const company = seed.companies[1]!
    const tagged = await call('POST', '/tags', { name: 'Key account', companies: [{ company_id: company.company_id }] })
    expect(tagged.body).toMatchObject({ name: 'Key account', companies: [{ id: company.id, tagged: true }] })
    expect((await call('GET', `/companies/${company.id}`)).body.tags.tags.map((tag: { name: string }) => tag.name)).toContain('Key account')
    const untagged = await call('POST', '/tags', { name: 'Key account', companies: [{ id: company.id, untag: true }] })
    expect(untagged.body.companies).toEqual([{ id: company.id, tagged: false }])
    expect((await call('GET', `/companies/${company.id}`)).body.tags.tags.map((tag: { name: string }) => tag.name)).not.toContain('Key account')
    const contact = seed.contacts[3]!
    const users = await call('POST', '/tags', { name: 'Webinar', users: [{ id: contact.id }] })
    expect(users.body.users).toEqual([{ id: contact.id, tagged: true }])
    expect((await call('GET', `/contacts/${contact.id}`)).body.tags.data.map((tag: { id: string }) => tag.id)).toContain(users.body.id)
  })

  it('refuses a missing name, an unknown id or company, and mixed forms', async () => {
    expect((await call('POST', '/tags', {})).body.errors[0]).toMatchObject({ code: 'parameter_not_found', field: 'name' })
    expect((await call('POST', '/tags', { name: 5 })).body.errors[0]).toMatchObject({ code: 'parameter_invalid', field: 'name' })
    expect((await call('POST', '/tags', { id: '1', name: 'x' })).status).toBe(404)
    expect((await call('POST', '/tags', { name: 'x', companies: [{ company_id: 'nope' }] })).body.errors[0].code).toBe('company_not_found')
    expect((await call('POST', '/tags', { name: 'x', users: [{ id: 'nope' }] })).status).toBe(404)
    expect((await call('POST', '/tags', { name: 'x', users: [{ id: seed.contacts[0]!.id }], companies: [{ id: seed.companies[0]!.id }] })).status).toBe(400)
  })
})

describe('POST /events', () => {
  const events = () => sandbox.state.snapshot().events

  it('answers 202 with an empty body and records the event', async () => {
    const contact = seed.contacts[0]!
    const answer = await call('POST', '/events', { event_name: 'ordered-item', created_at: 1_700_000_000, user_id: contact.external_id, metadata: { order: 'A-1', price: { amount: 3499, currency: 'eur' } } })
    expect(answer.status).toBe(202)
    expect(answer.body).toBeUndefined()
    expect(answer.headers.get('content-length')).toBe('0')
    expect(events()).toContainEqual({ event_name: 'ordered-item', created_at: 1_700_000_000, contact_id: contact.id, metadata: { order: 'A-1', price: { amount: 3499, currency: 'eur' } } })
  })

  it('finds the contact by id or email, and keeps one event per contact, name and time', async () => {
    const contact = seed.contacts[4]!
    expect((await call('POST', '/events', { event_name: 'login', created_at: 1_700_000_001, id: contact.id })).status).toBe(202)
    expect((await call('POST', '/events', { event_name: 'login', created_at: 1_700_000_001, email: contact.email!.toUpperCase() })).status).toBe(202)
    expect(events().filter((event) => event.contact_id === contact.id && event.event_name === 'login')).toHaveLength(1)
  })

  it('refuses unknown users and incomplete events', async () => {
    expect((await call('POST', '/events', { event_name: 'x', created_at: 1, user_id: 'nobody' })).body.errors[0]).toEqual({ code: 'not_found', message: 'User Not Found' })
    expect((await call('POST', '/events', { created_at: 1, id: seed.contacts[0]!.id })).body.errors[0]).toMatchObject({ code: 'parameter_not_found', field: 'event_name' })
    expect((await call('POST', '/events', { event_name: 'x', id: seed.contacts[0]!.id })).body.errors[0]).toMatchObject({ code: 'parameter_not_found', field: 'created_at' })
    expect((await call('POST', '/events', { event_name: 'x', created_at: 1 })).body.errors[0].code).toBe('parameter_not_found')
    expect((await call('POST', '/events', { event_name: 'x', created_at: 1, id: seed.contacts[0]!.id, metadata: { deep: { a: { b: 1 } } } })).body.errors[0].field).toBe('metadata.deep')
  })
})
