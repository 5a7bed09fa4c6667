/** Contacts: merge a lead into a user, archive and unarchive. */
import { bool, id, objectBody, required } from '../body'
import { ApiError } from '../errors'
import { renderContact } from '../render'
import { ok, route, type Route, type SandboxRequest } from '../router'
import type { ContactRecord } from '../types'

export const contactLifecycleRoutes: Route[] = [
  route('POST', '/contacts/merge', mergeContacts),
  route('POST', '/contacts/{contact_id}/archive', (request) => setArchived(request, true)),
  route('POST', '/contacts/{contact_id}/unarchive', (request) => setArchived(request, false)),
]

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])]

/** Whether two contacts look like the same person: a shared email or phone. */
function duplicates(lead: ContactRecord, user: ContactRecord): boolean {
  const same = (a: string | null, b: string | null) => a !== null && b !== null && a.toLowerCase() === b.toLowerCase()
  return same(lead.email, user.email) || same(lead.phone, user.phone)
}

/**
 * The lead's tags, companies, notes, conversations, tickets and events move to the user, and
 * attributes the user lacks are taken from the lead; the lead is removed (a later GET is a 404).
 */
function mergeContacts({ body: raw, query, store }: SandboxRequest) {
  const history = query.get('include_merge_history')
  if (history !== null && history !== 'true' && history !== 'false') throw new ApiError(400, 'parameter_invalid', 'include_merge_history must be true or false', 'include_merge_history')
  const body = objectBody(raw, ['from', 'into', 'skip_duplicate_validation'])
  const lead = store.requireContact(required(id(body, 'from'), 'from'))
  const user = store.requireContact(required(id(body, 'into'), 'into'))
  const skip = bool(body, 'skip_duplicate_validation') ?? false
  if (lead.id === user.id) throw new ApiError(400, 'invalid_merge', 'A contact cannot be merged into itself', 'into')
  if (lead.role !== 'lead') throw new ApiError(400, 'invalid_merge', 'The contact to merge from must be a lead', 'from')
  if (user.role !== 'user') throw new ApiError(400, 'invalid_merge', 'The contact to merge into must be a user', 'into')
  if (!skip && !duplicates(lead, user)) {
    throw new ApiError(400, 'invalid_merge', 'Contacts can only be merged when they are duplicates (matching email or phone). Pass skip_duplicate_validation=true to override this check.')
  }
  const { data } = store
  user.tag_ids = union(user.tag_ids, lead.tag_ids)
  user.company_ids = union(user.company_ids, lead.company_ids)
  user.custom_attributes = { ...lead.custom_attributes, ...user.custom_attributes }
  for (const key of ['email', 'phone', 'name'] as const) user[key] ??= lead[key]
  for (const note of data.notes) if (note.contact_id === lead.id) note.contact_id = user.id
  for (const event of data.events) if (event.contact_id === lead.id) event.contact_id = user.id
  for (const holder of [...data.conversations, ...data.tickets]) {
    if (holder.contact_ids.includes(lead.id)) holder.contact_ids = union(holder.contact_ids.filter((entry) => entry !== lead.id), [user.id])
  }
  for (const conversation of data.conversations) {
    if (conversation.source.author.id === lead.id) conversation.source.author = { type: 'user', id: user.id }
    for (const part of conversation.parts) if (part.author.id === lead.id) part.author = { type: 'user', id: user.id }
  }
  data.contacts = data.contacts.filter((contact) => contact.id !== lead.id)
  store.merged.set(lead.id, user.id)
  user.updated_at = store.now()
  store.touch()
  return ok(renderContact(store, user))
}

function setArchived({ params, store }: SandboxRequest, archived: boolean) {
  const contact = store.requireContact(params.contact_id ?? '')
  if ((contact.archived === true) !== archived) {
    contact.archived = archived
    contact.updated_at = store.now()
    store.touch()
  }
  return ok({ type: 'contact', id: contact.id, external_id: contact.external_id, archived })
}
