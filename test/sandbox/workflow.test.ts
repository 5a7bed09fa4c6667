/**
 * Every one of the tools through `executeTool` against a started sandbox: each call succeeds and
 * its output parses with the tool's output schema, and a scripted workflow checks state across
 * calls. Then the rate limit, seen through the executor's retries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clearAdminCache, executeTool, getTool, listTools } from '../../index'
import { startSandbox, type Sandbox } from '../../sandbox'
import type { ToolContext } from '../../types'
import { EXTENDED_TOOLS } from './extended-tools'

type Output = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

let sandbox: Sandbox
let context: ToolContext
const ran = new Set<string>()

async function run(toolId: string, params: Record<string, unknown>): Promise<Output> {
  const result = await executeTool(toolId, params, context)
  expect(result, `${toolId} ${JSON.stringify(params)} → ${JSON.stringify(result)}`).toMatchObject({ success: true })
  if (!result.success) throw new Error('unreachable')
  const tool = getTool(toolId)
  const parsed = tool?.output.safeParse(result.output)
  expect(parsed?.success, `${toolId} output: ${parsed?.error?.message}`).toBe(true)
  ran.add(toolId)
  return result.output as Output
}

async function fails(toolId: string, params: Record<string, unknown>) {
  const result = await executeTool(toolId, params, context)
  expect(result.success, `${toolId} should fail`).toBe(false)
  if (result.success) throw new Error('unreachable')
  return result.error
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 11 })
  context = { accessToken: sandbox.token, baseUrl: sandbox.url, maxRetries: 0 }
})
afterAll(async () => {
  clearAdminCache()
  await sandbox.close()
})

describe('a support workflow through every tool, on the sandbox', () => {
  it('runs all the tools, and state carries across calls', async () => {
    // Admins and tags.
    const admins = await run('intercom_list_admins', {})
    const adminId: string = admins.admins[0].id
    const otherAdminId: string = admins.admins[1].id
    const tags = await run('intercom_list_tags', {})
    expect(tags.tags.length).toBeGreaterThan(0)
    const tag = await run('intercom_create_tag', { name: 'Workflow test' })
    const renamed = await run('intercom_create_tag', { id: tag.id, name: 'Workflow tested' })
    expect(renamed).toMatchObject({ id: tag.id, name: 'Workflow tested' })

    // Contacts: the cursor walks every contact exactly once.
    const first = await run('intercom_list_contacts', { per_page: 50 })
    const cursor = first.pages.next?.starting_after
    expect(typeof cursor).toBe('string')
    const second = await run('intercom_list_contacts', { per_page: 50, starting_after: cursor })
    const ids = [...first.contacts, ...second.contacts].map((contact: { id: string }) => contact.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.length).toBe(first.total_count)
    expect(second.pages.next ?? undefined).toBeUndefined()

    const created = await run('intercom_create_contact', { email: 'wf@example.com', name: 'Work Flow', role: 'user', custom_attributes: '{"plan":"pro"}' })
    const contactId: string = created.contactId
    const found = await run('intercom_search_contacts', { query: { field: 'email', operator: '=', value: 'wf@example.com' } })
    expect(found.contacts.map((contact: { id: string }) => contact.id)).toEqual([contactId])
    const updated = await run('intercom_update_contact', { contactId, phone: '+353871234567', unsubscribed_from_emails: false })
    expect(updated.contact.phone).toBe('+353871234567')

    // A tag added is seen on the contact, and gone once removed.
    await run('intercom_tag_contact', { contactId, tagId: tag.id })
    const tagged = await run('intercom_get_contact', { contactId })
    expect(tagged.contact.tags.data.map((entry: { id: string }) => entry.id)).toContain(tag.id)
    const untagged = await run('intercom_untag_contact', { contactId, tagId: tag.id })
    expect(untagged.id).toBe(tag.id)
    const afterUntag = await run('intercom_get_contact', { contactId })
    expect(afterUntag.contact.tags.data.map((entry: { id: string }) => entry.id)).not.toContain(tag.id)

    const note = await run('intercom_create_note', { contactId, body: 'Called about the invoice.', admin_id: adminId })
    expect(note.contact.id).toBe(contactId)
    const event = await run('intercom_create_event', { event_name: 'ordered-item', id: contactId, metadata: { order_id: '1042', items: 2 } })
    expect(event).toEqual({ accepted: true })

    // Companies and links.
    const company = await run('intercom_create_company', { company_id: 'wf-co', name: 'Workflow Co', size: 0, monthly_spend: 155.98 })
    expect(company.company.monthly_spend).toBe(155)
    const companyId: string = company.companyId
    const attached = await run('intercom_attach_contact_to_company', { contactId, companyId })
    expect(attached.companyId).toBe(companyId)
    const got = await run('intercom_get_company', { companyId })
    expect(got.company.user_count).toBe(1)
    const companies = await run('intercom_list_companies', { per_page: 5, page: 1 })
    expect(companies.companies.length).toBeGreaterThan(0)
    const scrolled = await run('intercom_scroll_companies', {})
    expect(scrolled.companies.length).toBeGreaterThan(0)
    const end = await run('intercom_scroll_companies', { scroll_param: scrolled.scroll_param })
    expect(end.companies).toEqual([])
    const detached = await run('intercom_detach_contact_from_company', { contactId, companyId })
    expect(detached.name).toBe('Workflow Co')

    // A message starts a conversation; parts change its state.
    const message = await run('intercom_create_message', {
      message_type: 'inapp', template: 'plain', body: 'Welcome!', from_type: 'admin', from_id: adminId, to_type: 'contact', to_id: contactId,
    })
    const conversationId = String(message.message.conversation_id)
    const reply = await run('intercom_reply_conversation', { conversationId, message_type: 'comment', body: 'Anything else?' })
    expect(reply.conversationId).toBe(conversationId)
    const assigned = await run('intercom_assign_conversation', { conversationId, admin_id: adminId, assignee_id: otherAdminId })
    expect(String(assigned.admin_assignee_id)).toBe(otherAdminId)
    const snoozeUntil = Math.floor(Date.now() / 1000) + 3600
    const snoozed = await run('intercom_snooze_conversation', { conversationId, admin_id: adminId, snoozed_until: snoozeUntil })
    expect(snoozed).toMatchObject({ state: 'snoozed', snoozed_until: snoozeUntil })
    expect((await run('intercom_open_conversation', { conversationId, admin_id: adminId })).state).toBe('open')
    await run('intercom_tag_conversation', { conversationId, tagId: tag.id, admin_id: adminId })
    expect((await run('intercom_close_conversation', { conversationId, admin_id: adminId, body: 'Bye' })).state).toBe('closed')
    const readBack = await run('intercom_get_conversation', { conversationId, display_as: 'plaintext' })
    expect(readBack.conversation).toMatchObject({ state: 'closed', open: false })
    expect(readBack.conversation.tags.tags.map((entry: { id: string }) => entry.id)).toContain(tag.id)
    const closed = await run('intercom_search_conversations', { query: { operator: 'AND', value: [{ field: 'id', operator: '=', value: conversationId }, { field: 'state', operator: '=', value: 'closed' }] } })
    expect(closed.conversations.map((entry: { id: string }) => entry.id)).toEqual([conversationId])

    // Conversations: the cursor walks every conversation exactly once.
    const seen: string[] = []
    let after: string | undefined
    let total = 0
    for (let page = 0; page < 20; page++) {
      const listed = await run('intercom_list_conversations', { per_page: 20, ...(after ? { starting_after: after } : {}) })
      total = listed.total_count
      seen.push(...listed.conversations.map((entry: { id: string }) => entry.id))
      after = listed.pages?.next?.starting_after
      if (!after) break
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe(total)
    expect(seen).toContain(conversationId)

    // Tickets.
    const types = (await (await fetch(`${sandbox.url}/ticket_types`, { headers: { Authorization: `Bearer ${sandbox.token}` } })).json()) as { data: Array<{ id: string }> }
    const ticket = await run('intercom_create_ticket', {
      ticket_type_id: types.data[0]?.id,
      contacts: JSON.stringify([{ id: contactId }]),
      ticket_attributes: { _default_title_: 'Broken invoice', _default_description_: 'Seats are wrong.' },
      disable_notifications: true,
    })
    const ticketId: string = ticket.ticketId
    expect((await run('intercom_get_ticket', { ticketId })).ticket.id).toBe(ticketId)
    const closedTicket = await run('intercom_update_ticket', { ticketId, open: false, admin_id: adminId })
    expect(closedTicket.ticket.open).toBe(false)
    expect((await run('intercom_get_ticket', { ticketId })).ticket.open).toBe(false)

    // A deleted contact is gone.
    const deleted = await run('intercom_delete_contact', { contactId })
    expect(deleted).toEqual({ id: contactId, deleted: true })
    expect((await fails('intercom_get_contact', { contactId })).status).toBe(404)

    // The tools added later run in operations.test.ts; together the two files run every tool.
    expect([...ran].sort()).toEqual(listTools().map((tool) => tool.id).filter((id) => !EXTENDED_TOOLS.includes(id)).sort())
  })
})

describe('rate limit through the executor', () => {
  it('the N+1th request gets 429 with the headers, and the executor waits for the reset and succeeds', async () => {
    const limited = await startSandbox({ port: 0, rateLimit: { limit: 2, windowMs: 1000 } })
    try {
      const headers = { Authorization: `Bearer ${limited.token}` }
      const answers = [await fetch(`${limited.url}/admins`, { headers }), await fetch(`${limited.url}/admins`, { headers }), await fetch(`${limited.url}/admins`, { headers })]
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429])
      const refused = answers[2] as Response
      expect(refused.headers.get('x-ratelimit-limit')).toBe('2')
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0')
      expect(Number(refused.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0)
      expect(((await refused.json()) as { errors: Array<{ code: string }> }).errors[0]?.code).toBe('rate_limit_exceeded')

      const before = limited.state.requestCount
      const result = await executeTool('intercom_list_admins', {}, { accessToken: limited.token, baseUrl: limited.url })
      expect(result.success, JSON.stringify(result)).toBe(true)
      // At least one more 429 was answered before the retry that succeeded.
      expect(limited.state.requestCount - before).toBeGreaterThanOrEqual(2)
    } finally {
      await limited.close()
    }
  })
})

describe('connections', () => {
  it('keeps idle connections, so fetch and the executor reuse one instead of connecting for every call', async () => {
    const fresh = await startSandbox({ port: 0 })
    try {
      for (let call = 0; call < 20; call++) {
        const result = await executeTool('intercom_list_admins', {}, { accessToken: fresh.token, baseUrl: fresh.url })
        expect(result.success, JSON.stringify(result)).toBe(true)
        const created = await executeTool('intercom_create_contact', { email: `keepalive-${call}@example.com` }, { accessToken: fresh.token, baseUrl: fresh.url })
        expect(created.success, JSON.stringify(created)).toBe(true)
      }
      expect(fresh.state.requestCount).toBeGreaterThanOrEqual(40)
      // One connection serves the sequential calls (two allow for the GET /me some tools make).
      expect(fresh.state.connectionCount).toBeLessThanOrEqual(2)
    } finally {
      await fresh.close()
    }
  })
})
