/** Ticket types and states; tickets: create, get, update, reply and search (2.16 shape). */
import { bool, id, obj, objectBody, oneOf, only, required, requiredText, str, timestamp, type Body } from '../body'
import { ApiError, contactNotFound, invalid, missing, notFound } from '../errors'
import { cursorPage, sortBy, type SortKey } from '../paging'
import { asHtml } from '../render'
import { renderTicket, renderTicketPart, renderTicketStates, renderTicketType } from '../render-tickets'
import { ok, route, type Route, type SandboxRequest } from '../router'
import { compileQuery, readSort } from '../search'
import { readAttachmentFiles, readAttachmentUrls } from './conversation-fields'
import { readPagination } from './contacts'
import { ticketField } from './ticket-fields'
import type { Store } from '../store'
import type { ContactRecord, JsonObject, TicketPartRecord, TicketRecord, TicketTypeRecord } from '../types'

export const ticketRoutes: Route[] = [
  route('GET', '/ticket_types', ({ store }) => ok({ type: 'list', data: store.data.ticket_types.map((type) => renderTicketType(store, type)) })),
  route('GET', '/ticket_types/{ticket_type_id}', ({ params, store }) => {
    const type = store.ticketType(params.ticket_type_id ?? '')
    if (!type) throw notFound('not_found', 'Ticket type not found')
    return ok(renderTicketType(store, type))
  }),
  route('POST', '/tickets', createTicket),
  route('GET', '/tickets/{ticket_id}', ({ params, store }) => ok(renderTicket(store, store.requireTicket(params.ticket_id ?? '')))),
  route('PUT', '/tickets/{ticket_id}', updateTicket),
  route('GET', '/ticket_states', ({ store }) => ok(renderTicketStates(store))),
  route('POST', '/tickets/{ticket_id}/reply', replyToTicket),
  route('POST', '/tickets/search', searchTickets),
]

/** Tickets per search page: Intercom's default and the sandbox's maximum. */
export const TICKETS_PER_PAGE = { default: 20, max: 150 } as const

const assigneeNotFound = (): ApiError => notFound('assignee_not_found', 'Assignee not found')

/** Checks ticket attributes against the type; list attributes take an option id or label. */
function readTicketAttributes(type: TicketTypeRecord, attributes: Body, creating: boolean): JsonObject {
  const out: JsonObject = {}
  for (const [name, value] of Object.entries(attributes)) {
    const path = `ticket_attributes.${name}`
    const attribute = type.attributes.find((candidate) => candidate.name === name)
    if (!attribute) throw invalid(path, `is not an attribute of ticket type ${type.id} (${type.name})`)
    if (value === null) {
      out[name] = null
      continue
    }
    switch (attribute.data_type) {
      case 'string':
        if (typeof value !== 'string') throw invalid(path, 'must be a string')
        out[name] = value
        break
      case 'integer':
      case 'datetime':
        if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid(path, 'must be an integer')
        out[name] = value
        break
      case 'decimal':
        if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(path, 'must be a number')
        out[name] = value
        break
      case 'boolean':
        if (typeof value !== 'boolean') throw invalid(path, 'must be true or false')
        out[name] = value
        break
      case 'list': {
        const option = (attribute.list_options ?? []).find((candidate) => candidate.id === String(value) || candidate.label === value)
        if (!option) {
          const choices = (attribute.list_options ?? []).map((candidate) => `${candidate.id} (${candidate.label})`).join(', ')
          throw invalid(path, `must be one of the option ids ${choices}`)
        }
        out[name] = option.label
        break
      }
    }
  }
  if (creating) {
    for (const attribute of type.attributes) {
      if (attribute.required_to_create && (out[attribute.name] === undefined || out[attribute.name] === null)) {
        throw missing(`ticket_attributes.${attribute.name}`)
      }
    }
  }
  return out
}

/** The ticket's contact: exactly one of {id}, {external_id}, {email}; an unknown email makes a lead. */
function ticketContact(store: Store, value: unknown): ContactRecord {
  if (!Array.isArray(value)) throw invalid('contacts', 'must be an array with one contact')
  if (value.length !== 1) throw invalid('contacts', `must hold exactly one contact (Intercom allows only one), got ${value.length}`)
  const item = value[0]
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalid('contacts[0]', 'must be {id}, {external_id} or {email}')
  const entry = only(item as Body, ['id', 'external_id', 'email'], 'contacts[0].')
  const keys = Object.keys(entry)
  if (keys.length !== 1) throw invalid('contacts[0]', 'must have exactly one of id, external_id or email')
  const byId = id(entry, 'id', 'contacts[0].id')
  const externalId = str(entry, 'external_id', 'contacts[0].external_id')
  const email = str(entry, 'email', 'contacts[0].email')
  const found =
    byId !== undefined
      ? store.contact(byId)
      : externalId !== undefined
        ? store.data.contacts.find((contact) => contact.external_id === externalId)
        : store.data.contacts.find((contact) => contact.email?.toLowerCase() === email?.toLowerCase())
  if (found) return found
  if (email === undefined || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new ApiError(400, 'data_invalid', 'Contact not found or could not be created', 'contacts[0]')
  }
  const now = store.now()
  const lead: ContactRecord = {
    id: store.nextObjectId(now), role: 'lead', external_id: null, email, email_verified: null, phone: null, name: null, avatar: null,
    owner_id: null, has_hard_bounced: false, marked_email_as_spam: false, unsubscribed_from_emails: false, created_at: now, updated_at: now,
    signed_up_at: null, last_seen_at: null, last_replied_at: null, last_contacted_at: null, last_email_opened_at: null,
    last_email_clicked_at: null, browser: null, os: null, location: { country: null, region: null, city: null }, custom_attributes: {},
    tag_ids: [], company_ids: [],
  }
  store.data.contacts.push(lead)
  return lead
}

function createTicket({ body: raw, store }: SandboxRequest) {
  const body = objectBody(raw, ['ticket_type_id', 'contacts', 'conversation_to_link_id', 'company_id', 'created_at', 'ticket_attributes', 'assignment', 'skip_notifications'])
  const typeId = required(id(body, 'ticket_type_id'), 'ticket_type_id')
  if (body.contacts === undefined) throw missing('contacts')
  const attributes = obj(body, 'ticket_attributes') ?? {}
  const createdAt = timestamp(body, 'created_at') ?? store.now()
  bool(body, 'skip_notifications')
  const companyId = id(body, 'company_id')
  const linkId = id(body, 'conversation_to_link_id')
  const assignment = obj(body, 'assignment')
  if (assignment) only(assignment, ['admin_assignee_id', 'team_assignee_id'], 'assignment.')
  const adminAssignee = assignment ? id(assignment, 'admin_assignee_id', 'assignment.admin_assignee_id') : undefined
  const teamAssignee = assignment ? id(assignment, 'team_assignee_id', 'assignment.team_assignee_id') : undefined

  const type = store.ticketType(typeId)
  if (!type) throw notFound('not_found', 'Ticket type not found')
  const ticketAttributes = readTicketAttributes(type, attributes, true)
  if (companyId !== undefined) store.requireCompany(companyId)
  if (adminAssignee !== undefined && adminAssignee !== '0' && !store.admin(adminAssignee)) throw assigneeNotFound()
  if (teamAssignee !== undefined && teamAssignee !== '0' && !store.team(teamAssignee)) throw assigneeNotFound()
  const linked = linkId === undefined ? undefined : store.requireConversation(linkId)
  const contact = ticketContact(store, body.contacts)

  const state = type.states.find((candidate) => candidate.category === 'submitted') ?? type.states[0]
  if (!state) throw new Error(`ticket type ${type.id} has no states`)
  const ticket: TicketRecord = {
    id: store.nextId('ticket'),
    ticket_id: store.nextId('ticket_number'),
    ticket_type_id: type.id,
    ticket_attributes: ticketAttributes,
    ticket_state_id: state.id,
    previous_ticket_state_id: null,
    contact_ids: [contact.id],
    company_id: companyId ?? null,
    admin_assignee_id: Number(adminAssignee ?? 0),
    team_assignee_id: Number(teamAssignee ?? 0),
    created_at: createdAt,
    updated_at: createdAt,
    open: true,
    snoozed_until: null,
    is_shared: type.category === 'Customer',
    conversation_ids: linked ? [linked.id] : [],
    parts: [],
  }
  if (linked) linked.ticket_ids.push(ticket.id)
  store.data.tickets.push(ticket)
  store.touch()
  return ok(renderTicket(store, ticket))
}

function updateTicket({ params, body: raw, store }: SandboxRequest) {
  const ticket = store.requireTicket(params.ticket_id ?? '')
  const type = store.ticketType(ticket.ticket_type_id)
  if (!type) throw new Error(`ticket ${ticket.id} has an unknown type`)
  const body = objectBody(raw, ['ticket_attributes', 'ticket_state_id', 'company_id', 'open', 'is_shared', 'snoozed_until', 'admin_id', 'assignee_id', 'skip_notifications'])
  const attributes = obj(body, 'ticket_attributes')
  const stateId = id(body, 'ticket_state_id')
  const companyId = id(body, 'company_id')
  const open = bool(body, 'open')
  const isShared = bool(body, 'is_shared')
  const snoozedUntil = timestamp(body, 'snoozed_until')
  bool(body, 'skip_notifications')
  const adminId = body.admin_id
  if (adminId !== undefined && !(typeof adminId === 'number' && Number.isSafeInteger(adminId))) {
    throw invalid('admin_id', 'must be an integer (Intercom 2.14+ takes the admin id as a number)')
  }
  const assigneeId = id(body, 'assignee_id')

  const admin = adminId === undefined ? store.me() : store.admin(String(adminId))
  if (!admin) throw assigneeNotFound()
  const newAttributes = attributes ? readTicketAttributes(type, attributes, false) : undefined
  const state = stateId === undefined ? undefined : type.states.find((candidate) => candidate.id === stateId)
  if (stateId !== undefined && !state) {
    throw new ApiError(400, 'ticket_state_id_invalid', 'Ticket state id is not valid or is not associated with the ticket type', 'ticket_state_id')
  }
  if (companyId !== undefined) store.requireCompany(companyId)
  if (snoozedUntil !== undefined && snoozedUntil <= store.now()) throw invalid('snoozed_until', 'must be in the future')
  const assigneeAdmin = assigneeId === undefined ? undefined : store.admin(assigneeId)
  const assigneeTeam = assigneeId === undefined ? undefined : store.team(assigneeId)
  if (assigneeId !== undefined && assigneeId !== '0' && !assigneeAdmin && !assigneeTeam) throw assigneeNotFound()

  const now = store.now()
  const author = { type: 'admin' as const, id: admin.id }
  const addPart = (part: Omit<TicketPartRecord, 'id' | 'created_at' | 'author' | 'body' | 'previous_ticket_state' | 'ticket_state' | 'assigned_to'> & Partial<TicketPartRecord>): void => {
    ticket.parts.push({ id: store.nextId('part'), created_at: now, author, body: null, previous_ticket_state: null, ticket_state: null, assigned_to: null, ...part })
  }
  if (newAttributes) Object.assign(ticket.ticket_attributes, newAttributes)
  if (state && state.id !== ticket.ticket_state_id) {
    const previous = type.states.find((candidate) => candidate.id === ticket.ticket_state_id)
    ticket.previous_ticket_state_id = ticket.ticket_state_id
    ticket.ticket_state_id = state.id
    addPart({ part_type: 'ticket_state_updated_by_admin', previous_ticket_state: previous?.category ?? null, ticket_state: state.category })
  }
  if (companyId !== undefined) ticket.company_id = companyId
  if (isShared !== undefined) ticket.is_shared = isShared
  if (snoozedUntil !== undefined) ticket.snoozed_until = snoozedUntil
  if (assigneeId !== undefined) {
    if (assigneeId === '0') {
      ticket.admin_assignee_id = 0
      ticket.team_assignee_id = 0
    } else if (assigneeAdmin) ticket.admin_assignee_id = Number(assigneeAdmin.id)
    else if (assigneeTeam) ticket.team_assignee_id = Number(assigneeTeam.id)
    addPart({
      part_type: 'assignment',
      assigned_to: assigneeId === '0' ? { type: 'nobody_admin', id: null } : { type: assigneeAdmin ? 'admin' : 'team', id: assigneeId },
    })
  }
  if (open !== undefined && open !== ticket.open) {
    ticket.open = open
    addPart({ part_type: open ? 'open' : 'close' })
  }
  // Closing a ticket also unsnoozes it.
  if (open === false) ticket.snoozed_until = null
  ticket.updated_at = now
  store.touch()
  return ok(renderTicket(store, ticket))
}

const ADMIN_REPLY_FIELDS = ['message_type', 'type', 'body', 'admin_id', 'created_at', 'reply_options', 'attachment_urls', 'attachment_files', 'cross_post', 'skip_notifications']
const CONTACT_REPLY_FIELDS = ['message_type', 'type', 'body', 'created_at', 'attachment_urls', 'attachment_files', 'intercom_user_id', 'user_id', 'email', 'skip_notifications']

function readQuickReplyOptions(value: unknown): void {
  if (!Array.isArray(value) || value.length === 0) throw invalid('reply_options', 'must be a non-empty array of {text, uuid}')
  value.forEach((option, index) => {
    const path = `reply_options[${index}]`
    if (typeof option !== 'object' || option === null || Array.isArray(option)) throw invalid(path, 'must be an object {text, uuid}')
    only(option as Body, ['text', 'uuid'], `${path}.`)
    requiredText(str(option as Body, 'text', `${path}.text`), `${path}.text`)
    requiredText(str(option as Body, 'uuid', `${path}.uuid`), `${path}.uuid`)
  })
}

/** The contact a contact's reply names: exactly one of intercom_user_id, user_id (external_id) or email. */
function replyingContact(store: Store, body: Body): ContactRecord {
  const intercomUserId = id(body, 'intercom_user_id')
  const userId = str(body, 'user_id')
  const email = str(body, 'email')
  const given = [intercomUserId, userId, email].filter((value) => value !== undefined).length
  if (given === 0) throw new ApiError(400, 'parameter_not_found', 'one of intercom_user_id, user_id or email is required', 'intercom_user_id')
  if (given > 1) throw new ApiError(400, 'parameter_invalid', 'give only one of intercom_user_id, user_id or email', 'intercom_user_id')
  const contact =
    intercomUserId !== undefined
      ? store.contact(intercomUserId)
      : userId !== undefined
        ? store.data.contacts.find((candidate) => candidate.external_id === userId)
        : store.data.contacts.find((candidate) => candidate.email?.toLowerCase() === email?.toLowerCase())
  if (!contact) throw contactNotFound()
  return contact
}

/**
 * POST /tickets/{id}/reply: an admin's comment, note or quick reply, or a contact's comment
 * (refused on back-office and tracker tickets); answers the new part (`ticket_reply`). A note
 * with `cross_post` is copied to the ticket's linked conversations.
 */
function replyToTicket({ params, body: raw, store }: SandboxRequest) {
  const probe = objectBody(raw, [...new Set([...ADMIN_REPLY_FIELDS, ...CONTACT_REPLY_FIELDS])])
  const type = oneOf(required(str(probe, 'type'), 'type'), ['admin', 'user'], 'type')
  const body = only(probe, type === 'admin' ? ADMIN_REPLY_FIELDS : CONTACT_REPLY_FIELDS)
  const createdAt = timestamp(body, 'created_at') ?? store.now()
  bool(body, 'skip_notifications')
  const files = readAttachmentFiles(body.attachment_files)
  const urls = readAttachmentUrls(body.attachment_urls)
  // Intercom: when both are given, attachment_files takes precedence.
  const attachmentUrls = files.length > 0 ? files : urls
  const text = str(body, 'body')

  let part: TicketPartRecord
  let crossPost = false
  if (type === 'admin') {
    const messageType = oneOf(required(str(body, 'message_type'), 'message_type'), ['comment', 'note', 'quick_reply'], 'message_type')
    const admin = store.requireAdmin(required(id(body, 'admin_id'), 'admin_id'))
    if (messageType === 'quick_reply') readQuickReplyOptions(body.reply_options)
    else {
      requiredText(text, 'body')
      if (body.reply_options !== undefined) throw invalid('reply_options', 'is only for quick_reply')
    }
    crossPost = bool(body, 'cross_post') === true
    if (crossPost && messageType !== 'note') throw invalid('cross_post', 'is only for notes')
    const ticket = store.requireTicket(params.ticket_id ?? '')
    part = { id: store.nextId('part'), part_type: messageType, body: text === undefined ? null : asHtml(text), created_at: createdAt, author: { type: 'admin', id: admin.id }, previous_ticket_state: null, ticket_state: null, assigned_to: null, attachment_urls: attachmentUrls }
    return addTicketReply(store, ticket, part, crossPost)
  }

  oneOf(required(str(body, 'message_type'), 'message_type'), ['comment'], 'message_type')
  const replyText = requiredText(text, 'body')
  const contact = replyingContact(store, body)
  const ticket = store.requireTicket(params.ticket_id ?? '')
  const category = store.ticketType(ticket.ticket_type_id)?.category
  if (category === 'Back-office' || category === 'Tracker') {
    throw new ApiError(400, 'parameter_mismatch', `User replies are not allowed on ${category === 'Tracker' ? 'Tracker' : 'Backoffice'} tickets`)
  }
  if (!ticket.contact_ids.includes(contact.id)) {
    throw new ApiError(400, 'parameter_invalid', `Contact ${contact.id} is not part of ticket ${ticket.id}`, 'intercom_user_id')
  }
  contact.last_replied_at = createdAt
  // Ticket part authors are admin, bot, team or user: a lead replies as a user.
  part = { id: store.nextId('part'), part_type: 'comment', body: asHtml(replyText), created_at: createdAt, author: { type: 'user', id: contact.id }, previous_ticket_state: null, ticket_state: null, assigned_to: null, attachment_urls: attachmentUrls }
  return addTicketReply(store, ticket, part, false)
}

function addTicketReply(store: Store, ticket: TicketRecord, part: TicketPartRecord, crossPost: boolean) {
  ticket.parts.push(part)
  ticket.updated_at = Math.max(ticket.updated_at, part.created_at)
  if (crossPost) {
    for (const conversationId of ticket.conversation_ids) {
      const conversation = store.conversation(conversationId)
      if (!conversation) continue
      conversation.parts.push({ id: store.nextId('part'), part_type: 'note', body: part.body, created_at: part.created_at, author: part.author, assigned_to: null, attachment_urls: part.attachment_urls ?? [], state: conversation.state })
      conversation.updated_at = Math.max(conversation.updated_at, part.created_at)
    }
  }
  store.touch()
  return ok(renderTicketPart(store, part))
}

const latestFirst = (ticket: TicketRecord): SortKey => [ticket.updated_at, Number(ticket.id)]

/** POST /tickets/search: Intercom's query language over the ticket fields, cursor pages. */
function searchTickets({ body: raw, store }: SandboxRequest) {
  const body = objectBody(raw, ['query', 'pagination', 'sort'])
  if (body.query === undefined) throw new ApiError(400, 'parameter_not_found', 'query is required', 'query')
  const lookup = (name: string) => ticketField(store, name)
  const matches = compileQuery(body.query, lookup)
  const sort = readSort(body.sort, lookup)
  const { perPage, startingAfter } = readPagination(body, TICKETS_PER_PAGE)
  const key = sort ? (ticket: TicketRecord): SortKey => [(sort.spec.get(ticket) as SortKey[number]) ?? null, Number(ticket.id)] : latestFirst
  const descending = sort ? [sort.descending, sort.descending] : [true, true]
  const sorted = sortBy(store.data.tickets.filter(matches), key, descending)
  const page = cursorPage(sorted, key, descending, perPage, startingAfter, 'pagination.starting_after')
  return ok({ type: 'ticket.list', tickets: page.items.map((ticket) => renderTicket(store, ticket)), total_count: page.totalCount, pages: page.pages })
}
