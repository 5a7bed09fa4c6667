/** Conversations: add a contact as a participant, redact a part or the source message. */
import { id, obj, objectBody, oneOf, only, required, str } from '../body'
import { ApiError, contactNotFound, invalid, missing } from '../errors'
import { renderConversation } from '../render-conversations'
import { ok, route, type Route, type SandboxRequest } from '../router'
import type { Store } from '../store'
import type { ContactRecord } from '../types'

export const conversationParticipantRoutes: Route[] = [
  route('POST', '/conversations/{conversation_id}/customers', attachCustomer),
  route('POST', '/conversations/redact', redact),
]

const REDACTED_BODY = '<p><i>This message was deleted</i></p>'

/** A lead for an email no contact has, as Intercom creates it. */
function newLead(store: Store, email: string): ContactRecord {
  const now = store.now()
  const lead: ContactRecord = {
    id: store.nextObjectId(now), role: 'lead', external_id: null, email, email_verified: null, phone: null, name: null, avatar: null,
    owner_id: null, has_hard_bounced: false, marked_email_as_spam: false, unsubscribed_from_emails: false, created_at: now, updated_at: now,
    signed_up_at: null, last_seen_at: null, last_replied_at: null, last_contacted_at: null, last_email_opened_at: null, last_email_clicked_at: null,
    browser: null, os: null, location: { country: null, region: null, city: null }, custom_attributes: {}, tag_ids: [], company_ids: [],
  }
  store.data.contacts.push(lead)
  return lead
}

/** `customer`: exactly one of intercom_user_id, user_id or email. */
function readCustomer(store: Store, body: Record<string, unknown>): ContactRecord {
  const customer = required(obj(body, 'customer'), 'customer')
  only(customer, ['intercom_user_id', 'user_id', 'email', 'customer'], 'customer.')
  const given = (['intercom_user_id', 'user_id', 'email'] as const).filter((key) => customer[key] !== undefined)
  if (given.length !== 1) throw invalid('customer', 'must hold exactly one of intercom_user_id, user_id or email')
  const intercomUserId = id(customer, 'intercom_user_id', 'customer.intercom_user_id')
  if (intercomUserId !== undefined) return store.requireContact(intercomUserId)
  const userId = id(customer, 'user_id', 'customer.user_id')
  if (userId !== undefined) {
    const user = store.data.contacts.find((contact) => contact.role === 'user' && contact.external_id === userId)
    if (!user) throw contactNotFound()
    return user
  }
  const email = required(str(customer, 'email', 'customer.email'), 'customer.email')
  return store.data.contacts.find((contact) => contact.email?.toLowerCase() === email.toLowerCase()) ?? newLead(store, email)
}

function attachCustomer({ params, body: raw, store }: SandboxRequest) {
  const conversation = store.requireConversation(params.conversation_id ?? '')
  const body = objectBody(raw, ['admin_id', 'customer'])
  const adminId = id(body, 'admin_id')
  if (adminId === undefined) throw missing('admin_id')
  const admin = store.requireAdmin(adminId)
  const contact = readCustomer(store, body)
  if (!conversation.contact_ids.includes(contact.id)) {
    const now = store.now()
    conversation.contact_ids.push(contact.id)
    conversation.parts.push({
      id: store.nextId('part'),
      part_type: 'participant_added',
      body: null,
      created_at: now,
      author: { type: 'admin', id: admin.id },
      assigned_to: null,
      attachment_urls: [],
      state: conversation.state,
    })
    conversation.updated_at = now
    store.touch()
  }
  return ok({
    customers: conversation.contact_ids.map((contactId) => ({ type: store.contact(contactId)?.role ?? 'user', id: contactId })),
  })
}

function redact({ body: raw, store }: SandboxRequest) {
  const body = objectBody(raw, ['type', 'conversation_id', 'conversation_part_id', 'source_id'])
  const type = oneOf(required(str(body, 'type'), 'type'), ['conversation_part', 'source'], 'type')
  only(body, type === 'conversation_part' ? ['type', 'conversation_id', 'conversation_part_id'] : ['type', 'conversation_id', 'source_id'])
  const conversation = store.requireConversation(required(id(body, 'conversation_id'), 'conversation_id'))
  if (type === 'conversation_part') {
    const partId = required(id(body, 'conversation_part_id'), 'conversation_part_id')
    const part = conversation.parts.find((candidate) => candidate.id === partId)
    if (!part) throw new ApiError(404, 'not_found', 'Resource Not Found')
    if (part.body === null) throw new ApiError(400, 'conversation_part_not_redactable', 'Conversation part has no body to redact')
    part.body = REDACTED_BODY
    part.attachment_urls = []
    part.redacted = true
  } else {
    const sourceId = required(id(body, 'source_id'), 'source_id')
    if (conversation.source.id !== sourceId) throw new ApiError(404, 'not_found', 'Resource Not Found')
    if (conversation.source.author.type !== 'user' && conversation.source.author.type !== 'lead') {
      throw new ApiError(400, 'conversation_part_not_redactable', 'Only a source message written by a contact can be redacted')
    }
    conversation.source.body = REDACTED_BODY
    conversation.source.attachment_urls = []
    conversation.source.redacted = true
  }
  conversation.updated_at = store.now()
  store.touch()
  return ok(renderConversation(store, conversation, { withParts: true }))
}
