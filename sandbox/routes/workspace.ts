/** The workspace: GET /me, /admins, /teams; tags; data events. */
import { arr, asJsonObject, id, obj, objectBody, only, required, requiredText, str, timestamp } from '../body'
import { ApiError, companyNotFound, contactNotFound, invalid, missing } from '../errors'
import { renderAdmin, renderMe, renderTag, renderTeam } from '../render'
import { ok, route, type Route, type SandboxRequest } from '../router'
import type { Store } from '../store'
import type { CompanyRecord, JsonObject, TagRecord } from '../types'

/** Intercom keeps the first 10 metadata keys of an event and drops the rest. */
const MAX_EVENT_METADATA = 10

export const workspaceRoutes: Route[] = [
  route('GET', '/me', ({ store }) => ok(renderMe(store))),
  route('GET', '/admins', ({ store }) => ok({ type: 'admin.list', admins: store.data.admins.map(renderAdmin) })),
  route('GET', '/teams', ({ store }) => ok({ type: 'team.list', teams: store.data.teams.map(renderTeam) })),
  route('GET', '/tags', ({ store }) => ok({ type: 'list', data: store.data.tags.map(renderTag) })),
  route('POST', '/tags', createOrUpdateTag),
  route('POST', '/events', createEvent),
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
