/**
 * The tools added beyond the first 31, each through `executeTool` against a started sandbox:
 * every call succeeds and its output parses with the tool's output schema, and what one call
 * changes the next one reads (merges move notes and tags, archived contacts leave searches,
 * deleted companies are gone, redacted parts read as redacted, replies show on tickets).
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
  const parsed = getTool(toolId)?.output.safeParse(result.output)
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
  sandbox = await startSandbox({ port: 0, seed: 21 })
  context = { accessToken: sandbox.token, baseUrl: sandbox.url, maxRetries: 0 }
})
afterAll(async () => {
  clearAdminCache()
  await sandbox.close()
})

describe('the added tools, on the sandbox', () => {
  it('every added tool is registered', () => {
    const ids = listTools().map((tool) => tool.id)
    expect(EXTENDED_TOOLS.filter((id) => !ids.includes(id))).toEqual([])
  })

  it('reference data: the current admin, admins, teams, ticket types and states, data attributes', async () => {
    const me = await run('intercom_get_current_admin', {})
    expect(me.admin.id).toBe(sandbox.state.adminId)
    expect(me.app?.name).toBeTruthy()
    const admin = await run('intercom_get_admin', { adminId: me.admin.id })
    expect(admin.admin).toMatchObject({ id: me.admin.id, email: me.admin.email })
    expect((await fails('intercom_get_admin', { adminId: '1' })).status).toBe(404)

    const teams = await run('intercom_list_teams', {})
    expect(teams.teams.length).toBeGreaterThan(0)
    expect(teams.teams[0].admin_ids).toContain(Number(me.admin.id))

    const types = await run('intercom_list_ticket_types', {})
    const type = types.ticket_types[0]
    const attributes = type.ticket_type_attributes.ticket_type_attributes ?? type.ticket_type_attributes.data
    expect(attributes.map((attribute: { name: string }) => attribute.name)).toContain('_default_title_')
    const states = await run('intercom_list_ticket_states', {})
    const stateIds = states.ticket_states.map((state: { id: string }) => state.id)
    for (const state of type.ticket_states.data) expect(stateIds).toContain(state.id)

    const contactAttributes = await run('intercom_list_data_attributes', { model: 'contact' })
    const custom = contactAttributes.data_attributes.filter((attribute: { custom: boolean }) => attribute.custom)
    expect(custom.map((attribute: { name: string }) => attribute.name)).toContain('plan')
    const companyAttributes = await run('intercom_list_data_attributes', { model: 'company', include_archived: true })
    expect(companyAttributes.data_attributes.every((attribute: { model: string }) => attribute.model === 'company')).toBe(true)
    // The seed archives no data attribute, so include_archived has nothing more to show here (the
    // sandbox's lifecycle tests archive one in a data file).
  })

  it('conversation attributes: active by default, archived ones only with include_archived, names usable in custom_attributes', async () => {
    const names = (output: Output): string[] => output.conversation_attributes.map((attribute: { name: string }) => attribute.name)
    const active = await run('intercom_list_conversation_attributes', {})
    expect(active.type).toBe('list')
    expect(active.conversation_attributes.every((attribute: { archived: boolean }) => attribute.archived === false)).toBe(true)
    expect(names(await run('intercom_list_conversation_attributes', { include_archived: false }))).toEqual(names(active))
    const all = await run('intercom_list_conversation_attributes', { include_archived: true })
    const archived = all.conversation_attributes.filter((attribute: { archived: boolean }) => attribute.archived)
    expect(archived.length).toBeGreaterThan(0)
    for (const attribute of archived) expect(names(active)).not.toContain(attribute.name)
    expect(names(all).filter((name) => !archived.some((attribute: { name: string }) => attribute.name === name))).toEqual(names(active))

    const list = active.conversation_attributes.find((attribute: { data_type: string }) => attribute.data_type === 'list')
    const label: string = list.options.find((option: { archived: boolean }) => !option.archived).label
    const text = active.conversation_attributes.find((attribute: { data_type: string }) => attribute.data_type === 'string')
    const contact = await run('intercom_create_contact', { role: 'user', email: 'attributes@example.com' })
    const created = await run('intercom_create_conversation', { contactId: contact.contactId, body: 'Where is my invoice?' })
    const updated = await run('intercom_update_conversation', { conversationId: created.conversationId, custom_attributes: { [list.name]: label, [text.name]: 'invoice' } })
    expect(updated.conversation.custom_attributes).toMatchObject({ [list.name]: label, [text.name]: 'invoice' })
  })

  it('contacts: find by external id, merge a lead (notes and tags move), archive and unarchive, companies', async () => {
    const user = await run('intercom_create_contact', { role: 'user', email: 'ops@example.com', external_id: 'ops-1' })
    const userId: string = user.contactId
    expect((await run('intercom_find_contact_by_external_id', { external_id: 'ops-1' })).contactId).toBe(userId)

    const lead = await run('intercom_create_contact', { role: 'lead', email: 'ops@example.com', custom_attributes: { plan: 'trial' } })
    const leadId: string = lead.contactId
    await run('intercom_create_note', { contactId: leadId, body: 'Asked about pricing' })
    const tag = await run('intercom_create_tag', { name: 'Ops lead' })
    await run('intercom_tag_contact', { contactId: leadId, tagId: tag.id })

    const merged = await run('intercom_merge_contacts', { from: leadId, into: userId })
    expect(merged.contactId).toBe(userId)
    expect(merged.contact.custom_attributes).toMatchObject({ plan: 'trial' })
    expect((await fails('intercom_get_contact', { contactId: leadId })).status).toBe(404)
    const notes = await run('intercom_list_contact_notes', { contactId: userId, per_page: 5 })
    expect(notes.notes.map((note: { body: string }) => note.body)).toEqual(['<p>Asked about pricing</p>'])
    const tags = await run('intercom_list_contact_tags', { contactId: userId })
    expect(tags.tags.map((entry: { id: string }) => entry.id)).toEqual([tag.id])

    const byEmail = { query: { field: 'email', operator: '=', value: 'ops@example.com' } }
    expect((await run('intercom_archive_contact', { contactId: userId })).archived).toBe(true)
    expect((await run('intercom_search_contacts', byEmail)).contacts).toEqual([])
    expect((await run('intercom_unarchive_contact', { contactId: userId })).archived).toBe(false)
    expect((await run('intercom_search_contacts', byEmail)).contacts.map((contact: { id: string }) => contact.id)).toEqual([userId])

    // Companies: find by our own id, update, list both ways, delete.
    const company = await run('intercom_create_company', { company_id: 'ops-co', name: 'Ops Inc' })
    const companyId: string = company.companyId
    await run('intercom_attach_contact_to_company', { contactId: userId, companyId })
    expect((await run('intercom_find_company_by_company_id', { company_id: 'ops-co' })).companyId).toBe(companyId)
    expect((await fails('intercom_find_company_by_company_id', { company_id: 'no-such-company' })).status).toBe(404)
    const updated = await run('intercom_update_company', { companyId, name: 'Ops Incorporated', size: 0, custom_attributes: { tier: 'gold' } })
    expect(updated.company).toMatchObject({ name: 'Ops Incorporated', size: 0 })
    expect((await run('intercom_get_company', { companyId })).company.name).toBe('Ops Incorporated')
    const contactCompanies = await run('intercom_list_contact_companies', { contactId: userId })
    expect(contactCompanies.companies.map((entry: { id: string }) => entry.id)).toEqual([companyId])
    const members = await run('intercom_list_company_contacts', { companyId })
    expect(members.contacts.map((contact: { id: string }) => contact.id)).toEqual([userId])
    expect(await run('intercom_delete_company', { companyId })).toEqual({ id: companyId, object: 'company', deleted: true })
    expect((await fails('intercom_get_company', { companyId })).status).toBe(404)
    expect((await run('intercom_list_contact_companies', { contactId: userId })).companies).toEqual([])
  })

  it('conversations: created by a contact, updated, a participant added, parts redacted, untagged', async () => {
    const adminId = sandbox.state.adminId
    const contact = await run('intercom_create_contact', { role: 'user', email: 'writer@example.com' })
    const created = await run('intercom_create_conversation', { contactId: contact.contactId, role: 'user', body: 'My card number is 4242 4242', subject: 'Help' })
    const conversationId: string = created.conversationId
    expect(created.message.type).toBe('user_message')

    const updated = await run('intercom_update_conversation', { conversationId, title: 'Card leak', read: true, custom_attributes: '{"order_number": 1042}' })
    expect(updated.conversation).toMatchObject({ title: 'Card leak', read: true, custom_attributes: { order_number: 1042 } })

    const added = await run('intercom_attach_contact_to_conversation', { conversationId, admin_id: adminId, email: 'colleague@example.com' })
    expect(added.customers.map((entry: { id: string }) => entry.id)).toContain(contact.contactId)
    expect(added.customers).toHaveLength(2)
    const read = await run('intercom_get_conversation', { conversationId })
    expect(read.conversation.contacts.contacts).toHaveLength(2)

    const replied = await run('intercom_reply_conversation', { conversationId, message_type: 'comment', body: 'Your code is 998877', admin_id: adminId })
    const partId: string = replied.conversation.conversation_parts.conversation_parts.at(-1).id
    const redactedPart = await run('intercom_redact_conversation_part', { conversation_id: conversationId, conversation_part_id: partId })
    const part = redactedPart.conversation.conversation_parts.conversation_parts.find((entry: { id: string }) => entry.id === partId)
    expect(part).toMatchObject({ redacted: true, body: '<p><i>This message was deleted</i></p>' })
    const redactedSource = await run('intercom_redact_conversation_part', { conversation_id: conversationId, source_id: read.conversation.source.id })
    expect(redactedSource.conversation.source.redacted).toBe(true)

    const tag = await run('intercom_create_tag', { name: 'Sensitive' })
    await run('intercom_tag_conversation', { conversationId, tagId: tag.id, admin_id: adminId })
    expect((await run('intercom_get_conversation', { conversationId })).conversation.tags.tags.map((entry: { id: string }) => entry.id)).toEqual([tag.id])
    expect(await run('intercom_untag_conversation', { conversationId, tagId: tag.id, admin_id: adminId })).toMatchObject({ id: tag.id, name: 'Sensitive' })
    expect((await run('intercom_get_conversation', { conversationId })).conversation.tags.tags).toEqual([])
  })

  it('tickets: replies from an admin and a contact, search, a state from the states list', async () => {
    const adminId = sandbox.state.adminId
    const contact = await run('intercom_create_contact', { role: 'user', email: 'ticketer@example.com' })
    const types = await run('intercom_list_ticket_types', {})
    const type = types.ticket_types[0]
    const ticket = await run('intercom_create_ticket', {
      ticket_type_id: type.id,
      contacts: [{ id: contact.contactId }],
      ticket_attributes: { _default_title_: 'Ops ticket', _default_description_: 'Searchable' },
    })
    const ticketId: string = ticket.ticketId

    const note = await run('intercom_reply_ticket', { ticketId, type: 'admin', message_type: 'note', body: 'Looking into it', admin_id: adminId })
    expect(note.ticket_part).toMatchObject({ part_type: 'note', author: { type: 'admin', id: adminId } })
    const answer = await run('intercom_reply_ticket', { ticketId, type: 'user', message_type: 'comment', body: 'Thanks!', intercom_user_id: contact.contactId })
    expect(answer.ticket_part.part_type).toBe('comment')
    const mine = await run('intercom_reply_ticket', { ticketId, type: 'admin', message_type: 'comment', body: 'Fixed now' })
    expect(mine.ticket_part.author.id).toBe(adminId)
    const parts = (await run('intercom_get_ticket', { ticketId })).ticket.ticket_parts.ticket_parts.map((entry: { id: string }) => entry.id)
    expect(parts).toEqual(expect.arrayContaining([note.partId, answer.partId, mine.partId]))

    const found = await run('intercom_search_tickets', {
      query: { operator: 'AND', value: [{ field: 'ticket_type_id', operator: '=', value: type.id }, { field: 'open', operator: '=', value: true }] },
      per_page: 50,
    })
    expect(found.tickets.map((entry: { id: string }) => entry.id)).toContain(ticketId)
    expect((await run('intercom_search_tickets', { query: { field: 'id', operator: '=', value: ticketId } })).tickets.map((entry: { id: string }) => entry.id)).toEqual([ticketId])

    const states = await run('intercom_list_ticket_states', {})
    const current = ticket.ticket.ticket_state.id
    const next = states.ticket_states.find(
      (state: { id: string; ticket_types?: { data: Array<{ id: string }> } }) =>
        state.id !== current && state.ticket_types?.data.some((entry) => entry.id === type.id),
    )
    expect(next).toBeDefined()
    await run('intercom_update_ticket', { ticketId, ticket_state_id: next.id, admin_id: adminId })
    expect((await run('intercom_get_ticket', { ticketId })).ticket.ticket_state.id).toBe(next.id)
  })

  it('help center: search articles and read one', async () => {
    const found = await run('intercom_search_articles', { phrase: 'refund', state: 'published', highlight: true })
    expect(found.total_count).toBe(1)
    const [article] = found.articles
    expect(found.highlights[0].article_id).toBe(article.id)
    const read = await run('intercom_get_article', { articleId: article.id })
    expect(read.article).toMatchObject({ id: article.id, title: 'Requesting a refund', state: 'published' })
    expect(read.article.body).toContain('30 days')
    expect((await run('intercom_search_articles', { phrase: 'no such words anywhere' })).articles).toEqual([])
    expect((await fails('intercom_get_article', { articleId: '1' })).status).toBe(404)
  })

  it('ran every added tool', () => {
    expect([...ran].filter((id) => EXTENDED_TOOLS.includes(id)).sort()).toEqual([...EXTENDED_TOOLS].sort())
  })
})
