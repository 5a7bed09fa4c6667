/** Contacts: create, get, update, delete, list (cursor pages) and search. */
import { int, obj, objectBody, only, queryInt, strOrNull } from '../body'
import { ApiError, contactNotFound, invalid } from '../errors'
import { cursorPage, sortBy, type SortKey } from '../paging'
import { renderContact } from '../render'
import { ok, route, type Route, type SandboxRequest } from '../router'
import { compileQuery, readSort } from '../search'
import type { ContactRecord } from '../types'
import { applyContactChanges, CONTACT_WRITABLE, conflict, conflictingUser, contactField, readContactChanges } from './contact-fields'

/** Contacts per page: Intercom's default and maximum. */
export const CONTACTS_PER_PAGE = { default: 50, max: 150 } as const

export const contactRoutes: Route[] = [
  route('POST', '/contacts', createContact),
  route('GET', '/contacts', listContacts),
  route('POST', '/contacts/search', searchContacts),
  route('GET', '/contacts/{contact_id}', ({ params, store }) => ok(renderContact(store, store.requireContact(params.contact_id ?? '')))),
  route('GET', '/contacts/find_by_external_id/{external_id}', findByExternalId),
  route('PUT', '/contacts/{contact_id}', updateContact),
  route('DELETE', '/contacts/{contact_id}', deleteContact),
]

function createContact({ body: raw, store }: SandboxRequest) {
  const body = objectBody(raw, CONTACT_WRITABLE)
  const changes = readContactChanges(store, body)
  if (!changes.email && !changes.external_id && changes.role === undefined) {
    throw new ApiError(400, 'parameter_invalid', 'A contact needs at least one of email, external_id or role', 'email')
  }
  const role = changes.role ?? 'user'
  const existing = conflictingUser(store, role, changes.email ?? null, changes.external_id ?? null)
  if (existing) throw conflict(existing)
  const now = store.now()
  const contact: ContactRecord = {
    id: store.nextObjectId(now),
    role,
    external_id: null,
    email: null,
    email_verified: null,
    phone: null,
    name: null,
    avatar: null,
    owner_id: null,
    has_hard_bounced: false,
    marked_email_as_spam: false,
    unsubscribed_from_emails: false,
    created_at: now,
    updated_at: now,
    signed_up_at: null,
    last_seen_at: null,
    last_replied_at: null,
    last_contacted_at: null,
    last_email_opened_at: null,
    last_email_clicked_at: null,
    browser: null,
    os: null,
    location: { country: null, region: null, city: null },
    custom_attributes: {},
    tag_ids: [],
    company_ids: [],
  }
  applyContactChanges(contact, { ...changes, role })
  store.data.contacts.push(contact)
  store.touch()
  return ok(renderContact(store, contact))
}

/** A user by external_id (leads have none that Intercom looks up); the sandbox has no merges. */
function findByExternalId({ params, query, store }: SandboxRequest) {
  const history = query.get('include_merge_history')
  if (history !== null && history !== 'true' && history !== 'false') throw invalid('include_merge_history', 'must be true or false')
  const externalId = params.external_id ?? ''
  const contact = store.data.contacts.find((candidate) => candidate.role === 'user' && candidate.external_id === externalId)
  if (!contact) throw contactNotFound()
  return ok(renderContact(store, contact))
}

function updateContact({ params, body: raw, store }: SandboxRequest) {
  const contact = store.requireContact(params.contact_id ?? '')
  const body = objectBody(raw, CONTACT_WRITABLE)
  const changes = readContactChanges(store, body)
  const role = changes.role ?? contact.role
  const email = changes.email === undefined ? contact.email : changes.email
  const externalId = changes.external_id === undefined ? contact.external_id : changes.external_id
  const existing = conflictingUser(store, role, email, externalId, contact.id)
  if (existing) throw conflict(existing)
  applyContactChanges(contact, changes)
  contact.updated_at = store.now()
  store.touch()
  return ok(renderContact(store, contact))
}

function deleteContact({ params, store }: SandboxRequest) {
  const contact = store.requireContact(params.contact_id ?? '')
  const { data } = store
  data.contacts = data.contacts.filter((candidate) => candidate.id !== contact.id)
  data.notes = data.notes.filter((note) => note.contact_id !== contact.id)
  store.touch()
  return ok({ type: 'contact', id: contact.id, external_id: contact.external_id, deleted: true })
}

/** Newest first; the id breaks ties so that the order (and the cursor) is total. */
const newestFirst = (contact: ContactRecord): SortKey => [contact.created_at, contact.id]

function listContacts({ query, store }: SandboxRequest) {
  const perPage = queryInt(query, 'per_page', 1, CONTACTS_PER_PAGE.max) ?? CONTACTS_PER_PAGE.default
  const startingAfter = query.get('starting_after') || undefined
  const sorted = sortBy(store.data.contacts.filter((contact) => contact.archived !== true), newestFirst, [true, true])
  const page = cursorPage(sorted, newestFirst, [true, true], perPage, startingAfter)
  return ok({ type: 'list', data: page.items.map((contact) => renderContact(store, contact)), total_count: page.totalCount, pages: page.pages })
}

/** Reads `pagination{per_page, starting_after}` of a search body. */
export function readPagination(
  body: Record<string, unknown>,
  limits: { default: number; max: number },
): { perPage: number; startingAfter: string | undefined } {
  const pagination = obj(body, 'pagination')
  if (!pagination) return { perPage: limits.default, startingAfter: undefined }
  only(pagination, ['per_page', 'starting_after'], 'pagination.')
  const perPage = int(pagination, 'per_page', 'pagination.per_page') ?? limits.default
  if (perPage < 1 || perPage > limits.max) throw invalid('pagination.per_page', `must be between 1 and ${limits.max}`)
  const startingAfter = strOrNull(pagination, 'starting_after', 'pagination.starting_after') ?? undefined
  return { perPage, startingAfter: startingAfter === '' ? undefined : startingAfter }
}

function searchContacts({ body: raw, store }: SandboxRequest) {
  const body = objectBody(raw, ['query', 'pagination', 'sort'])
  if (body.query === undefined) throw new ApiError(400, 'parameter_not_found', 'query is required', 'query')
  const lookup = (name: string) => contactField(store, name)
  const matches = compileQuery(body.query, lookup)
  const sort = readSort(body.sort, lookup)
  const { perPage, startingAfter } = readPagination(body, CONTACTS_PER_PAGE)
  const key = sort
    ? (contact: ContactRecord): SortKey => [sort.spec.get(contact) as SortKey[number] ?? null, contact.id]
    : newestFirst
  const descending = sort ? [sort.descending, sort.descending] : [true, true]
  const sorted = sortBy(store.data.contacts.filter((contact) => contact.archived !== true && matches(contact)), key, descending)
  const page = cursorPage(sorted, key, descending, perPage, startingAfter, 'pagination.starting_after')
  return ok({ type: 'list', data: page.items.map((contact) => renderContact(store, contact)), total_count: page.totalCount, pages: page.pages })
}
