import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ContactRecord, ConversationRecord, Sandbox, SandboxData } from './index'
import { started, type Call } from './test-support'

const DAY = 86_400

let sandbox: Sandbox
let call: Call
let seed: SandboxData
beforeAll(async () => {
  ;({ sandbox, call } = await started({ seed: 9 }))
  seed = sandbox.state.snapshot()
})
afterAll(() => sandbox.close())

async function searchContacts(query: unknown, extra: Record<string, unknown> = {}) {
  return call('POST', '/contacts/search', { query, pagination: { per_page: 150 }, ...extra })
}

/** The ids a contact search returns (all on one page), sorted. */
async function contactIds(query: unknown): Promise<string[]> {
  const answer = await searchContacts(query)
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  expect(answer.body.total_count).toBe(answer.body.data.length)
  return answer.body.data.map((contact: { id: string }) => contact.id).sort()
}

const idsOf = (contacts: ContactRecord[]): string[] => contacts.map((contact) => contact.id).sort()
const where = (test: (contact: ContactRecord) => boolean): string[] => idsOf(seed.contacts.filter(test))

describe('contact search operators', () => {
  it('= and != compare strings case-insensitively', async () => {
    expect(await contactIds({ field: 'email', operator: '=', value: 'JANE.DOE@example.com' })).toEqual([seed.contacts[0]!.id])
    expect(await contactIds({ field: 'role', operator: '!=', value: 'user' })).toEqual(where((c) => c.role === 'lead'))
    expect(where((c) => c.role === 'lead')).toHaveLength(18)
  })

  it('IN and NIN take arrays', async () => {
    expect(await contactIds({ field: 'external_id', operator: 'IN', value: ['usr_1000', 'usr_1003', 'nobody'] })).toEqual(
      where((c) => c.external_id === 'usr_1000' || c.external_id === 'usr_1003'),
    )
    expect(await contactIds({ field: 'role', operator: 'NIN', value: ['lead'] })).toHaveLength(42)
  })

  it('~ !~ ^ $ match contains, not-contains, starts-with and ends-with', async () => {
    expect(await contactIds({ field: 'email', operator: '~', value: 'example.org' })).toEqual(where((c) => c.email!.includes('example.org')))
    expect(await contactIds({ field: 'email', operator: '!~', value: 'example.org' })).toEqual(where((c) => !c.email!.includes('example.org')))
    expect(await contactIds({ field: 'name', operator: '^', value: 'jane' })).toEqual(where((c) => c.name!.toLowerCase().startsWith('jane')))
    expect(await contactIds({ field: 'email', operator: '$', value: '.net' })).toEqual(where((c) => c.email!.endsWith('.net')))
    expect(where((c) => c.email!.endsWith('.net')).length).toBeGreaterThan(0)
  })

  it('< <= > >= compare integers, custom attributes included', async () => {
    const seats = (c: ContactRecord): number | undefined => c.custom_attributes.seats as number | undefined
    expect(await contactIds({ field: 'custom_attributes.seats', operator: '>', value: 25 })).toEqual(where((c) => (seats(c) ?? -1) > 25))
    expect(await contactIds({ field: 'custom_attributes.seats', operator: '>=', value: 25 })).toEqual(where((c) => (seats(c) ?? -1) >= 25))
    expect(await contactIds({ field: 'custom_attributes.seats', operator: '<', value: 10 })).toEqual(where((c) => seats(c) !== undefined && seats(c)! < 10))
    expect(await contactIds({ field: 'custom_attributes.seats', operator: '<=', value: '10' })).toEqual(where((c) => seats(c) !== undefined && seats(c)! <= 10))
  })

  it('matches dates by UTC day: = the day, > from the next day, < before the day', async () => {
    const stamp = seed.contacts[10]!.created_at
    const day = Math.floor(stamp / DAY) * DAY
    expect(await contactIds({ field: 'created_at', operator: '=', value: stamp })).toEqual(where((c) => c.created_at >= day && c.created_at < day + DAY))
    expect(await contactIds({ field: 'created_at', operator: '>', value: stamp })).toEqual(where((c) => c.created_at >= day + DAY))
    expect(await contactIds({ field: 'created_at', operator: '<', value: stamp })).toEqual(where((c) => c.created_at < day))
    const notSupported = await searchContacts({ field: 'created_at', operator: '>=', value: stamp })
    expect(notSupported.status).toBe(400)
    expect(notSupported.body.errors[0].code).toBe('parameter_invalid')
    expect((await searchContacts({ field: 'created_at', operator: '=', value: 'yesterday' })).status).toBe(400)
  })

  it('tag_id takes = and != only', async () => {
    const tag = seed.tags[0]!
    expect(await contactIds({ field: 'tag_id', operator: '=', value: tag.id })).toEqual(where((c) => c.tag_ids.includes(tag.id)))
    expect(await contactIds({ field: 'tag_id', operator: '!=', value: tag.id })).toEqual(where((c) => !c.tag_ids.includes(tag.id)))
    expect((await searchContacts({ field: 'tag_id', operator: 'IN', value: [tag.id] })).status).toBe(400)
  })

  it('refuses unknown fields, operators and value shapes', async () => {
    for (const query of [
      { field: 'shoe_size', operator: '=', value: 1 },
      { field: 'custom_attributes.shoe_size', operator: '=', value: 1 },
      { field: 'email', operator: 'LIKE', value: 'x' },
      { field: 'email', operator: '>', value: 'x' },
      { field: 'email', operator: 'IN', value: 'x' },
      { field: 'email', operator: '=', value: ['x'] },
      { field: 'email', operator: '=' },
      { operator: 'AND', value: [] },
      'email = x',
    ]) {
      const answer = await searchContacts(query)
      expect(answer.status, JSON.stringify(query)).toBe(400)
      expect(answer.body.type).toBe('error.list')
    }
    expect((await call('POST', '/contacts/search', {})).body.errors[0]).toMatchObject({ code: 'parameter_not_found', field: 'query' })
  })
})

describe('contact search groups and limits', () => {
  const filter = (n: number) => ({ field: 'external_id', operator: '=', value: `usr_${1000 + n}` })

  it('combines AND and OR groups', async () => {
    const lead = seed.contacts.find((c) => c.role === 'lead')!
    const query = {
      operator: 'OR',
      value: [
        { operator: 'AND', value: [{ field: 'role', operator: '=', value: 'user' }, { field: 'custom_attributes.plan', operator: '=', value: 'pro' }] },
        { field: 'email', operator: '=', value: lead.email },
      ],
    }
    const expected = where((c) => (c.role === 'user' && c.custom_attributes.plan === 'pro') || c.id === lead.id)
    expect(expected.length).toBeGreaterThan(1)
    expect(await contactIds(query)).toEqual(expected)
  })

  it('allows 2 levels of groups and refuses a third', async () => {
    const two = { operator: 'AND', value: [{ operator: 'OR', value: [filter(0), filter(1)] }] }
    expect(await contactIds(two)).toEqual(where((c) => c.external_id === 'usr_1000' || c.external_id === 'usr_1001'))
    const three = { operator: 'AND', value: [{ operator: 'OR', value: [{ operator: 'AND', value: [filter(0)] }] }] }
    const answer = await searchContacts(three)
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0]).toMatchObject({ code: 'parameter_invalid', message: 'Queries can nest at most 2 levels of AND/OR groups' })
  })

  it('allows 15 filters in a group and refuses 16', async () => {
    const fifteen = { operator: 'OR', value: Array.from({ length: 15 }, (_, n) => filter(n)) }
    expect(await contactIds(fifteen)).toHaveLength(15)
    const sixteen = { operator: 'OR', value: Array.from({ length: 16 }, (_, n) => filter(n)) }
    const answer = await searchContacts(sixteen)
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0]).toMatchObject({ code: 'parameter_invalid', message: 'An OR group can hold at most 15 filters, got 16' })
  })
})

describe('contact search sort and pagination', () => {
  it('sorts by a field, ascending or descending', async () => {
    const query = { field: 'role', operator: '=', value: 'user' }
    const up = await searchContacts(query, { sort: { field: 'name', order: 'ascending' } })
    const names = up.body.data.map((contact: { name: string }) => contact.name)
    expect(names).toEqual([...names].sort())
    const down = await searchContacts(query, { sort: { field: 'custom_attributes.seats', order: 'descending' } })
    const seats = down.body.data.map((contact: { custom_attributes: { seats: number } }) => contact.custom_attributes.seats)
    expect(seats).toEqual([...seats].sort((a: number, b: number) => b - a))
  })

  it('refuses a bad order with invalid_sort_order', async () => {
    const answer = await searchContacts({ field: 'role', operator: '=', value: 'user' }, { sort: { field: 'name', order: 'desc' } })
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0]).toMatchObject({ code: 'invalid_sort_order', message: "Invalid sort order 'desc'. Must be one of: ascending, descending" })
  })

  it('pages through results with pagination.starting_after, each contact once', async () => {
    const query = { field: 'role', operator: '=', value: 'user' }
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const answer = await call('POST', '/contacts/search', { query, pagination: { per_page: 10, ...(cursor ? { starting_after: cursor } : {}) }, sort: { field: 'created_at', order: 'ascending' } })
      expect(answer.status).toBe(200)
      expect(answer.body.pages.page).toBe(pages + 1)
      expect(answer.body.pages.total_pages).toBe(5)
      seen.push(...answer.body.data.map((contact: { id: string }) => contact.id))
      cursor = answer.body.pages.next?.starting_after
      pages++
    } while (cursor && pages < 10)
    expect(pages).toBe(5)
    expect([...seen].sort()).toEqual(where((c) => c.role === 'user'))
    expect(new Set(seen).size).toBe(42)
    const defaults = await call('POST', '/contacts/search', { query })
    expect(defaults.body.pages.per_page).toBe(50)
    expect((await call('POST', '/contacts/search', { query, pagination: { per_page: 151 } })).status).toBe(400)
  })
})

describe('conversation search', () => {
  async function conversationIds(query: unknown): Promise<string[]> {
    const answer = await call('POST', '/conversations/search', { query, pagination: { per_page: 150 } })
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect(answer.body.type).toBe('conversation.list')
    return answer.body.conversations.map((conversation: { id: string }) => conversation.id).sort()
  }
  const matching = (test: (conversation: ConversationRecord) => boolean): string[] =>
    seed.conversations.filter(test).map((conversation) => conversation.id).sort()

  it('searches state, open, read, assignees, contacts and tags', async () => {
    expect(await conversationIds({ field: 'state', operator: '=', value: 'closed' })).toEqual(matching((c) => c.state === 'closed'))
    expect(await conversationIds({ field: 'open', operator: '=', value: true })).toEqual(matching((c) => c.state !== 'closed'))
    expect(await conversationIds({ field: 'read', operator: '=', value: false })).toEqual(matching((c) => !c.read))
    const assigned = seed.conversations.find((c) => c.admin_assignee_id !== 0)!
    expect(await conversationIds({ field: 'admin_assignee_id', operator: '=', value: String(assigned.admin_assignee_id) })).toEqual(
      matching((c) => c.admin_assignee_id === assigned.admin_assignee_id),
    )
    expect(await conversationIds({ field: 'team_assignee_id', operator: '>', value: 0 })).toEqual(matching((c) => c.team_assignee_id > 0))
    const contact = seed.conversations[3]!.contact_ids[0]!
    expect(await conversationIds({ field: 'contact_ids', operator: '=', value: contact })).toEqual(matching((c) => c.contact_ids.includes(contact)))
    const tagged = seed.conversations.find((c) => c.tags.length > 0)!
    const tagId = tagged.tags[0]!.id
    expect(await conversationIds({ field: 'tag_ids', operator: 'IN', value: [tagId] })).toEqual(matching((c) => c.tags.some((t) => t.id === tagId)))
  })

  it('matches source.body word by word', async () => {
    const expected = matching((c) => /\binvoice\b/i.test(c.source.body))
    expect(expected.length).toBeGreaterThan(0)
    expect(await conversationIds({ field: 'source.body', operator: '=', value: 'Invoice' })).toEqual(expected)
    expect(await conversationIds({ field: 'source.body', operator: '=', value: 'the invoice' })).toEqual([])
    expect(await conversationIds({ field: 'source.body', operator: '~', value: 'the invoice' })).toEqual(expected)
  })

  it('treats > and < on timestamps as inclusive, as documented', async () => {
    const stamp = seed.conversations[7]!.created_at
    expect(await conversationIds({ field: 'created_at', operator: '>', value: stamp })).toEqual(matching((c) => c.created_at >= stamp))
    expect(await conversationIds({ field: 'created_at', operator: '<', value: stamp })).toEqual(matching((c) => c.created_at <= stamp))
  })

  it('combines groups, keeps the limits and pages with 20 by default', async () => {
    const query = { operator: 'AND', value: [{ field: 'state', operator: '!=', value: 'closed' }, { field: 'priority', operator: '=', value: 'none' }] }
    expect(await conversationIds(query)).toEqual(matching((c) => c.state !== 'closed' && c.priority === 'none'))
    const deep = { operator: 'AND', value: [{ operator: 'OR', value: [{ operator: 'AND', value: [{ field: 'state', operator: '=', value: 'open' }] }] }] }
    expect((await call('POST', '/conversations/search', { query: deep })).status).toBe(400)
    expect((await call('POST', '/conversations/search', { query: { field: 'nope', operator: '=', value: 1 } })).status).toBe(400)
    const all = await call('POST', '/conversations/search', { query: { field: 'id', operator: '!=', value: '0' } })
    expect(all.body.conversations).toHaveLength(20)
    expect(all.body.total_count).toBe(seed.conversations.length)
    expect(all.body.pages.next.starting_after).toEqual(expect.any(String))
    expect((await call('POST', '/conversations/search', { query: { field: 'state', operator: '=', value: 'open' }, pagination: { per_page: 151 } })).status).toBe(400)
  })
})
