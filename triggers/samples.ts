/**
 * Sample notifications for the trigger definitions: the envelope Intercom sends (see the
 * webhook reference) around items shaped like the REST API 2.16 objects. Values are made up.
 */
import type { WebhookNotification } from '../types'

const APP_ID = 'ecahpwf5'
const AT = 1_768_018_948

/** A notification envelope around an item, as Intercom sends it on the first delivery. */
export function sampleNotification(topic: string, item: Record<string, unknown>, id = 'notif_0b1e6c8a-3f4d-4c1e-9a57-2d4b8f6e1c90'): WebhookNotification {
  return {
    type: 'notification_event',
    app_id: APP_ID,
    id,
    topic,
    created_at: AT,
    first_sent_at: AT,
    delivered_at: 0,
    delivery_attempts: 1,
    delivery_status: 'pending',
    links: {},
    self: null,
    data: { type: 'notification_event_data', item },
  }
}

const admin = { type: 'admin', id: '814860', name: 'Ada Park', email: 'ada@example.com' }
const user = { type: 'user', id: '6762f0d51bb69f9f2193bb7f', name: 'Jane Doe', email: 'jane@example.com' }

function part(id: string, partType: string, author: Record<string, unknown>, body: string | null, extra: Record<string, unknown> = {}) {
  return {
    type: 'conversation_part',
    id,
    part_type: partType,
    body,
    created_at: AT,
    updated_at: AT,
    notified_at: AT,
    assigned_to: null,
    author,
    attachments: [],
    external_id: null,
    redacted: false,
    ...extra,
  }
}

/** A conversation item, with the parts the notification is about. */
export function sampleConversation(overrides: Record<string, unknown> = {}, parts: unknown[] = []): Record<string, unknown> {
  return {
    type: 'conversation',
    id: '2154',
    title: null,
    created_at: AT - 600,
    updated_at: AT,
    waiting_since: AT,
    snoozed_until: null,
    open: true,
    state: 'open',
    read: false,
    priority: 'not_priority',
    admin_assignee_id: null,
    team_assignee_id: null,
    tags: { type: 'tag.list', tags: [] },
    source: {
      type: 'conversation',
      id: '403918316',
      delivered_as: 'customer_initiated',
      subject: '',
      body: '<p>Hi, my invoice shows the wrong amount.</p>',
      author: user,
      attachments: [],
      url: null,
      redacted: false,
    },
    contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: user.id, external_id: 'cus_1042' }] },
    teammates: { type: 'admin.list', teammates: [] },
    conversation_parts: { type: 'conversation_part.list', conversation_parts: parts, total_count: parts.length },
    custom_attributes: {},
    ...overrides,
  }
}

export const sampleParts = {
  userReply: part('31714', 'comment', user, '<p>Any news on this?</p>'),
  adminReply: part('31715', 'comment', admin, '<p>We have corrected the invoice.</p>'),
  assignment: part('31716', 'assignment', admin, null, { assigned_to: { type: 'admin', id: '814860' } }),
  close: part('31717', 'close', admin, '<p>Closing: solved.</p>'),
  open: part('31718', 'open', admin, null),
  snoozed: part('31719', 'snoozed', admin, null),
}

export const sampleAuthors = { admin, user }

/** A contact item as contact webhooks send it (times as ISO-8601 text, which the triggers turn into unix seconds). */
export function sampleContact(role: 'user' | 'lead' = 'user', overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'contact',
    id: user.id,
    workspace_id: APP_ID,
    external_id: role === 'user' ? 'cus_1042' : null,
    role,
    email: 'jane@example.com',
    phone: null,
    name: 'Jane Doe',
    avatar: null,
    owner_id: null,
    social_profiles: { type: 'list', data: [] },
    has_hard_bounced: false,
    marked_email_as_spam: false,
    unsubscribed_from_emails: false,
    created_at: '2026-01-10T04:22:28.000Z',
    updated_at: '2026-01-10T04:22:28.000Z',
    signed_up_at: role === 'user' ? '2026-01-10T04:22:28.000Z' : null,
    last_seen_at: null,
    last_replied_at: null,
    last_contacted_at: null,
    last_email_opened_at: null,
    last_email_clicked_at: null,
    language_override: null,
    browser: null,
    browser_version: null,
    browser_language: null,
    os: null,
    location: { type: 'location', country: 'Germany', region: 'Berlin', city: 'Berlin', country_code: 'DEU', continent_code: 'EU' },
    custom_attributes: { plan: 'pro' },
    tags: { type: 'list', data: [], url: `/contacts/${user.id}/tags`, total_count: 0, has_more: false },
    notes: { type: 'list', data: [], url: `/contacts/${user.id}/notes`, total_count: 0, has_more: false },
    companies: { type: 'list', data: [], url: `/contacts/${user.id}/companies`, total_count: 0, has_more: false },
    ...overrides,
  }
}

export const sampleTag = { type: 'tag', id: '7522907', name: 'VIP' }

export function sampleCompany(): Record<string, unknown> {
  return {
    type: 'company',
    id: '6762f07f1bb69f9f2193baf5',
    app_id: APP_ID,
    company_id: 'acme-7',
    name: 'Acme GmbH',
    website: 'https://acme.example',
    industry: 'Manufacturing',
    size: 120,
    monthly_spend: 499,
    session_count: 0,
    user_count: 0,
    plan: {},
    created_at: AT,
    updated_at: AT,
    remote_created_at: null,
    last_request_at: null,
    custom_attributes: {},
    tags: { type: 'tag.list', tags: [] },
    segments: { type: 'segment.list', segments: [] },
  }
}

export function sampleTicket(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'ticket',
    id: '626',
    ticket_id: '38',
    category: 'Customer',
    ticket_type: { type: 'ticket_type', id: '12', name: 'Bug report', description: 'A defect a customer reports', category: 'Customer' },
    ticket_attributes: { _default_title_: 'Export fails', _default_description_: 'CSV export times out for large workspaces' },
    ticket_state: { type: 'ticket_state', id: '7', category: 'submitted', internal_label: 'Submitted', external_label: 'Submitted' },
    previous_ticket_state_id: null,
    created_at: AT,
    updated_at: AT,
    contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: user.id, external_id: 'cus_1042' }] },
    admin_assignee_id: 0,
    team_assignee_id: 0,
    is_shared: true,
    open: true,
    snoozed_until: null,
    linked_objects: { type: 'list', data: [], total_count: 0, has_more: false },
    ticket_parts: { type: 'ticket_part.list', ticket_parts: [], total_count: 0 },
    ...overrides,
  }
}
