/**
 * Records → Intercom 2.16 response bodies: workspace, contacts, companies (conversations and
 * tickets are in render-conversations.ts and render-tickets.ts). Every shape is checked against
 * the OpenAPI 2.16 response schema in spec.test.ts.
 */
import type { Store } from './store'
import type { AdminRecord, AuthorRef, CompanyRecord, ContactRecord, JsonObject, NoteRecord, TagRecord, TeamRecord } from './types'

/** Plain text as Intercom stores a body: HTML is kept, anything else becomes one paragraph. */
export function asHtml(text: string): string {
  const trimmed = text.trim()
  if (trimmed.startsWith('<')) return trimmed
  const escaped = trimmed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  return `<p>${escaped.replace(/\n/g, '<br>')}</p>`
}

/** How many related objects a contact lists inline (Intercom shows the first 10 and `has_more`). */
const INLINE_LIMIT = 10

export function renderAdmin(admin: AdminRecord): JsonObject {
  return {
    type: 'admin',
    id: admin.id,
    name: admin.name,
    email: admin.email,
    job_title: admin.job_title,
    away_mode_enabled: admin.away_mode_enabled,
    away_mode_reassign: admin.away_mode_reassign,
    away_status_reason_id: null,
    has_inbox_seat: admin.has_inbox_seat,
    team_ids: admin.team_ids,
    avatar: admin.avatar,
    team_priority_level: { primary_team_ids: admin.team_ids, secondary_team_ids: [] },
    role: null,
  }
}

/** GET /me: the token's admin and the workspace. */
export function renderMe(store: Store): JsonObject {
  const admin = store.me()
  const { app } = store.data
  return {
    type: 'admin',
    id: admin.id,
    email: admin.email,
    name: admin.name,
    email_verified: true,
    app: {
      type: 'app',
      id_code: app.id_code,
      name: app.name,
      created_at: app.created_at,
      secure: false,
      identity_verification: false,
      timezone: app.timezone,
      region: app.region,
    },
    avatar: { type: 'avatar', image_url: admin.avatar },
    has_inbox_seat: admin.has_inbox_seat,
  }
}

export function renderTeam(team: TeamRecord): JsonObject {
  return {
    type: 'team',
    id: team.id,
    name: team.name,
    admin_ids: team.admin_ids,
    admin_priority_level: { primary_admin_ids: team.admin_ids, secondary_admin_ids: [] },
    assignment_limit: null,
    distribution_method: 'round_robin',
  }
}

export function renderTag(tag: TagRecord): JsonObject {
  return { type: 'tag', id: tag.id, name: tag.name }
}

function addressableList(kind: string, ids: string[], url: string, itemUrl: (id: string) => string): JsonObject {
  return {
    type: 'list',
    data: ids.slice(0, INLINE_LIMIT).map((id) => ({ type: kind, id, url: itemUrl(id) })),
    url,
    total_count: ids.length,
    has_more: ids.length > INLINE_LIMIT,
  }
}

export function contactRef(contact: Pick<ContactRecord, 'id' | 'external_id'>): JsonObject {
  return { type: 'contact', id: contact.id, external_id: contact.external_id }
}

export function renderContact(store: Store, contact: ContactRecord): JsonObject {
  const base = `/contacts/${contact.id}`
  const noteIds = store.data.notes.filter((note) => note.contact_id === contact.id).map((note) => note.id)
  const email = contact.email ?? ''
  const at = email.indexOf('@')
  return {
    type: 'contact',
    id: contact.id,
    workspace_id: store.data.app.id_code,
    external_id: contact.external_id,
    role: contact.role,
    email,
    email_domain: at >= 0 ? email.slice(at + 1) : '',
    phone: contact.phone,
    name: contact.name,
    avatar: contact.avatar === null ? null : { type: 'avatar', image_url: contact.avatar },
    owner_id: contact.owner_id,
    social_profiles: { type: 'list', data: [] },
    has_hard_bounced: contact.has_hard_bounced,
    marked_email_as_spam: contact.marked_email_as_spam,
    unsubscribed_from_emails: contact.unsubscribed_from_emails,
    created_at: contact.created_at,
    updated_at: contact.updated_at,
    signed_up_at: contact.signed_up_at,
    last_seen_at: contact.last_seen_at,
    last_replied_at: contact.last_replied_at,
    last_contacted_at: contact.last_contacted_at,
    last_email_opened_at: contact.last_email_opened_at,
    last_email_clicked_at: contact.last_email_clicked_at,
    language_override: null,
    browser: contact.browser,
    browser_version: null,
    browser_language: null,
    os: contact.os,
    location: {
      type: 'location',
      country: contact.location.country,
      region: contact.location.region,
      city: contact.location.city,
      country_code: null,
      continent_code: null,
    },
    android_app_name: null,
    android_app_version: null,
    android_device: null,
    android_os_version: null,
    android_sdk_version: null,
    android_last_seen_at: null,
    ios_app_name: null,
    ios_app_version: null,
    ios_device: null,
    ios_os_version: null,
    ios_sdk_version: null,
    ios_last_seen_at: null,
    custom_attributes: contact.custom_attributes,
    tags: addressableList('tag', contact.tag_ids, `${base}/tags`, (id) => `/tags/${id}`),
    notes: addressableList('note', noteIds, `${base}/notes`, (id) => `/notes/${id}`),
    companies: addressableList('company', contact.company_ids, `${base}/companies`, (id) => `/companies/${id}`),
    opted_out_subscription_types: { type: 'list', data: [], url: `${base}/subscriptions`, total_count: 0, has_more: false },
    opted_in_subscription_types: { type: 'list', data: [], url: `${base}/subscriptions`, total_count: 0, has_more: false },
    utm_campaign: null,
    utm_content: null,
    utm_medium: null,
    utm_source: null,
    utm_term: null,
    referrer: null,
    enabled_push_messaging: null,
  }
}

export function renderNote(store: Store, note: NoteRecord): JsonObject {
  const author = store.admin(note.author_id)
  return {
    type: 'note',
    id: note.id,
    created_at: note.created_at,
    contact: { type: 'contact', id: note.contact_id },
    author: author ? renderAdmin(author) : null,
    body: note.body,
  }
}

export function renderCompany(store: Store, company: CompanyRecord): JsonObject {
  const out: JsonObject = {
    type: 'company',
    company_id: company.company_id,
    id: company.id,
    app_id: store.data.app.id_code,
    name: company.name ?? '',
    created_at: company.created_at,
    updated_at: company.updated_at,
    monthly_spend: company.monthly_spend,
    session_count: company.session_count,
    user_count: store.companyContacts(company.id).length,
    tags: {
      type: 'tag.list',
      tags: company.tag_ids.flatMap((id) => {
        const tag = store.tag(id)
        return tag ? [renderTag(tag)] : []
      }),
    },
    segments: { type: 'segment.list', segments: [] },
    plan: company.plan ? { type: 'plan', id: company.plan.id, name: company.plan.name } : {},
    custom_attributes: company.custom_attributes,
  }
  if (company.remote_created_at !== null) out.remote_created_at = company.remote_created_at
  if (company.last_request_at !== null) out.last_request_at = company.last_request_at
  if (company.size !== null) out.size = company.size
  if (company.website !== null) out.website = company.website
  if (company.industry !== null) out.industry = company.industry
  return out
}

/** A part or message author with its name and email, as Intercom shows it. */
export function renderAuthor(store: Store, author: AuthorRef): JsonObject {
  if (author.type === 'admin') {
    const admin = store.admin(author.id)
    return { type: 'admin', id: author.id, name: admin?.name ?? null, email: admin?.email ?? '' }
  }
  if (author.type === 'team') {
    const team = store.team(author.id)
    return { type: 'team', id: author.id, name: team?.name ?? null, email: '' }
  }
  const contact = store.contact(author.id)
  return { type: author.type, id: author.id, name: contact?.name ?? null, email: contact?.email ?? '' }
}
