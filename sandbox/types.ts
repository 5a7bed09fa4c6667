/**
 * The sandbox's workspace state: plain JSON records, so that the whole state can be written to
 * a file and read back. Responses are rendered from these records (see render.ts); records keep
 * relations as ids.
 */

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
/** A JSON object. */
export type JsonObject = { [key: string]: Json }

export interface AppRecord {
  id_code: string
  name: string
  created_at: number
  timezone: string
  region: string
}

export interface AdminRecord {
  id: string
  name: string
  email: string
  job_title: string
  away_mode_enabled: boolean
  away_mode_reassign: boolean
  has_inbox_seat: boolean
  team_ids: number[]
  avatar: string | null
}

export interface TeamRecord {
  id: string
  name: string
  admin_ids: number[]
}

export interface TagRecord {
  id: string
  name: string
  created_at: number
}

/** A workspace data attribute that contacts may carry under custom_attributes. */
export interface DataAttributeRecord {
  name: string
  data_type: 'string' | 'integer' | 'float' | 'boolean' | 'date'
  /** Whose attribute it is; absent (data files written before it existed) means a contact's. */
  model?: 'contact' | 'company'
  /** Archived attributes are listed only with include_archived=true. */
  archived?: boolean
}

export interface ContactRecord {
  id: string
  role: 'user' | 'lead'
  external_id: string | null
  email: string | null
  email_verified: boolean | null
  phone: string | null
  name: string | null
  avatar: string | null
  owner_id: string | null
  has_hard_bounced: boolean
  marked_email_as_spam: boolean
  unsubscribed_from_emails: boolean
  created_at: number
  updated_at: number
  signed_up_at: number | null
  last_seen_at: number | null
  last_replied_at: number | null
  last_contacted_at: number | null
  last_email_opened_at: number | null
  last_email_clicked_at: number | null
  browser: string | null
  os: string | null
  location: { country: string | null; region: string | null; city: string | null }
  custom_attributes: JsonObject
  tag_ids: string[]
  company_ids: string[]
  /** Set by POST /contacts/{id}/archive; archived contacts leave lists and searches. */
  archived?: boolean
}

export interface NoteRecord {
  id: string
  contact_id: string
  author_id: string
  body: string
  created_at: number
}

export interface CompanyRecord {
  id: string
  company_id: string
  name: string | null
  plan: { id: string; name: string } | null
  size: number | null
  website: string | null
  industry: string | null
  monthly_spend: number
  session_count: number
  custom_attributes: JsonObject
  remote_created_at: number | null
  created_at: number
  updated_at: number
  last_request_at: number | null
  tag_ids: string[]
}

/** Who wrote a conversation part or message. */
export interface AuthorRef {
  type: 'admin' | 'user' | 'lead' | 'bot' | 'team'
  id: string
}

export interface PartRecord {
  id: string
  part_type: string
  body: string | null
  created_at: number
  author: AuthorRef
  assigned_to: { type: 'admin' | 'team' | 'nobody_admin'; id: string | null } | null
  attachment_urls: string[]
  state: 'open' | 'closed' | 'snoozed'
  /** Set by POST /conversations/redact. */
  redacted?: boolean
}

export interface ConversationTagRecord {
  id: string
  applied_at: number
  applied_by: AuthorRef
}

export interface ConversationRecord {
  id: string
  created_at: number
  updated_at: number
  waiting_since: number | null
  snoozed_until: number | null
  state: 'open' | 'closed' | 'snoozed'
  read: boolean
  priority: 'none' | 'low' | 'medium' | 'high' | 'urgent'
  admin_assignee_id: number
  team_assignee_id: number
  title: string | null
  source: {
    type: 'conversation' | 'email'
    id: string
    delivered_as: 'customer_initiated' | 'admin_initiated'
    subject: string
    body: string
    author: AuthorRef
    attachment_urls: string[]
    /** Set by POST /conversations/redact. */
    redacted?: boolean
  }
  contact_ids: string[]
  teammate_ids: string[]
  tags: ConversationTagRecord[]
  parts: PartRecord[]
  ticket_ids: string[]
  /** Set by PUT /conversations/{id}; absent in data files written before it existed. */
  custom_attributes?: JsonObject
  /** The company (Intercom id) PUT /conversations/{id} associated; absent = none. */
  company_id?: string | null
  /**
   * The contact's rating, set by the sandbox-only `POST /sandbox/conversations/{id}/rating`
   * (Intercom's REST API cannot rate); absent or null = not rated.
   */
  rating?: ConversationRatingRecord | null
}

/** A conversation's rating, as a contact gives it in the Messenger. */
export interface ConversationRatingRecord {
  score: number
  remark: string | null
  created_at: number
  updated_at: number
  contact_id: string
  /** The teammate rated: the admin assignee when the rating came, else the token's admin. */
  admin_id: string
}

export interface TicketTypeAttributeRecord {
  id: string
  name: string
  description: string
  data_type: 'string' | 'list' | 'integer' | 'decimal' | 'boolean' | 'datetime'
  /** For `list` attributes: the options a value must be one of. */
  list_options: Array<{ id: string; label: string }> | null
  multiline: boolean
  order: number
  required_to_create: boolean
  default: boolean
}

export interface TicketStateRecord {
  id: string
  category: 'submitted' | 'in_progress' | 'waiting_on_customer' | 'resolved'
  internal_label: string
  external_label: string
}

export interface TicketTypeRecord {
  id: string
  name: string
  description: string
  icon: string
  category: 'Customer' | 'Back-office' | 'Tracker'
  created_at: number
  updated_at: number
  attributes: TicketTypeAttributeRecord[]
  states: TicketStateRecord[]
}

export interface TicketPartRecord {
  id: string
  part_type: string
  body: string | null
  created_at: number
  author: AuthorRef
  previous_ticket_state: TicketStateRecord['category'] | null
  ticket_state: TicketStateRecord['category'] | null
  assigned_to: { type: 'admin' | 'team' | 'nobody_admin'; id: string | null } | null
  /** Replies' attachments; absent in data files written before replies existed. */
  attachment_urls?: string[]
}

export interface TicketRecord {
  id: string
  ticket_id: string
  ticket_type_id: string
  ticket_attributes: JsonObject
  ticket_state_id: string
  previous_ticket_state_id: string | null
  contact_ids: string[]
  company_id: string | null
  admin_assignee_id: number
  team_assignee_id: number
  created_at: number
  updated_at: number
  open: boolean
  snoozed_until: number | null
  is_shared: boolean
  conversation_ids: string[]
  parts: TicketPartRecord[]
}

/** A help center article (read-only in the sandbox: seeded, searched and read). */
export interface ArticleRecord {
  id: string
  title: string
  description: string
  body: string
  author_id: string
  state: 'published' | 'draft'
  created_at: number
  updated_at: number
  views: number
}

export interface EventRecord {
  event_name: string
  created_at: number
  contact_id: string
  metadata: JsonObject
}

/** Numeric id sequences, one per kind of object. */
export interface Counters {
  admin: number
  team: number
  tag: number
  conversation: number
  message: number
  part: number
  note: number
  ticket: number
  ticket_number: number
  ticket_type: number
  ticket_attribute: number
  ticket_state: number
  plan: number
}

/** Everything the sandbox knows: the whole workspace, as saved to the `data` file. */
export interface SandboxData {
  seed: number
  /** The state of the id generator, so that ids stay deterministic across restarts. */
  rng: number
  counters: Counters
  app: AppRecord
  admins: AdminRecord[]
  teams: TeamRecord[]
  tags: TagRecord[]
  data_attributes: DataAttributeRecord[]
  contacts: ContactRecord[]
  notes: NoteRecord[]
  companies: CompanyRecord[]
  conversations: ConversationRecord[]
  ticket_types: TicketTypeRecord[]
  tickets: TicketRecord[]
  events: EventRecord[]
  /** Help center articles; absent in data files written before they existed (none then). */
  articles?: ArticleRecord[]
}
