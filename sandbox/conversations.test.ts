import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox, SandboxData } from './index'
import { hasSpec } from '../test/helpers/openapi'
import { specCheck, started, type Call } from './test-support'

let sandbox: Sandbox
let call: Call
let seed: SandboxData
let adminId: string
beforeAll(async () => {
  ;({ sandbox, call } = await started({ seed: 1 }))
  seed = sandbox.state.snapshot()
  adminId = sandbox.state.adminId
})
afterAll(() => sandbox.close())

const future = (): number => Math.floor(Date.now() / 1000) + 3_600

describe('GET /conversations and /conversations/{id}', () => {
  it('pages 20 at a time by default, every conversation once, no next on the last page', async () => {
    expect(seed.conversations).toHaveLength(45)
    const seen: string[] = []
    const sizes: number[] = []
    let cursor: string | undefined
    for (let page = 0; page < 10; page++) {
      const answer = await call('GET', `/conversations${cursor ? `?starting_after=${encodeURIComponent(cursor)}` : ''}`)
      expect(answer.body.type).toBe('conversation.list')
      expect(answer.body.conversations[0].conversation_parts).toBeUndefined()
      sizes.push(answer.body.conversations.length)
      seen.push(...answer.body.conversations.map((conversation: { id: string }) => conversation.id))
      cursor = answer.body.pages.next?.starting_after
      if (!cursor) break
    }
    expect(sizes).toEqual([20, 20, 5])
    expect([...seen].sort()).toEqual(seed.conversations.map((conversation) => conversation.id).sort())
    expect((await call('GET', '/conversations?per_page=150')).body.conversations).toHaveLength(45)
    expect((await call('GET', '/conversations?per_page=151')).status).toBe(400)
  })

  it('shows one conversation with its parts, and strips HTML with display_as=plaintext', async () => {
    const withLink = seed.conversations.find((conversation) => conversation.parts.some((part) => part.body?.includes('<a href')))
    expect(withLink).toBeDefined()
    const html = await call('GET', `/conversations/${withLink!.id}`)
    expect(html.body).toMatchObject({ type: 'conversation', id: withLink!.id, state: withLink!.state })
    expect(html.body.conversation_parts.total_count).toBe(withLink!.parts.length)
    const part = html.body.conversation_parts.conversation_parts.find((entry: { body: string | null }) => entry.body?.includes('<a href'))
    expect(part.body).toBe('<p>See <a href="https://example.com/help">our help center</a> for the steps.</p>')
    const plain = await call('GET', `/conversations/${withLink!.id}?display_as=plaintext`)
    const plainPart = plain.body.conversation_parts.conversation_parts.find((entry: { id: string }) => entry.id === part.id)
    expect(plainPart.body).toBe('See our help center (https://example.com/help) for the steps.')
    expect(plain.body.source.body).not.toMatch(/</)
  })

  it('answers an unknown conversation with 404 and a bad display_as with 400', async () => {
    const missing = await call('GET', '/conversations/999')
    expect(missing.status).toBe(404)
    expect(missing.body.errors).toEqual([{ code: 'not_found', message: 'Resource Not Found' }])
    expect((await call('GET', `/conversations/${seed.conversations[0]!.id}?display_as=html`)).status).toBe(400)
  })
})

describe('POST /conversations (contact-initiated)', () => {
  it('creates a conversation from a contact', async () => {
    const contact = seed.contacts[0]!
    const answer = await call('POST', '/conversations', { from: { type: 'user', id: contact.id }, body: 'Hello there' })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ type: 'user_message', body: '<p>Hello there</p>', message_type: 'inapp', conversation_id: expect.any(String) })
    const conversation = await call('GET', `/conversations/${answer.body.conversation_id}`)
    expect(conversation.body).toMatchObject({
      state: 'open',
      open: true,
      source: { delivered_as: 'customer_initiated', body: '<p>Hello there</p>', author: { type: 'user', id: contact.id } },
      contacts: { contacts: [{ type: 'contact', id: contact.id }] },
    })
    expect(conversation.body.waiting_since).toBe(conversation.body.created_at)
  })

  it('refuses an unknown contact, a missing body and a wrong from.type', async () => {
    expect((await call('POST', '/conversations', { from: { type: 'user', id: '123_doesnt_exist' }, body: 'x' })).body.errors[0]).toEqual({ code: 'not_found', message: 'User Not Found' })
    expect((await call('POST', '/conversations', { from: { type: 'user', id: seed.contacts[0]!.id } })).body.errors[0]).toMatchObject({ code: 'parameter_not_found', field: 'body' })
    expect((await call('POST', '/conversations', { from: { type: 'admin', id: seed.contacts[0]!.id }, body: 'x' })).body.errors[0]).toMatchObject({ field: 'from.type' })
  })
})

describe('POST /conversations/{id}/reply', () => {
  const open = () => seed.conversations.find((conversation) => conversation.state === 'open')!

  it('adds an admin comment, note and quick reply', async () => {
    const conversation = open()
    const comment = await call('POST', `/conversations/${conversation.id}/reply`, { type: 'admin', admin_id: adminId, message_type: 'comment', body: 'On it', attachment_urls: ['https://example.com/a.png', 'https://example.com/b.pdf'] })
    expect(comment.status).toBe(200)
    const last = comment.body.conversation_parts.conversation_parts.at(-1)
    expect(last).toMatchObject({ part_type: 'comment', body: '<p>On it</p>', author: { type: 'admin', id: adminId } })
    expect(last.attachments.map((attachment: { url: string }) => attachment.url)).toEqual(['https://example.com/a.png', 'https://example.com/b.pdf'])
    expect(comment.body.waiting_since).toBeNull()
    const note = await call('POST', `/conversations/${conversation.id}/reply`, { type: 'admin', admin_id: Number(adminId), message_type: 'note', body: '<p>internal</p>' })
    expect(note.body.conversation_parts.conversation_parts.at(-1)).toMatchObject({ part_type: 'note', body: '<p>internal</p>' })
    const quick = await call('POST', `/conversations/${conversation.id}/reply`, { type: 'admin', admin_id: adminId, message_type: 'quick_reply', reply_options: [{ text: 'Yes', uuid: 'a1' }] })
    expect(quick.body.conversation_parts.total_count).toBe(conversation.parts.length + 3)
  })

  it('refuses bad admin replies', async () => {
    const id = open().id
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ type: 'admin', message_type: 'comment', body: 'x' }, 400, 'parameter_not_found'],
      [{ type: 'admin', admin_id: '1', message_type: 'comment', body: 'x' }, 404, 'not_found'],
      [{ type: 'admin', admin_id: adminId, message_type: 'comment' }, 400, 'parameter_not_found'],
      [{ type: 'admin', admin_id: adminId, message_type: 'whisper', body: 'x' }, 400, 'parameter_invalid'],
      [{ type: 'admin', admin_id: adminId, message_type: 'quick_reply' }, 400, 'parameter_not_found'],
      [{ type: 'admin', admin_id: adminId, message_type: 'comment', body: 'x', attachment_urls: Array.from({ length: 11 }, (_, n) => `https://example.com/${n}`) }, 400, 'parameter_invalid'],
      [{ type: 'admin', admin_id: adminId, message_type: 'comment', body: 'x', attachment_urls: ['not a url'] }, 400, 'parameter_invalid'],
      [{ type: 'bot', admin_id: adminId, message_type: 'comment', body: 'x' }, 400, 'parameter_invalid'],
      [{ type: 'admin', admin_id: adminId, message_type: 'comment', body: 'x', intercom_user_id: 'x' }, 400, 'parameter_invalid'],
    ]
    for (const [body, status, code] of cases) {
      const answer = await call('POST', `/conversations/${id}/reply`, body)
      expect(answer.status, JSON.stringify(body)).toBe(status)
      expect(answer.body.errors[0].code, JSON.stringify(body)).toBe(code)
    }
    expect((await call('POST', '/conversations/999/reply', { type: 'admin', admin_id: adminId, message_type: 'comment', body: 'x' })).status).toBe(404)
  })

  it('adds a contact reply, which reopens a closed conversation; "last" finds the latest one', async () => {
    const closed = seed.conversations.find((conversation) => conversation.state === 'closed')!
    const contact = seed.contacts.find((candidate) => candidate.id === closed.contact_ids[0])!
    const answer = await call('POST', `/conversations/${closed.id}/reply`, { type: 'user', message_type: 'comment', intercom_user_id: contact.id, body: 'Still broken' })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ state: 'open', open: true })
    expect(answer.body.conversation_parts.conversation_parts.at(-1)).toMatchObject({ part_type: 'comment', author: { type: contact.role, id: contact.id } })
    const byEmail = await call('POST', '/conversations/last/reply', { type: 'user', message_type: 'comment', email: contact.email, body: 'And again' })
    expect(byEmail.status).toBe(200)
    const stranger = seed.contacts.find((candidate) => !closed.contact_ids.includes(candidate.id))!
    expect((await call('POST', `/conversations/${closed.id}/reply`, { type: 'user', message_type: 'comment', intercom_user_id: stranger.id, body: 'x' })).status).toBe(400)
    expect((await call('POST', `/conversations/${closed.id}/reply`, { type: 'user', message_type: 'comment', body: 'x' })).body.errors[0].code).toBe('parameter_not_found')
    expect((await call('POST', `/conversations/${closed.id}/reply`, { type: 'user', message_type: 'note', intercom_user_id: contact.id, body: 'x' })).status).toBe(400)
  })
})

describe('POST /conversations/{id}/parts', () => {
  const target = () => seed.conversations[10]!

  it('closes, reopens and snoozes; GET reads the state back', async () => {
    const id = target().id
    const closed = await call('POST', `/conversations/${id}/parts`, { message_type: 'close', type: 'admin', admin_id: adminId, body: 'Done' })
    expect(closed.body).toMatchObject({ state: 'closed', open: false })
    expect(closed.body.conversation_parts.conversation_parts.at(-1)).toMatchObject({ part_type: 'close', body: '<p>Done</p>', state: 'closed' })
    expect((await call('GET', `/conversations/${id}`)).body).toMatchObject({ state: 'closed', open: false })
    expect((await call('POST', `/conversations/${id}/parts`, { message_type: 'open', admin_id: adminId })).body).toMatchObject({ state: 'open', open: true })
    const until = future()
    const snoozed = await call('POST', `/conversations/${id}/parts`, { message_type: 'snoozed', admin_id: adminId, snoozed_until: until })
    expect(snoozed.body).toMatchObject({ state: 'snoozed', open: true, snoozed_until: until })
    expect((await call('GET', `/conversations/${id}`)).body.snoozed_until).toBe(until)
  })

  it('assigns to an admin or a team, and "0" unassigns', async () => {
    const id = target().id
    const admin = seed.admins[1]!
    const team = seed.teams[0]!
    expect((await call('POST', `/conversations/${id}/parts`, { message_type: 'assignment', type: 'admin', admin_id: adminId, assignee_id: admin.id })).body.admin_assignee_id).toBe(Number(admin.id))
    const teamed = await call('POST', `/conversations/${id}/parts`, { message_type: 'assignment', type: 'team', admin_id: adminId, assignee_id: team.id })
    expect(teamed.body).toMatchObject({ admin_assignee_id: Number(admin.id), team_assignee_id: Number(team.id) })
    expect(teamed.body.conversation_parts.conversation_parts.at(-1)).toMatchObject({ part_type: 'assignment', assigned_to: { type: 'team', id: team.id } })
    expect((await call('POST', `/conversations/${id}/parts`, { message_type: 'assignment', type: 'admin', admin_id: adminId, assignee_id: '0' })).body.admin_assignee_id).toBe(0)
    expect((await call('GET', `/conversations/${id}`)).body).toMatchObject({ admin_assignee_id: 0, team_assignee_id: Number(team.id) })
  })

  it('refuses incomplete or wrong management requests', async () => {
    const id = target().id
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ message_type: 'close', admin_id: adminId }, 400, 'parameter_not_found'],
      [{ message_type: 'close', type: 'admin' }, 400, 'parameter_not_found'],
      [{ message_type: 'snoozed', admin_id: adminId }, 400, 'parameter_not_found'],
      [{ message_type: 'snoozed', admin_id: adminId, snoozed_until: 1_000 }, 400, 'parameter_invalid'],
      [{ message_type: 'snoozed', admin_id: adminId, snoozed_until: '2030-01-01' }, 400, 'parameter_invalid'],
      [{ message_type: 'assignment', type: 'admin', admin_id: adminId }, 400, 'parameter_not_found'],
      [{ message_type: 'assignment', type: 'admin', admin_id: adminId, assignee_id: '77' }, 404, 'assignee_not_found'],
      [{ message_type: 'archive', admin_id: adminId }, 400, 'parameter_invalid'],
      [{ message_type: 'open', admin_id: '5' }, 404, 'not_found'],
      [{ message_type: 'open', admin_id: adminId, body: 'x' }, 400, 'parameter_invalid'],
    ]
    for (const [body, status, code] of cases) {
      const answer = await call('POST', `/conversations/${id}/parts`, body)
      expect(answer.status, JSON.stringify(body)).toBe(status)
      expect(answer.body.errors[0].code, JSON.stringify(body)).toBe(code)
    }
    expect((await call('POST', '/conversations/999/parts', { message_type: 'open', admin_id: adminId })).status).toBe(404)
  })
})

describe('POST /conversations/{id}/tags', () => {
  it('tags a conversation; it shows on the conversation', async () => {
    const conversation = seed.conversations.find((candidate) => candidate.tags.length === 0)!
    const tag = seed.tags[3]!
    const answer = await call('POST', `/conversations/${conversation.id}/tags`, { id: tag.id, admin_id: adminId })
    expect(answer.body).toEqual({ type: 'tag', id: tag.id, name: tag.name })
    const read = await call('GET', `/conversations/${conversation.id}`)
    expect(read.body.tags.tags).toEqual([expect.objectContaining({ type: 'tag', id: tag.id, name: tag.name, applied_by: { type: 'admin', id: adminId } })])
    const search = await call('POST', '/conversations/search', { query: { field: 'tag_ids', operator: '=', value: tag.id } })
    expect(search.body.conversations.map((entry: { id: string }) => entry.id)).toContain(conversation.id)
  })

  it('needs both id and admin_id, and a known conversation', async () => {
    const id = seed.conversations[0]!.id
    expect((await call('POST', `/conversations/${id}/tags`, { id: seed.tags[0]!.id })).body.errors[0]).toMatchObject({ code: 'parameter_not_found', field: 'admin_id' })
    expect((await call('POST', `/conversations/${id}/tags`, { admin_id: adminId })).body.errors[0]).toMatchObject({ code: 'parameter_not_found', field: 'id' })
    expect((await call('POST', '/conversations/999/tags', { id: seed.tags[0]!.id, admin_id: adminId })).body.errors[0]).toEqual({ code: 'not_found', message: 'Conversation not found' })
    expect((await call('POST', `/conversations/${id}/tags`, { id: '1', admin_id: adminId })).status).toBe(404)
  })
})

describe('POST /messages', () => {
  const user = () => seed.contacts.find((contact) => contact.role === 'user')!
  const lead = () => seed.contacts.find((contact) => contact.role === 'lead')!

  it('sends an in-app message that opens an admin-initiated conversation', async () => {
    const answer = await call('POST', '/messages', { message_type: 'in_app', body: 'Welcome aboard', from: { type: 'admin', id: Number(adminId) }, to: { type: 'user', id: user().id } })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ type: 'admin_message', body: '<p>Welcome aboard</p>', message_type: 'inapp', owner: { type: 'admin', id: adminId } })
    const conversation = await call('GET', `/conversations/${answer.body.conversation_id}`)
    expect(conversation.body.source).toMatchObject({ id: answer.body.id, delivered_as: 'admin_initiated', author: { type: 'admin', id: adminId } })
    expect(conversation.body.contacts.contacts[0].id).toBe(user().id)
  })

  it('sends an email with a subject, to one or more recipients', async () => {
    const answer = await call('POST', '/messages', { message_type: 'email', subject: 'Hi', body: 'Hello', template: 'plain', from: { type: 'admin', id: Number(adminId) }, to: [{ type: 'user', id: user().id }, { type: 'lead', id: lead().id }] })
    expect(answer.body).toMatchObject({ message_type: 'email', subject: 'Hi' })
    const conversation = await call('GET', `/conversations/${answer.body.conversation_id}`)
    expect(conversation.body.source).toMatchObject({ type: 'email', subject: 'Hi' })
    expect(conversation.body.contacts.contacts.map((entry: { id: string }) => entry.id)).toEqual([user().id, lead().id])
  })

  it('refuses messages Intercom refuses', async () => {
    const from = { type: 'admin', id: Number(adminId) }
    const to = { type: 'user', id: user().id }
    const email = await call('POST', '/messages', { message_type: 'email', body: 'x', from, to })
    expect(email.status).toBe(422)
    expect(email.body.errors[0]).toMatchObject({ code: 'parameter_not_found', message: 'No subject supplied for email message' })
    expect((await call('POST', '/messages', { message_type: 'in_app', from, to })).body.errors[0]).toMatchObject({ code: 'parameter_invalid', message: 'Body is required' })
    expect((await call('POST', '/messages', { message_type: 'in_app', body: 'x', from, to: { type: 'user', id: 'nobody' } })).body.errors[0]).toEqual({ code: 'not_found', message: 'User Not Found' })
    expect((await call('POST', '/messages', { message_type: 'in_app', body: 'x', from, to: { type: 'user', id: lead().id } })).status).toBe(404)
    expect((await call('POST', '/messages', { message_type: 'in_app', body: 'x', from: { type: 'admin', id: 'abc' }, to })).body.errors[0].field).toBe('from.id')
    expect((await call('POST', '/messages', { message_type: 'in_app', body: 'x', from: { type: 'admin', id: 1 }, to })).status).toBe(404)
    expect((await call('POST', '/messages', { message_type: 'sms', body: 'x', from, to })).body.errors[0].field).toBe('message_type')
    // `inapp` (the SDK's and Intercom's examples' spelling) is taken like `in_app`.
    const inapp = await call('POST', '/messages', { message_type: 'inapp', body: 'x', from, to })
    expect(inapp.status).toBe(200)
    expect(inapp.body.message_type).toBe('inapp')
    expect((await call('POST', '/messages', { message_type: 'in_app', body: 'x', from })).body.errors[0]).toMatchObject({ code: 'parameter_not_found', field: 'to' })
  })
})

describe('POST /sandbox/conversations/{id}/rating (the sandbox’s own: a contact rating in the Messenger)', () => {
  it('stores the rating the conversation then shows, valid against the 2.16 schema; rating again replaces it', async () => {
    const conversation = seed.conversations.find((candidate) => candidate.contact_ids.length > 0)!
    const rated = await call('POST', `/sandbox/conversations/${conversation.id}/rating`, { rating: 4, remark: 'Helpful' })
    expect(rated.status).toBe(200)
    expect(rated.body.conversation_rating).toMatchObject({ rating: 4, remark: 'Helpful', contact: { type: 'contact', id: conversation.contact_ids[0] }, teammate: { type: 'admin' } })
    const shown = await call('GET', `/conversations/${conversation.id}`)
    expect(shown.body.conversation_rating).toEqual(rated.body.conversation_rating)
    if (hasSpec) expect(specCheck('GET', `/conversations/${conversation.id}`, 200, shown.body)).toBe('valid')
    const again = await call('POST', `/sandbox/conversations/${conversation.id}/rating`, { rating: 2 })
    expect(again.body.conversation_rating).toMatchObject({ rating: 2, remark: '', created_at: rated.body.conversation_rating.created_at })
    // Searchable by score, as Intercom's conversation_rating.score.
    const found = await call('POST', '/conversations/search', { query: { field: 'conversation_rating.score', operator: '=', value: 2 } })
    expect(found.body.conversations.map((item: { id: string }) => item.id)).toContain(conversation.id)
  })

  it('refuses a rating outside 1–5, a contact not in the conversation and unknown fields, naming them; 404 for an unknown conversation', async () => {
    const conversation = seed.conversations.find((candidate) => candidate.contact_ids.length > 0)!
    const outsider = seed.contacts.find((contact) => !conversation.contact_ids.includes(contact.id))!
    for (const [body, field] of [
      [{ rating: 6 }, 'rating'],
      [{ rating: 0 }, 'rating'],
      [{}, 'rating'],
      [{ rating: 3, contact_id: outsider.id }, 'contact_id'],
      [{ rating: 3, stars: 3 }, 'stars'],
    ] as const) {
      const answer = await call('POST', `/sandbox/conversations/${conversation.id}/rating`, body)
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.body.errors[0].field ?? answer.body.errors[0].message, JSON.stringify(body)).toContain(field)
    }
    expect((await call('POST', '/sandbox/conversations/999999999/rating', { rating: 3 })).status).toBe(404)
  })
})
