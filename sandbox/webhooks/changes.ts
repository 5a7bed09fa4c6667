/**
 * What changed in the workspace during one request, as the notifications Intercom would send.
 * The pipeline takes a light snapshot before a mutating request and compares after it, so that
 * every route (today's and those added later) notifies without code of its own.
 */
import { renderConversation } from '../render-conversations'
import { renderTicket } from '../render-tickets'
import { renderCompany, renderContact, renderTag } from '../render'
import type { Store } from '../store'
import type { ConversationRecord, JsonObject, PartRecord, TicketPartRecord } from '../types'

/** One notification to send: a topic and its `data.item`. */
export interface Change {
  topic: string
  item: JsonObject
}

interface ContactMark {
  role: string
  external_id: string | null
  updated_at: number
  /** The attributes whose change is an update, as text (times are whole seconds, too coarse alone). */
  attributes: string
  tag_ids: string[]
  company_ids: string[]
  archived: unknown
}

interface CompanyMark {
  updated_at: number
  attributes: string
}

interface ConversationMark {
  parts: number
  /** Ids of the redacted parts (`source` for the source message). */
  redacted: string[]
  tag_ids: string[]
  priority: string
  /** The rating as text (score, remark, time), or '' when not rated. */
  rating: string
}

interface TicketMark {
  state: string
  parts: number
  admin: number
  team: number
}

/** The few fields of each record whose change Intercom notifies. */
export interface Snapshot {
  contacts: Map<string, ContactMark>
  companies: Map<string, CompanyMark>
  conversations: Map<string, ConversationMark>
  tickets: Map<string, TicketMark>
}

/** Fields that are not attributes: ids, times, links with topics of their own, activity. */
const CONTACT_NOT_ATTRIBUTES = new Set(['id', 'created_at', 'updated_at', 'tag_ids', 'company_ids', 'archived', 'last_seen_at', 'last_replied_at', 'last_contacted_at', 'last_email_opened_at', 'last_email_clicked_at'])
const COMPANY_NOT_ATTRIBUTES = new Set(['id', 'created_at', 'updated_at', 'tag_ids'])

function attributes(record: object, skip: ReadonlySet<string>): string {
  return JSON.stringify(Object.entries(record).filter(([key]) => !skip.has(key)))
}

export function snapshot(store: Store): Snapshot {
  const { data } = store
  store.merged.clear()
  return {
    contacts: new Map(
      data.contacts.map((contact) => [
        contact.id,
        {
          role: contact.role,
          external_id: contact.external_id,
          updated_at: contact.updated_at,
          attributes: attributes(contact, CONTACT_NOT_ATTRIBUTES),
          tag_ids: [...contact.tag_ids],
          company_ids: [...contact.company_ids],
          archived: (contact as { archived?: unknown }).archived,
        },
      ]),
    ),
    companies: new Map(data.companies.map((company) => [company.id, { updated_at: company.updated_at, attributes: attributes(company, COMPANY_NOT_ATTRIBUTES) }])),
    conversations: new Map(
      data.conversations.map((conversation) => [
        conversation.id,
        {
          parts: conversation.parts.length,
          redacted: redactedParts(conversation),
          tag_ids: conversation.tags.map((tag) => tag.id),
          priority: conversation.priority,
          rating: ratingMark(conversation),
        },
      ]),
    ),
    tickets: new Map(data.tickets.map((ticket) => [ticket.id, { state: ticket.ticket_state_id, parts: ticket.parts.length, admin: ticket.admin_assignee_id, team: ticket.team_assignee_id }])),
  }
}

function ratingMark(conversation: ConversationRecord): string {
  return conversation.rating ? JSON.stringify(conversation.rating) : ''
}

function redactedParts(conversation: ConversationRecord): string[] {
  const ids = conversation.parts.filter((part) => part.redacted === true).map((part) => part.id)
  return conversation.source.redacted === true ? ['source', ...ids] : ids
}

const added = (before: readonly string[], after: readonly string[]) => after.filter((id) => !before.includes(id))

/** Contact webhooks send these times as ISO-8601 text (unlike the REST API's unix seconds). */
function contactItem(store: Store, contact: Parameters<typeof renderContact>[1]): JsonObject {
  const item = renderContact(store, contact)
  for (const key of ['created_at', 'updated_at']) {
    const value = item[key]
    if (typeof value === 'number') item[key] = new Date(value * 1000).toISOString()
  }
  return item
}

/** The conversation with only the given parts (a notification carries the parts it is about). */
function conversationItem(store: Store, conversation: ConversationRecord, parts: readonly PartRecord[]): JsonObject {
  const item = renderConversation(store, conversation, { withParts: true })
  const ids = new Set(parts.map((part) => part.id))
  const list = item.conversation_parts as { conversation_parts: JsonObject[] } | undefined
  const kept = (list?.conversation_parts ?? []).filter((part) => ids.has(String(part.id)))
  item.conversation_parts = { type: 'conversation_part.list', conversation_parts: kept, total_count: kept.length }
  return item
}

/** The topic of a new conversation part, or undefined for parts Intercom does not notify. */
function partTopic(part: PartRecord): string | undefined {
  const byAdmin = part.author.type === 'admin'
  switch (part.part_type) {
    case 'comment':
      if (byAdmin) return 'conversation.admin.replied'
      return part.author.type === 'user' || part.author.type === 'lead' ? 'conversation.user.replied' : undefined
    case 'quick_reply':
      return byAdmin ? 'conversation.admin.replied' : undefined
    case 'note':
      return 'conversation.admin.noted'
    case 'assignment':
      return 'conversation.admin.assigned'
    case 'close':
      return 'conversation.admin.closed'
    case 'open':
      return 'conversation.admin.opened'
    case 'snoozed':
      return 'conversation.admin.snoozed'
    case 'unsnoozed':
      return 'conversation.admin.unsnoozed'
    case 'participant_added':
      return 'conversation.contact.attached'
    default:
      return undefined
  }
}

/** The topic of a new ticket part (a reply or a note), or undefined for the others. */
function ticketPartTopic(part: TicketPartRecord): string | undefined {
  if (part.part_type === 'note') return 'ticket.note.created'
  if (part.part_type !== 'comment' && part.part_type !== 'quick_reply') return undefined
  return part.author.type === 'admin' ? 'ticket.admin.replied' : part.author.type === 'user' || part.author.type === 'lead' ? 'ticket.contact.replied' : undefined
}

/** The notifications for what changed since `before`, in a stable order. */
export function changesSince(before: Snapshot, store: Store): Change[] {
  const { data } = store
  const out: Change[] = []
  const now = store.now()

  for (const contact of data.contacts) {
    const was = before.contacts.get(contact.id)
    if (!was) {
      out.push({ topic: `contact.${contact.role}.created`, item: contactItem(store, contact) })
      continue
    }
    const archived = (contact as { archived?: unknown }).archived === true
    // Archiving has topics of its own (`contact.unarchive` is Intercom's spelling, unverified);
    // it is not also sent as an update.
    if (archived !== (was.archived === true)) out.push({ topic: archived ? 'contact.archived' : 'contact.unarchive', item: contactItem(store, contact) })
    else if (contact.updated_at !== was.updated_at || attributes(contact, CONTACT_NOT_ATTRIBUTES) !== was.attributes) out.push({ topic: `contact.${contact.role}.updated`, item: contactItem(store, contact) })
    for (const [ids, suffix] of [
      [added(was.tag_ids, contact.tag_ids), 'created'],
      [added(contact.tag_ids, was.tag_ids), 'deleted'],
    ] as const) {
      for (const tagId of ids) {
        const tag = store.tag(tagId)
        if (!tag) continue
        out.push({ topic: `contact.${contact.role}.tag.${suffix}`, item: { type: 'contact_tag', created_at: new Date(now * 1000).toISOString(), tag: renderTag(tag), contact: contactItem(store, contact) } })
      }
    }
    for (const [ids, suffix] of [
      [added(was.company_ids, contact.company_ids), 'attached'],
      [added(contact.company_ids, was.company_ids), 'detached'],
    ] as const) {
      for (const companyId of ids) {
        const company = store.company(companyId)
        if (!company) continue
        out.push({ topic: `company.contact.${suffix}`, item: { type: 'contact_company', company: renderCompany(store, company), contact: contactItem(store, contact) } })
      }
    }
  }
  const contactIds = new Set(data.contacts.map((contact) => contact.id))
  for (const [id, was] of before.contacts) {
    if (contactIds.has(id)) continue
    // A lead merged into a user is not deleted: Intercom sends contact.merged with the user.
    const into = store.merged.get(id)
    const user = into === undefined ? undefined : store.contact(into)
    if (user) out.push({ topic: 'contact.merged', item: contactItem(store, user) })
    else out.push({ topic: 'contact.deleted', item: { type: 'contact', id, external_id: was.external_id, deleted: true } })
  }

  for (const company of data.companies) {
    const was = before.companies.get(company.id)
    if (was === undefined) out.push({ topic: 'company.created', item: renderCompany(store, company) })
    else if (was.updated_at !== company.updated_at || attributes(company, COMPANY_NOT_ATTRIBUTES) !== was.attributes) out.push({ topic: 'company.updated', item: renderCompany(store, company) })
  }
  const companyIds = new Set(data.companies.map((company) => company.id))
  for (const id of before.companies.keys()) {
    if (!companyIds.has(id)) out.push({ topic: 'company.deleted', item: { type: 'company', id, deleted: true } })
  }

  for (const conversation of data.conversations) {
    const was = before.conversations.get(conversation.id)
    if (!was) {
      const topic = conversation.source.delivered_as === 'admin_initiated' ? 'conversation.admin.single.created' : 'conversation.user.created'
      out.push({ topic, item: conversationItem(store, conversation, conversation.parts) })
      continue
    }
    for (const part of conversation.parts.slice(was.parts)) {
      const topic = partTopic(part)
      if (topic) out.push({ topic, item: conversationItem(store, conversation, [part]) })
    }
    const tagsAdded = added(was.tag_ids, conversation.tags.map((tag) => tag.id)).flatMap((id) => {
      const tag = store.tag(id)
      return tag ? [renderTag(tag)] : []
    })
    if (tagsAdded.length > 0) {
      out.push({ topic: 'conversation_part.tag.created', item: { ...conversationItem(store, conversation, []), tags_added: { type: 'tag.list', tags: tagsAdded } } })
    }
    const redacted = redactedParts(conversation).filter((partId) => !was.redacted.includes(partId))
    if (redacted.length > 0) {
      const parts = conversation.parts.filter((part) => redacted.includes(part.id))
      out.push({ topic: 'conversation_part.redacted', item: conversationItem(store, conversation, parts) })
    }
    if (conversation.priority !== was.priority) out.push({ topic: 'conversation.priority.updated', item: conversationItem(store, conversation, []) })
    // A contact rated it (or changed the rating or remark): Intercom's conversation.rating.added.
    const rating = ratingMark(conversation)
    if (rating !== '' && rating !== was.rating) out.push({ topic: 'conversation.rating.added', item: conversationItem(store, conversation, []) })
  }

  for (const ticket of data.tickets) {
    const was = before.tickets.get(ticket.id)
    if (!was) {
      out.push({ topic: 'ticket.created', item: renderTicket(store, ticket) })
      continue
    }
    if (ticket.ticket_state_id !== was.state) out.push({ topic: 'ticket.state.updated', item: renderTicket(store, ticket) })
    for (const part of ticket.parts.slice(was.parts)) {
      const topic = ticketPartTopic(part)
      if (topic) out.push({ topic, item: renderTicket(store, ticket) })
    }
    if (ticket.admin_assignee_id !== was.admin) out.push({ topic: 'ticket.admin.assigned', item: renderTicket(store, ticket) })
    if (ticket.team_assignee_id !== was.team) out.push({ topic: 'ticket.team.assigned', item: renderTicket(store, ticket) })
  }
  return out
}
