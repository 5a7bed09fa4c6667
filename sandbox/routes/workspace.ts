/** The workspace: GET /me, /admins, /teams; tags; data events. */
import { arr, asJsonObject, id, obj, objectBody, only, queryInt, required, requiredText, str, timestamp } from '../body'
import { ApiError, companyNotFound, contactNotFound, invalid, missing, notFound } from '../errors'
import { renderAdmin, renderMe, renderTag, renderTeam } from '../render'
import { ok, route, type Route, type SandboxRequest } from '../router'
import type { Store } from '../store'
import type { CompanyRecord, ContactRecord, EventRecord, JsonObject, TagRecord } from '../types'

/** Intercom keeps the first 10 metadata keys of an event and drops the rest. */
const MAX_EVENT_METADATA = 10

export const workspaceRoutes: Route[] = [
  route('GET', '/me', ({ store }) => ok(renderMe(store))),
  route('GET', '/admins', ({ store }) => ok({ type: 'admin.list', admins: store.data.admins.map(renderAdmin) })),
  route('GET', '/admins/{admin_id}', ({ params, store }) => {
    const admin = store.admin(params.admin_id ?? '')
    if (!admin) throw notFound('admin_not_found', 'Admin not found')
    return ok(renderAdmin(admin))
  }),
  route('GET', '/teams', ({ store }) => ok({ type: 'team.list', teams: store.data.teams.map(renderTeam) })),
  route('GET', '/tags', ({ store }) => ok({ type: 'list', data: store.data.tags.map(renderTag) })),
  route('POST', '/tags', createOrUpdateTag),
  route('GET', '/tags/{tag_id}', ({ params, store }) => ok(renderTag(store.requireTag(params.tag_id ?? '')))),
  route('POST', '/events', createEvent),
  route('GET', '/events', listEvents),
]

function findOrCreateTag(store: Store, name: string): TagRecord {
  const existing = store.data.tags.find((tag) => tag.name === name)
  if (existing) return existing
  const tag: TagRecord = { id: store.nextId('tag'), name, created_at: store.now() }
  store.data.tags.push(tag)
  return tag
}

/** POST /tags: create (or find by name), rename with `id`, tag or untag companies, tag users. */
function createOrUpdateTag({ body: raw, store }: SandboxRequest) {
  const body = objectBody(raw, ['name', 'id', 'companies', 'users'])
  const name = requiredText(str(body, 'name'), 'name')
  const tagId = id(body, 'id')
  const companies = arr(body, 'companies')
  const users = arr(body, 'users')
  if ([tagId, companies, users].filter((value) => value !== undefined).length > 1) {
    throw new ApiError(400, 'parameter_invalid', 'invalid tag parameters: give only one of id, companies or users')
  }

  if (tagId !== undefined) {
    const tag = store.requireTag(tagId)
    if (tag.name !== name) {
      tag.name = name
      store.touch()
    }
    return ok(renderTag(tag))
  }

  if (companies !== undefined) {
    if (companies.length === 0) throw invalid('companies', 'must not be empty')
    const targets = companies.map((item, index) => {
      const path = `companies[${index}]`
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalid(path, 'must be an object')
      const entry = only(item as Record<string, unknown>, ['id', 'company_id', 'untag'], `${path}.`)
      const byId = id(entry, 'id', `${path}.id`)
      const byCompanyId = str(entry, 'company_id', `${path}.company_id`)
      const untag = entry.untag
      if (untag !== undefined && typeof untag !== 'boolean') throw invalid(`${path}.untag`, 'must be true or false')
      let company: CompanyRecord | undefined
      if (byId !== undefined) company = store.company(byId)
      else if (byCompanyId !== undefined) company = store.data.companies.find((candidate) => candidate.company_id === byCompanyId)
      else throw missing(`${path}.id`)
      if (!company) throw companyNotFound()
      return { company, untag: untag === true }
    })
    const tag = findOrCreateTag(store, name)
    for (const { company, untag } of targets) {
      company.tag_ids = company.tag_ids.filter((candidate) => candidate !== tag.id)
      if (!untag) company.tag_ids.push(tag.id)
    }
    store.touch()
    return ok({ ...renderTag(tag), companies: targets.map(({ company, untag }) => ({ id: company.id, tagged: !untag })) })
  }

  if (users !== undefined) {
    if (users.length === 0) throw invalid('users', 'must not be empty')
    const contacts = users.map((item, index) => {
      const path = `users[${index}]`
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalid(path, 'must be an object')
      const entry = only(item as Record<string, unknown>, ['id'], `${path}.`)
      const contact = store.contact(required(id(entry, 'id', `${path}.id`), `${path}.id`))
      if (!contact) throw contactNotFound()
      return contact
    })
    const tag = findOrCreateTag(store, name)
    for (const contact of contacts) {
      if (!contact.tag_ids.includes(tag.id)) contact.tag_ids.push(tag.id)
    }
    store.touch()
    return ok({ ...renderTag(tag), users: contacts.map((contact) => ({ id: contact.id, tagged: true })) })
  }

  return ok(renderTag(findOrCreateTag(store, name)))
}

function isMetadataValue(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true
  if (typeof value !== 'object' || Array.isArray(value)) return false
  const keys = Object.keys(value as object).sort().join(',')
  // Rich links {url, value} and money {amount, currency} are the only nested values Intercom takes.
  return keys === 'url,value' || keys === 'amount,currency'
}

/** POST /events: 202 with no body; the contact is found by id, user_id (external_id) or email. */
function createEvent({ body: raw, store }: SandboxRequest) {
  const body = objectBody(raw, ['event_name', 'created_at', 'user_id', 'id', 'email', 'metadata'])
  const eventName = requiredText(str(body, 'event_name'), 'event_name')
  const createdAt = required(timestamp(body, 'created_at'), 'created_at')
  const contactId = id(body, 'id')
  const userId = str(body, 'user_id')
  const email = str(body, 'email')
  const metadata = obj(body, 'metadata') ?? {}
  for (const [key, value] of Object.entries(metadata)) {
    if (!isMetadataValue(value)) {
      throw invalid(`metadata.${key}`, 'must be a string, number, boolean, a rich link {url, value} or money {amount, currency}')
    }
  }
  if (contactId === undefined && userId === undefined && email === undefined) {
    throw new ApiError(400, 'parameter_not_found', 'one of id, user_id or email is required', 'user_id')
  }
  const contact =
    contactId !== undefined
      ? store.contact(contactId)
      : userId !== undefined
        ? store.data.contacts.find((candidate) => candidate.external_id === userId)
        : store.data.contacts.find((candidate) => candidate.email?.toLowerCase() === email?.toLowerCase())
  if (!contact) throw contactNotFound()
  const duplicate = store.data.events.some(
    (event) => event.contact_id === contact.id && event.event_name === eventName && event.created_at === createdAt,
  )
  if (!duplicate) {
    const kept: JsonObject = asJsonObject(Object.fromEntries(Object.entries(metadata).slice(0, MAX_EVENT_METADATA)))
    store.data.events.push({ event_name: eventName, created_at: createdAt, contact_id: contact.id, metadata: kept })
    store.touch()
  }
  return { status: 202 }
}

/** The contact GET /events names: exactly one of user_id (external_id), intercom_user_id or email. */
function eventsContact(store: Store, query: URLSearchParams): ContactRecord {
  const given = (['user_id', 'intercom_user_id', 'email'] as const).flatMap((name) => {
    const value = query.get(name)
    return value === null ? [] : [{ name, value }]
  })
  if (given.length === 0) throw new ApiError(400, 'parameter_not_found', 'one of user_id, intercom_user_id or email is required', 'user_id')
  if (given.length > 1) throw new ApiError(400, 'parameter_invalid', 'give only one of user_id, intercom_user_id or email', given[1]?.name)
  const [{ name, value }] = given as [{ name: string; value: string }]
  if (value.trim() === '') throw invalid(name, 'must not be empty')
  const contact =
    name === 'intercom_user_id'
      ? store.contact(value)
      : name === 'user_id'
        ? store.data.contacts.find((candidate) => candidate.external_id === value)
        : store.data.contacts.find((candidate) => candidate.email?.toLowerCase() === value.toLowerCase())
  if (!contact) throw contactNotFound()
  return contact
}

const isoTime = (seconds: number): string => new Date(seconds * 1000).toISOString()

/**
 * GET /events?type=user&(user_id|intercom_user_id|email)=…: a contact's events as the 2.16
 * schema (`data_event_summary`) and the SDK type them: one summary item per event name with its
 * count and first/last times, names in order of first use. Intercom answers `event.list` with
 * single events when `summary` is not set; the schema knows only the summary shape, so the
 * sandbox answers that (see the sandbox notes in README).
 */
function listEvents({ query, store }: SandboxRequest) {
  const type = query.get('type')
  if (type === null) throw missing('type')
  if (type !== 'user') throw invalid('type', "must be 'user'")
  const summary = query.get('summary')
  if (summary !== null && summary !== 'true' && summary !== 'false') throw invalid('summary', 'must be true or false')
  // Checked only: a summary has one item per event name, so there is nothing to page.
  queryInt(query, 'per_page', 1, 150)
  const contact = eventsContact(store, query)
  const byName = new Map<string, EventRecord[]>()
  for (const event of store.data.events) {
    if (event.contact_id !== contact.id) continue
    const list = byName.get(event.event_name) ?? []
    list.push(event)
    byName.set(event.event_name, list)
  }
  const events = [...byName.entries()].map(([name, list]) => {
    const times = list.map((event) => event.created_at)
    return { name, first: isoTime(Math.min(...times)), last: isoTime(Math.max(...times)), count: list.length }
  })
  events.sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : a.name < b.name ? -1 : 1))
  const out: JsonObject = { type: 'event.summary', intercom_user_id: contact.id, events }
  if (contact.email !== null) out.email = contact.email
  if (contact.external_id !== null) out.user_id = contact.external_id
  return ok(out)
}
