/** Conversations: create (contact-initiated), list, get, update, reply, manage (parts), search, tag. */
import { asJsonObject, bool, id, idOrNull, obj, objectBody, oneOf, only, queryInt, required, requiredText, str, timestamp, type Body } from '../body'
import { ApiError, contactNotFound, invalid, missing, notFound } from '../errors'
import { cursorPage, sortBy, type SortKey } from '../paging'
import { asHtml, renderTag } from '../render'
import { renderConversation } from '../render-conversations'
import { ok, route, type Route, type SandboxRequest } from '../router'
import { compileQuery, readSort } from '../search'
import type { Store } from '../store'
import type { AuthorRef, ContactRecord, ConversationRecord, PartRecord } from '../types'
import { addTeammate, conversationField, newConversation, readAttachmentFiles, readAttachmentUrls } from './conversation-fields'
import { readPagination } from './contacts'

/** Conversations per page: Intercom's default and maximum. */
export const CONVERSATIONS_PER_PAGE = { default: 20, max: 150 } as const

export const conversationRoutes: Route[] = [
  route('POST', '/conversations', createConversation),
  route('GET', '/conversations', listConversations),
  route('POST', '/conversations/search', searchConversations),
  route('GET', '/conversations/{conversation_id}', getConversation),
  route('PUT', '/conversations/{conversation_id}', updateConversation),
  route('POST', '/conversations/{conversation_id}/reply', replyToConversation),
  route('POST', '/conversations/{conversation_id}/parts', manageConversation),
  route('POST', '/conversations/{conversation_id}/tags', tagConversation),
  route('DELETE', '/conversations/{conversation_id}/tags/{tag_id}', untagConversation),
]

const latestFirst = (conversation: ConversationRecord): SortKey => [conversation.updated_at, Number(conversation.id)]

function render(store: Store, conversation: ConversationRecord) {
  return ok(renderConversation(store, conversation, { withParts: true }))
}

function createConversation({ body: raw, store }: SandboxRequest) {
  const body = objectBody(raw, ['from', 'body', 'subject', 'attachment_urls', 'created_at', 'brand_id'])
  const from = required(obj(body, 'from'), 'from')
  only(from, ['type', 'id'], 'from.')
  oneOf(required(str(from, 'type', 'from.type'), 'from.type'), ['user', 'lead', 'contact'], 'from.type')
  const contactId = required(id(from, 'id', 'from.id'), 'from.id')
  const text = requiredText(str(body, 'body'), 'body')
  const subject = str(body, 'subject')
  const attachments = readAttachmentUrls(body.attachment_urls)
  const createdAt = timestamp(body, 'created_at') ?? store.now()
  str(body, 'brand_id') // type-checked; the sandbox has one brand
  const contact = store.requireContact(contactId)
  const conversation = newConversation(store, {
    type: 'conversation',
    delivered_as: 'customer_initiated',
    subject: subject ?? '',
    body: asHtml(text),
    author: { type: contact.role, id: contact.id },
    attachment_urls: attachments,
    contactIds: [contact.id],
    createdAt,
  })
  contact.last_replied_at = createdAt
  return ok({
    type: 'user_message',
    id: conversation.source.id,
    created_at: conversation.created_at,
    body: conversation.source.body,
    message_type: 'inapp',
    conversation_id: conversation.id,
  })
}

function listConversations({ query, store }: SandboxRequest) {
  const perPage = queryInt(query, 'per_page', 1, CONVERSATIONS_PER_PAGE.max) ?? CONVERSATIONS_PER_PAGE.default
  const startingAfter = query.get('starting_after') || undefined
  const sorted = sortBy(store.data.conversations, latestFirst, [true, true])
  const page = cursorPage(sorted, latestFirst, [true, true], perPage, startingAfter)
  return ok({
    type: 'conversation.list',
    conversations: page.items.map((conversation) => renderConversation(store, conversation, { withParts: false })),
    total_count: page.totalCount,
    pages: page.pages,
  })
}

function getConversation({ params, query, store }: SandboxRequest) {
  const conversation = store.requireConversation(params.conversation_id ?? '')
  const displayAs = query.get('display_as')
  if (displayAs !== null && displayAs !== 'plaintext') throw invalid('display_as', "must be 'plaintext'")
  return ok(renderConversation(store, conversation, { withParts: true, plaintext: displayAs === 'plaintext' }))
}

/** PUT /conversations/{id}: read, title, custom_attributes and company_id (null removes it). */
function updateConversation({ params, query, body: raw, store }: SandboxRequest) {
  const displayAs = query.get('display_as')
  if (displayAs !== null && displayAs !== 'plaintext') throw invalid('display_as', "must be 'plaintext'")
  const body = objectBody(raw, ['read', 'title', 'custom_attributes', 'company_id'])
  const read = bool(body, 'read')
  const title = str(body, 'title')
  const custom = obj(body, 'custom_attributes')
  const companyId = idOrNull(body, 'company_id')
  for (const [key, value] of Object.entries(custom ?? {})) {
    if (value !== null && typeof value !== 'string' && !(typeof value === 'number' && Number.isSafeInteger(value))) {
      throw invalid(`custom_attributes.${key}`, 'must be a string or an integer (null removes it)')
    }
  }
  const conversation = store.requireConversation(params.conversation_id ?? '')
  if (companyId !== undefined && companyId !== null) store.requireCompany(companyId)
  if (read !== undefined) conversation.read = read
  if (title !== undefined) conversation.title = title
  if (companyId !== undefined) conversation.company_id = companyId
  if (custom) {
    const attributes = { ...(conversation.custom_attributes ?? {}) }
    for (const [key, value] of Object.entries(asJsonObject(custom))) {
      if (value === null) delete attributes[key]
      else attributes[key] = value
    }
    conversation.custom_attributes = attributes
  }
  conversation.updated_at = Math.max(conversation.updated_at, store.now())
  store.touch()
  return ok(renderConversation(store, conversation, { withParts: true, plaintext: displayAs === 'plaintext' }))
}

function addPart(store: Store, conversation: ConversationRecord, part: Omit<PartRecord, 'id' | 'state'>): PartRecord {
  const record: PartRecord = { ...part, id: store.nextId('part'), state: conversation.state }
  conversation.parts.push(record)
  conversation.updated_at = Math.max(conversation.updated_at, part.created_at)
  addTeammate(conversation, part.author)
  store.touch()
  return record
}

const ADMIN_REPLY_FIELDS = ['message_type', 'type', 'body', 'admin_id', 'created_at', 'reply_options', 'attachment_urls', 'attachment_files', 'skip_notifications']
const CONTACT_REPLY_FIELDS = ['message_type', 'type', 'body', 'created_at', 'attachment_urls', 'attachment_files', 'reply_options', 'intercom_user_id', 'email', 'user_id']

function readReplyOptions(value: unknown, requiredOptions: boolean): void {
  if (value === undefined) {
    if (requiredOptions) throw missing('reply_options')
    return
  }
  if (!Array.isArray(value) || value.length === 0) throw invalid('reply_options', 'must be a non-empty array of {text, uuid}')
  value.forEach((option, index) => {
    const path = `reply_options[${index}]`
    if (typeof option !== 'object' || option === null || Array.isArray(option)) throw invalid(path, 'must be an object {text, uuid}')
    only(option as Body, ['text', 'uuid'], `${path}.`)
    requiredText(str(option as Body, 'text', `${path}.text`), `${path}.text`)
    requiredText(str(option as Body, 'uuid', `${path}.uuid`), `${path}.uuid`)
  })
}

/** The contact a contact reply names: intercom_user_id, email or user_id (external_id). */
function replyingContact(store: Store, body: Body): ContactRecord {
  const intercomUserId = id(body, 'intercom_user_id')
  const email = str(body, 'email')
  const userId = str(body, 'user_id')
  const given = [intercomUserId, email, userId].filter((value) => value !== undefined).length
  if (given === 0) throw new ApiError(400, 'parameter_not_found', 'one of intercom_user_id, email or user_id is required', 'intercom_user_id')
  if (given > 1) throw new ApiError(400, 'parameter_invalid', 'give only one of intercom_user_id, email or user_id', 'intercom_user_id')
  const contact =
    intercomUserId !== undefined
      ? store.contact(intercomUserId)
      : email !== undefined
        ? store.data.contacts.find((candidate) => candidate.email?.toLowerCase() === email.toLowerCase())
        : store.data.contacts.find((candidate) => candidate.external_id === userId)
  if (!contact) throw contactNotFound()
  return contact
}

function replyToConversation({ params, body: raw, store }: SandboxRequest) {
  const pathId = params.conversation_id ?? ''
  const probe = objectBody(raw, [...new Set([...ADMIN_REPLY_FIELDS, ...CONTACT_REPLY_FIELDS])])
  const type = oneOf(required(str(probe, 'type'), 'type'), ['admin', 'user'], 'type')
  const body = only(probe, type === 'admin' ? ADMIN_REPLY_FIELDS : CONTACT_REPLY_FIELDS)
  const createdAt = timestamp(body, 'created_at') ?? store.now()
  const attachments = [...readAttachmentUrls(body.attachment_urls), ...readAttachmentFiles(body.attachment_files)]
  if (attachments.length > 10) throw invalid('attachment_urls', 'and attachment_files can hold at most 10 attachments together')
  const text = str(body, 'body')

  if (type === 'admin') {
    const messageType = oneOf(required(str(body, 'message_type'), 'message_type'), ['comment', 'note', 'quick_reply'], 'message_type')
    const admin = store.requireAdmin(required(id(body, 'admin_id'), 'admin_id'))
    if (messageType !== 'quick_reply') requiredText(text, 'body')
    readReplyOptions(body.reply_options, messageType === 'quick_reply')
    if (body.skip_notifications !== undefined && typeof body.skip_notifications !== 'boolean') {
      throw invalid('skip_notifications', 'must be true or false')
    }
    if (pathId === 'last') throw notFound('not_found', 'Resource Not Found')
    const conversation = store.requireConversation(pathId)
    addPart(store, conversation, {
      part_type: messageType,
      body: text === undefined ? null : asHtml(text),
      created_at: createdAt,
      author: { type: 'admin', id: admin.id },
      assigned_to: null,
      attachment_urls: attachments,
    })
    if (messageType !== 'note') {
      conversation.waiting_since = null
      conversation.read = true
      for (const contactId of conversation.contact_ids) {
        const contact = store.contact(contactId)
        if (contact) contact.last_contacted_at = createdAt
      }
    }
    return render(store, conversation)
  }

  oneOf(required(str(body, 'message_type'), 'message_type'), ['comment'], 'message_type')
  const replyText = requiredText(text, 'body')
  if (body.reply_options !== undefined) readReplyOptions(body.reply_options, false)
  const contact = replyingContact(store, body)
  const conversation =
    pathId === 'last'
      ? sortBy(store.data.conversations.filter((candidate) => candidate.contact_ids.includes(contact.id)), latestFirst, [true, true])[0]
      : store.conversation(pathId)
  if (!conversation) throw notFound('not_found', 'Resource Not Found')
  if (!conversation.contact_ids.includes(contact.id)) {
    throw new ApiError(400, 'parameter_invalid', `Contact ${contact.id} is not part of conversation ${conversation.id}`, 'intercom_user_id')
  }
  // A contact's reply reopens a closed or snoozed conversation.
  conversation.state = 'open'
  conversation.snoozed_until = null
  conversation.read = false
  conversation.waiting_since = conversation.waiting_since ?? createdAt
  contact.last_replied_at = createdAt
  addPart(store, conversation, {
    part_type: 'comment',
    body: asHtml(replyText),
    created_at: createdAt,
    author: { type: contact.role, id: contact.id },
    assigned_to: null,
    attachment_urls: attachments,
  })
  return render(store, conversation)
}

/** POST /conversations/{id}/parts: close, snoozed, open, assignment. */
function manageConversation({ params, body: raw, store }: SandboxRequest) {
  const probe = objectBody(raw, ['message_type', 'type', 'admin_id', 'body', 'snoozed_until', 'assignee_id'])
  const messageType = oneOf(required(str(probe, 'message_type'), 'message_type'), ['close', 'snoozed', 'open', 'assignment'], 'message_type')
  const allowed: Record<typeof messageType, string[]> = {
    close: ['message_type', 'type', 'admin_id', 'body'],
    snoozed: ['message_type', 'type', 'admin_id', 'snoozed_until'],
    open: ['message_type', 'type', 'admin_id'],
    assignment: ['message_type', 'type', 'admin_id', 'assignee_id', 'body'],
  }
  const body = only(probe, allowed[messageType])
  const type = str(body, 'type')
  if (messageType === 'close' || messageType === 'assignment') required(type, 'type')
  if (type !== undefined) oneOf(type, messageType === 'assignment' ? ['admin', 'team'] : ['admin'], 'type')
  const admin = store.requireAdmin(required(id(body, 'admin_id'), 'admin_id'))
  const text = str(body, 'body')
  const now = store.now()
  const author: AuthorRef = { type: 'admin', id: admin.id }

  if (messageType === 'snoozed') {
    const until = required(timestamp(body, 'snoozed_until'), 'snoozed_until')
    if (until <= now) throw invalid('snoozed_until', 'must be in the future')
    const conversation = store.requireConversation(params.conversation_id ?? '')
    conversation.state = 'snoozed'
    conversation.snoozed_until = until
    addPart(store, conversation, { part_type: 'snoozed', body: null, created_at: now, author, assigned_to: null, attachment_urls: [] })
    return render(store, conversation)
  }

  if (messageType === 'assignment') {
    const assigneeId = required(id(body, 'assignee_id'), 'assignee_id')
    const unassign = assigneeId === '0'
    if (!unassign && !(type === 'admin' ? store.admin(assigneeId) : store.team(assigneeId))) {
      throw notFound('assignee_not_found', 'Assignee not found')
    }
    const conversation = store.requireConversation(params.conversation_id ?? '')
    if (type === 'admin') conversation.admin_assignee_id = Number(assigneeId)
    else conversation.team_assignee_id = Number(assigneeId)
    addPart(store, conversation, {
      part_type: 'assignment',
      body: text === undefined ? null : asHtml(text),
      created_at: now,
      author,
      assigned_to: unassign ? { type: 'nobody_admin', id: null } : { type: type === 'team' ? 'team' : 'admin', id: assigneeId },
      attachment_urls: [],
    })
    return render(store, conversation)
  }

  const conversation = store.requireConversation(params.conversation_id ?? '')
  conversation.state = messageType === 'close' ? 'closed' : 'open'
  conversation.snoozed_until = null
  if (messageType === 'close') conversation.waiting_since = null
  addPart(store, conversation, {
    part_type: messageType,
    body: text === undefined ? null : asHtml(text),
    created_at: now,
    author,
    assigned_to: null,
    attachment_urls: [],
  })
  return render(store, conversation)
}

function searchConversations({ body: raw, store }: SandboxRequest) {
  const body = objectBody(raw, ['query', 'pagination', 'sort'])
  if (body.query === undefined) throw new ApiError(400, 'parameter_not_found', 'query is required', 'query')
  const lookup = (name: string) => conversationField(store, name)
  const matches = compileQuery(body.query, lookup)
  const sort = readSort(body.sort, lookup)
  const { perPage, startingAfter } = readPagination(body, CONVERSATIONS_PER_PAGE)
  const key = sort
    ? (conversation: ConversationRecord): SortKey => [(sort.spec.get(conversation) as SortKey[number]) ?? null, Number(conversation.id)]
    : latestFirst
  const descending = sort ? [sort.descending, sort.descending] : [true, true]
  const sorted = sortBy(store.data.conversations.filter(matches), key, descending)
  const page = cursorPage(sorted, key, descending, perPage, startingAfter, 'pagination.starting_after')
  return ok({
    type: 'conversation.list',
    conversations: page.items.map((conversation) => renderConversation(store, conversation, { withParts: false })),
    total_count: page.totalCount,
    pages: page.pages,
  })
}

function tagConversation({ params, body: raw, store }: SandboxRequest) {
  const body = objectBody(raw, ['id', 'admin_id'])
  const tagId = required(id(body, 'id'), 'id')
  const adminId = required(id(body, 'admin_id'), 'admin_id')
  const conversation = store.conversation(params.conversation_id ?? '')
  if (!conversation) throw notFound('not_found', 'Conversation not found')
  const admin = store.requireAdmin(adminId)
  const tag = store.requireTag(tagId)
  if (!conversation.tags.some((applied) => applied.id === tag.id)) {
    conversation.tags.push({ id: tag.id, applied_at: store.now(), applied_by: { type: 'admin', id: admin.id } })
    store.touch()
  }
  return ok(renderTag(tag))
}

function untagConversation({ params, body: raw, store }: SandboxRequest) {
  const body = objectBody(raw, ['admin_id'])
  store.requireAdmin(required(id(body, 'admin_id'), 'admin_id'))
  const conversation = store.conversation(params.conversation_id ?? '')
  if (!conversation) throw notFound('not_found', 'Conversation not found')
  const tag = store.requireTag(params.tag_id ?? '')
  if (conversation.tags.some((applied) => applied.id === tag.id)) {
    conversation.tags = conversation.tags.filter((applied) => applied.id !== tag.id)
    store.touch()
  }
  return ok(renderTag(tag))
}


