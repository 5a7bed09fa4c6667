/** POST /messages: an admin-initiated in-app or email message, which opens a conversation. */
import { bool, id, obj, objectBody, oneOf, only, required, str, timestamp, type Body } from '../body'
import { ApiError, contactNotFound, invalid, missing } from '../errors'
import { asHtml, renderAdmin } from '../render'
import { ok, route, type Route, type SandboxRequest } from '../router'
import type { Store } from '../store'
import type { ContactRecord } from '../types'
import { newConversation } from './conversation-fields'

export const messageRoutes: Route[] = [route('POST', '/messages', createMessage)]

/** A recipient or an array of them (2.14+); each must be a contact of that role. */
function recipients(store: Store, value: unknown, path: string): ContactRecord[] {
  const list = Array.isArray(value) ? value : [value]
  if (list.length === 0) throw invalid(path, 'must name at least one recipient')
  return list.map((item, index) => {
    const at = Array.isArray(value) ? `${path}[${index}]` : path
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalid(at, 'must be {type, id}')
    const recipient = only(item as Body, ['type', 'id'], `${at}.`)
    const role = oneOf(required(str(recipient, 'type', `${at}.type`), `${at}.type`), ['user', 'lead'], `${at}.type`)
    const contact = store.contact(required(id(recipient, 'id', `${at}.id`), `${at}.id`))
    if (!contact || contact.role !== role) throw contactNotFound()
    return contact
  })
}

function createMessage({ body: raw, store }: SandboxRequest) {
  const body = objectBody(raw, ['message_type', 'subject', 'body', 'template', 'from', 'to', 'cc', 'bcc', 'created_at', 'create_conversation_without_contact_reply'])
  // `inapp` is what the SDK sends and Intercom's own examples use; `in_app` is the 2.16 enum.
  const messageType = oneOf(required(str(body, 'message_type'), 'message_type'), ['in_app', 'inapp', 'email', 'whatsapp'], 'message_type')
  if (messageType === 'whatsapp') {
    throw new ApiError(400, 'parameter_invalid', 'The sandbox does not send WhatsApp messages: use in_app or email', 'message_type')
  }
  const text = str(body, 'body')
  if (text === undefined || text.trim() === '') throw new ApiError(400, 'parameter_invalid', 'Body is required', 'body')
  const subject = str(body, 'subject')
  // Checked for their type only: the sandbox renders no templates and always opens the
  // conversation at once (see DIFFERENCES.md).
  oneOf(str(body, 'template'), ['plain', 'personal'], 'template')
  bool(body, 'create_conversation_without_contact_reply')
  const createdAt = timestamp(body, 'created_at') ?? store.now()

  const from = required(obj(body, 'from'), 'from')
  only(from, ['type', 'id'], 'from.')
  oneOf(required(str(from, 'type', 'from.type'), 'from.type'), ['admin'], 'from.type')
  const fromId = from.id
  if (fromId === undefined) throw missing('from.id')
  if (!(typeof fromId === 'number' && Number.isSafeInteger(fromId)) && !(typeof fromId === 'string' && /^\d+$/.test(fromId))) {
    throw invalid('from.id', 'must be the integer id of an admin')
  }
  const admin = store.requireAdmin(String(fromId))

  if (body.to === undefined) throw missing('to')
  const to = recipients(store, body.to, 'to')
  if (body.cc !== undefined) recipients(store, body.cc, 'cc')
  if (body.bcc !== undefined) recipients(store, body.bcc, 'bcc')
  if (messageType === 'email' && (subject === undefined || subject.trim() === '')) {
    throw new ApiError(422, 'parameter_not_found', 'No subject supplied for email message', 'subject')
  }

  const conversation = newConversation(store, {
    type: messageType === 'email' ? 'email' : 'conversation',
    delivered_as: 'admin_initiated',
    subject: subject ?? '',
    body: asHtml(text),
    author: { type: 'admin', id: admin.id },
    attachment_urls: [],
    contactIds: to.map((contact) => contact.id),
    createdAt,
  })
  for (const contact of to) contact.last_contacted_at = createdAt
  const message: Record<string, unknown> = {
    type: 'admin_message',
    id: conversation.source.id,
    created_at: createdAt,
    body: conversation.source.body,
    message_type: messageType === 'email' ? 'email' : 'inapp',
    conversation_id: conversation.id,
    owner: renderAdmin(admin),
  }
  if (subject !== undefined) message.subject = subject
  return ok(message as Parameters<typeof ok>[0])
}
