/** Conversations → Intercom 2.16 response bodies (checked against the spec in spec.test.ts). */
import { htmlToText } from './html'
import { contactRef, renderAuthor, renderCompany, renderTag } from './render'
import type { Store } from './store'
import type { ConversationRecord, JsonObject, PartRecord } from './types'

/** Attachment URLs as Intercom's `upload` objects. */
export function attachments(urls: string[]): JsonObject[] {
  return urls.map((url) => ({
    type: 'upload',
    name: decodeURIComponent(url.split('/').pop() || 'attachment'),
    url,
    content_type: 'application/octet-stream',
  }))
}

function renderPart(store: Store, part: PartRecord, plaintext: boolean): JsonObject {
  const author = renderAuthor(store, part.author)
  if (author.type === 'admin') {
    author.from_ai_agent = false
    author.is_ai_answer = false
  }
  return {
    type: 'conversation_part',
    id: part.id,
    part_type: part.part_type,
    body: part.body === null ? null : plaintext ? htmlToText(part.body) : part.body,
    created_at: part.created_at,
    updated_at: part.created_at,
    notified_at: part.created_at,
    assigned_to: part.assigned_to,
    author,
    attachments: attachments(part.attachment_urls),
    external_id: null,
    redacted: part.redacted === true,
    email_message_metadata: null,
    state: part.state,
    tags: [],
    event_details: null,
    app_package_code: null,
  }
}

/** The statistics Intercom computes from a conversation's parts (the ones the sandbox can know). */
export function conversationStatistics(conversation: ConversationRecord): JsonObject {
  const parts = conversation.parts
  const last = (test: (part: PartRecord) => boolean): PartRecord | undefined => [...parts].reverse().find(test)
  const first = (test: (part: PartRecord) => boolean): PartRecord | undefined => parts.find(test)
  const isAdminReply = (part: PartRecord): boolean => part.author.type === 'admin' && part.part_type === 'comment'
  const isContactReply = (part: PartRecord): boolean => part.author.type !== 'admin' && part.part_type === 'comment'
  const out: JsonObject = {
    type: 'conversation_statistics',
    count_reopens: parts.filter((part) => part.part_type === 'open').length,
    count_assignments: parts.filter((part) => part.part_type === 'assignment').length,
    count_conversation_parts: parts.length + 1,
  }
  const stamp = (key: string, part: PartRecord | undefined): void => {
    if (part) out[key] = part.created_at
  }
  stamp('first_admin_reply_at', first(isAdminReply))
  stamp('last_admin_reply_at', last(isAdminReply))
  stamp('last_contact_reply_at', last(isContactReply))
  stamp('first_assignment_at', first((part) => part.part_type === 'assignment'))
  stamp('last_assignment_at', last((part) => part.part_type === 'assignment'))
  stamp('first_close_at', first((part) => part.part_type === 'close'))
  const lastClose = last((part) => part.part_type === 'close')
  stamp('last_close_at', lastClose)
  if (lastClose) out.last_closed_by_id = lastClose.author.id
  if (conversation.source.delivered_as === 'customer_initiated') out.first_contact_reply_at = conversation.created_at
  return out
}

/** A conversation; `withParts` for GET (the list and search leave the parts out). */
export function renderConversation(
  store: Store,
  conversation: ConversationRecord,
  options: { withParts: boolean; plaintext?: boolean } = { withParts: true },
): JsonObject {
  const plaintext = options.plaintext === true
  const text = (html: string): string => (plaintext ? htmlToText(html) : html)
  const sourceAuthor = renderAuthor(store, conversation.source.author)
  const company = conversation.company_id ? store.company(conversation.company_id) : undefined
  const out: JsonObject = {
    type: 'conversation',
    id: conversation.id,
    created_at: conversation.created_at,
    updated_at: conversation.updated_at,
    waiting_since: conversation.waiting_since,
    snoozed_until: conversation.snoozed_until,
    source: {
      type: conversation.source.type,
      id: conversation.source.id,
      delivered_as: conversation.source.delivered_as,
      subject: text(conversation.source.subject),
      body: text(conversation.source.body),
      author: { ...sourceAuthor, email: sourceAuthor.email === '' || sourceAuthor.email === undefined ? null : sourceAuthor.email },
      attachments: attachments(conversation.source.attachment_urls),
      url: null,
      redacted: conversation.source.redacted === true,
    },
    contacts: {
      type: 'contact.list',
      contacts: conversation.contact_ids.map((id) => contactRef(store.contact(id) ?? { id, external_id: null })),
    },
    first_contact_reply:
      conversation.source.delivered_as === 'customer_initiated'
        ? { created_at: conversation.created_at, type: 'conversation', url: null }
        : null,
    admin_assignee_id: conversation.admin_assignee_id,
    team_assignee_id: conversation.team_assignee_id,
    open: conversation.state !== 'closed',
    state: conversation.state,
    read: conversation.read,
    tags: {
      type: 'tag.list',
      tags: conversation.tags.flatMap((applied) => {
        const tag = store.tag(applied.id)
        return tag ? [{ ...renderTag(tag), applied_at: applied.applied_at, applied_by: { type: applied.applied_by.type, id: applied.applied_by.id } }] : []
      }),
    },
    priority: conversation.priority,
    company: company ? renderCompany(store, company) : null,
    sla_applied: null,
    statistics: conversationStatistics(conversation),
    conversation_rating: conversation.rating
      ? {
          rating: conversation.rating.score,
          remark: conversation.rating.remark ?? '',
          created_at: conversation.rating.created_at,
          updated_at: conversation.rating.updated_at,
          contact: contactRef(store.contact(conversation.rating.contact_id) ?? { id: conversation.rating.contact_id, external_id: null }),
          teammate: { type: 'admin', id: conversation.rating.admin_id },
        }
      : null,
    teammates: { type: 'admin.list', teammates: conversation.teammate_ids.map((id) => ({ type: 'admin', id })) },
    title: conversation.title,
    custom_attributes: conversation.custom_attributes ?? {},
    linked_objects: {
      type: 'list',
      data: conversation.ticket_ids.map((id) => ({
        type: 'ticket',
        id,
        category: store.ticketType(store.ticket(id)?.ticket_type_id ?? '')?.category ?? null,
      })),
      total_count: conversation.ticket_ids.length,
      has_more: false,
    },
    ai_agent_participated: false,
    ai_agent: null,
  }
  if (options.withParts) {
    out.conversation_parts = {
      type: 'conversation_part.list',
      conversation_parts: conversation.parts.map((part) => renderPart(store, part, plaintext)),
      total_count: conversation.parts.length,
    }
  }
  return out
}
