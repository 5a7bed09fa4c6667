/** The writable fields of a contact (create and update) and the searchable ones. */
import { bool, boolOrNull, id as readId, objOrNull, str, strOrNull, timestampOrNull, type Body } from '../body'
import { ApiError, invalid } from '../errors'
import type { FieldSpec } from '../search'
import type { Store } from '../store'
import type { ContactRecord, JsonObject } from '../types'

export const CONTACT_WRITABLE = [
  'role',
  'external_id',
  'email',
  'email_verified',
  'phone',
  'name',
  'avatar',
  'signed_up_at',
  'last_seen_at',
  'owner_id',
  'unsubscribed_from_emails',
  'custom_attributes',
] as const

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The fields a request sets; undefined = not given. */
export interface ContactChanges {
  role?: 'user' | 'lead'
  external_id?: string | null
  email?: string | null
  email_verified?: boolean | null
  phone?: string | null
  name?: string | null
  avatar?: string | null
  signed_up_at?: number | null
  last_seen_at?: number | null
  owner_id?: string | null
  unsubscribed_from_emails?: boolean
  custom_attributes?: JsonObject | null
}

function checkCustomAttributes(store: Store, attributes: Body): JsonObject {
  const out: JsonObject = {}
  for (const [name, value] of Object.entries(attributes)) {
    const attribute = store.data.data_attributes.find((candidate) => candidate.name === name)
    if (!attribute) {
      throw new ApiError(400, 'parameter_not_found', `Custom attribute '${name}' does not exist`, `custom_attributes.${name}`)
    }
    const path = `custom_attributes.${name}`
    if (value === null) {
      out[name] = null
      continue
    }
    const fits =
      attribute.data_type === 'string'
        ? typeof value === 'string'
        : attribute.data_type === 'boolean'
          ? typeof value === 'boolean'
          : attribute.data_type === 'float'
            ? typeof value === 'number' && Number.isFinite(value)
            : typeof value === 'number' && Number.isSafeInteger(value)
    if (!fits) throw invalid(path, `must be a ${attribute.data_type === 'date' ? 'unix timestamp' : attribute.data_type}`)
    out[name] = value as string | number | boolean
  }
  return out
}

/** Reads and checks the contact fields of a create or update body. */
export function readContactChanges(store: Store, body: Body): ContactChanges {
  const changes: ContactChanges = {}
  const role = str(body, 'role')
  if (role !== undefined) {
    if (role !== 'user' && role !== 'lead') throw invalid('role', "must be 'user' or 'lead'")
    changes.role = role
  }
  const externalId = strOrNull(body, 'external_id')
  if (externalId !== undefined) changes.external_id = externalId === '' ? null : externalId
  const email = strOrNull(body, 'email')
  if (email !== undefined) {
    if (email !== null && email !== '' && !EMAIL.test(email)) throw invalid('email', 'is not a valid email address')
    changes.email = email === '' ? null : email
  }
  const emailVerified = boolOrNull(body, 'email_verified')
  if (emailVerified !== undefined) changes.email_verified = emailVerified
  for (const key of ['phone', 'name', 'avatar'] as const) {
    const value = strOrNull(body, key)
    if (value !== undefined) changes[key] = value
  }
  if (changes.avatar) {
    try {
      new URL(changes.avatar)
    } catch {
      throw invalid('avatar', 'must be the URL of an image')
    }
  }
  for (const key of ['signed_up_at', 'last_seen_at'] as const) {
    const value = timestampOrNull(body, key)
    if (value !== undefined) changes[key] = value
  }
  const ownerId = body.owner_id === null ? null : readId(body, 'owner_id')
  if (ownerId !== undefined) {
    if (ownerId !== null && !store.admin(ownerId)) throw invalid('owner_id', `${ownerId} is not an admin of this workspace`)
    changes.owner_id = ownerId
  }
  const unsubscribed = body.unsubscribed_from_emails === null ? undefined : bool(body, 'unsubscribed_from_emails')
  if (unsubscribed !== undefined) changes.unsubscribed_from_emails = unsubscribed
  const custom = objOrNull(body, 'custom_attributes')
  if (custom !== undefined) changes.custom_attributes = custom === null ? null : checkCustomAttributes(store, custom)
  return changes
}

/** Applies changes; custom attributes merge key by key (null clears one). */
export function applyContactChanges(contact: ContactRecord, changes: ContactChanges): void {
  const { custom_attributes: custom, ...plain } = changes
  for (const [key, value] of Object.entries(plain)) {
    if (value !== undefined) (contact as unknown as Record<string, unknown>)[key] = value
  }
  if (custom === null) contact.custom_attributes = {}
  else if (custom !== undefined) {
    for (const [key, value] of Object.entries(custom)) {
      if (value === null) delete contact.custom_attributes[key]
      else contact.custom_attributes[key] = value
    }
  }
}

/**
 * A user that already holds the email or external_id, which makes a create or update a 409.
 * Leads may share an email with anyone; an external_id is unique among users.
 */
export function conflictingUser(store: Store, role: 'user' | 'lead', email: string | null, externalId: string | null, self?: string): ContactRecord | undefined {
  return store.data.contacts.find((other) => {
    if (other.id === self || other.role !== 'user') return false
    if (externalId !== null && other.external_id === externalId) return true
    return role === 'user' && email !== null && other.email?.toLowerCase() === email.toLowerCase()
  })
}

export function conflict(existing: ContactRecord): ApiError {
  return new ApiError(409, 'conflict', `A contact matching those details already exists with id=${existing.id}`)
}

const field = <T>(type: FieldSpec<T>['type'], get: (record: T) => unknown): FieldSpec<T> => ({ type, get })
const nothing = (): null => null

const CONTACT_FIELDS: Record<string, FieldSpec<ContactRecord>> = {
  id: field('string', (c) => c.id),
  role: field('string', (c) => c.role),
  name: field('string', (c) => c.name),
  avatar: field('string', (c) => c.avatar),
  owner_id: field('string', (c) => c.owner_id),
  email: field('string', (c) => c.email),
  email_domain: field('string', (c) => (c.email?.includes('@') ? c.email.slice(c.email.indexOf('@') + 1) : null)),
  phone: field('string', (c) => c.phone),
  formatted_phone: field('string', (c) => c.phone),
  external_id: field('string', (c) => c.external_id),
  created_at: field('date', (c) => c.created_at),
  signed_up_at: field('date', (c) => c.signed_up_at),
  updated_at: field('date', (c) => c.updated_at),
  last_seen_at: field('date', (c) => c.last_seen_at),
  last_contacted_at: field('date', (c) => c.last_contacted_at),
  last_replied_at: field('date', (c) => c.last_replied_at),
  last_email_opened_at: field('date', (c) => c.last_email_opened_at),
  last_email_clicked_at: field('date', (c) => c.last_email_clicked_at),
  language_override: field('string', nothing),
  browser: field('string', (c) => c.browser),
  browser_language: field('string', nothing),
  os: field('string', (c) => c.os),
  'location.country': field('string', (c) => c.location.country),
  'location.region': field('string', (c) => c.location.region),
  'location.city': field('string', (c) => c.location.city),
  unsubscribed_from_emails: field('boolean', (c) => c.unsubscribed_from_emails),
  marked_email_as_spam: field('boolean', (c) => c.marked_email_as_spam),
  has_hard_bounced: field('boolean', (c) => c.has_hard_bounced),
  ios_last_seen_at: field('date', nothing),
  ios_app_version: field('string', nothing),
  ios_device: field('string', nothing),
  ios_app_device: field('string', nothing),
  ios_os_version: field('string', nothing),
  ios_app_name: field('string', nothing),
  ios_sdk_version: field('string', nothing),
  android_last_seen_at: field('date', nothing),
  android_app_version: field('string', nothing),
  android_device: field('string', nothing),
  android_app_name: field('string', nothing),
  andoid_sdk_version: field('string', nothing),
  android_sdk_version: field('string', nothing),
  segment_id: field('list', () => []),
  tag_id: field('tag', (c) => c.tag_ids),
}

/** The searchable contact fields, custom attributes included (typed by the workspace). */
export function contactField(store: Store, name: string): FieldSpec<ContactRecord> | undefined {
  if (Object.hasOwn(CONTACT_FIELDS, name)) return CONTACT_FIELDS[name]
  if (!name.startsWith('custom_attributes.')) return undefined
  const attributeName = name.slice('custom_attributes.'.length)
  const attribute = store.data.data_attributes.find((candidate) => candidate.name === attributeName)
  if (!attribute) return undefined
  const get = (contact: ContactRecord): unknown => contact.custom_attributes[attributeName] ?? null
  return field(attribute.data_type, get)
}
