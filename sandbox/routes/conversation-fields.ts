/** Shared conversation helpers: attachment checks, searchable fields, creation. */
import { ApiError, invalid } from '../errors'
import { conversationStatistics } from '../render-conversations'
import type { FieldSpec } from '../search'
import type { Store } from '../store'
import type { AuthorRef, ConversationRecord } from '../types'

/** Intercom's limit of attachments per part. */
export const MAX_ATTACHMENTS = 10

/** Checks `attachment_urls`: at most 10 absolute http(s) URLs. */
export function readAttachmentUrls(value: unknown, path = 'attachment_urls'): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw invalid(path, 'must be an array of URLs')
  if (value.length > MAX_ATTACHMENTS) throw invalid(path, `can hold at most ${MAX_ATTACHMENTS} URLs, got ${value.length}`)
  return value.map((item, index) => {
    if (typeof item !== 'string') throw invalid(`${path}[${index}]`, 'must be a URL string')
    let url: URL
    try {
      url = new URL(item)
    } catch {
      throw invalid(`${path}[${index}]`, 'is not a valid URL')
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(`${path}[${index}]`, 'must be an http(s) URL')
    return item
  })
}

/** Checks `attachment_files` ({content_type, data (base64), name}, at most 10); returns stand-in URLs. */
export function readAttachmentFiles(value: unknown, path = 'attachment_files'): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw invalid(path, 'must be an array of files')
  if (value.length > MAX_ATTACHMENTS) throw invalid(path, `can hold at most ${MAX_ATTACHMENTS} files, got ${value.length}`)
  return value.map((item, index) => {
    const at = `${path}[${index}]`
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalid(at, 'must be an object {content_type, data, name}')
    const file = item as Record<string, unknown>
    for (const key of Object.keys(file)) {
      if (!['content_type', 'data', 'name'].includes(key)) throw invalid(`${at}.${key}`, 'is not part of an attachment file')
    }
    for (const key of ['content_type', 'data', 'name']) {
      if (typeof file[key] !== 'string' || file[key] === '') throw new ApiError(400, 'parameter_not_found', `${at}.${key} is required`, `${at}.${key}`)
    }
    if (!/^[A-Za-z0-9+/=\s]+$/.test(file.data as string)) throw invalid(`${at}.data`, 'must be base64')
    return `https://downloads.intercomcdn.com/sandbox/${encodeURIComponent(file.name as string)}`
  })
}

/** Adds an admin to the conversation's teammates. */
export function addTeammate(conversation: ConversationRecord, author: AuthorRef): void {
  if (author.type === 'admin' && !conversation.teammate_ids.includes(author.id)) conversation.teammate_ids.push(author.id)
}

const field = (type: FieldSpec<ConversationRecord>['type'], get: (c: ConversationRecord) => unknown): FieldSpec<ConversationRecord> => ({ type, get })
const stat = (name: string) => (c: ConversationRecord): unknown => conversationStatistics(c)[name] ?? null
const nothing = (): null => null

const CONVERSATION_FIELDS: Record<string, FieldSpec<ConversationRecord>> = {
  id: field('string', (c) => c.id),
  created_at: field('timestamp', (c) => c.created_at),
  updated_at: field('timestamp', (c) => c.updated_at),
  'source.type': field('string', (c) => c.source.type),
  'source.id': field('string', (c) => c.source.id),
  'source.delivered_as': field('string', (c) => c.source.delivered_as),
  'source.subject': field('string', (c) => c.source.subject),
  'source.body': field('text', (c) => c.source.body),
  'source.author.id': field('string', (c) => c.source.author.id),
  'source.author.type': field('string', (c) => c.source.author.type),
  'source.url': field('string', nothing),
  contact_ids: field('list', (c) => c.contact_ids),
  teammate_ids: field('list', (c) => c.teammate_ids),
  admin_assignee_id: field('integer', (c) => c.admin_assignee_id),
  team_assignee_id: field('integer', (c) => c.team_assignee_id),
  channel_initiated: field('string', (c) => (c.source.type === 'email' ? 'email' : 'conversation')),
  open: field('boolean', (c) => c.state !== 'closed'),
  read: field('boolean', (c) => c.read),
  state: field('string', (c) => c.state),
  waiting_since: field('timestamp', (c) => c.waiting_since),
  snoozed_until: field('timestamp', (c) => c.snoozed_until),
  tag_ids: field('list', (c) => c.tags.map((tag) => tag.id)),
  priority: field('string', (c) => c.priority),
  'statistics.time_to_assignment': field('integer', nothing),
  'statistics.time_to_admin_reply': field('integer', nothing),
  'statistics.time_to_first_close': field('integer', nothing),
  'statistics.time_to_last_close': field('integer', nothing),
  'statistics.median_time_to_reply': field('integer', nothing),
  'statistics.first_contact_reply_at': field('timestamp', stat('first_contact_reply_at')),
  'statistics.first_assignment_at': field('timestamp', stat('first_assignment_at')),
  'statistics.first_admin_reply_at': field('timestamp', stat('first_admin_reply_at')),
  'statistics.first_close_at': field('timestamp', stat('first_close_at')),
  'statistics.last_assignment_at': field('timestamp', stat('last_assignment_at')),
  'statistics.last_assignment_admin_reply_at': field('timestamp', nothing),
  'statistics.last_contact_reply_at': field('timestamp', stat('last_contact_reply_at')),
  'statistics.last_admin_reply_at': field('timestamp', stat('last_admin_reply_at')),
  'statistics.last_close_at': field('timestamp', stat('last_close_at')),
  'statistics.last_closed_by_id': field('string', stat('last_closed_by_id')),
  'statistics.count_reopens': field('integer', stat('count_reopens')),
  'statistics.count_assignments': field('integer', stat('count_assignments')),
  'statistics.count_conversation_parts': field('integer', stat('count_conversation_parts')),
  'conversation_rating.requested_at': field('timestamp', (c) => c.rating?.created_at ?? null),
  'conversation_rating.replied_at': field('timestamp', (c) => c.rating?.updated_at ?? null),
  'conversation_rating.score': field('integer', (c) => c.rating?.score ?? null),
  'conversation_rating.remark': field('string', (c) => c.rating?.remark ?? null),
  'conversation_rating.contact_id': field('string', (c) => c.rating?.contact_id ?? null),
  'conversation_rating.admin_id': field('string', (c) => c.rating?.admin_id ?? null),
  ai_agent_participated: field('boolean', () => false),
  'ai_agent.resolution_state': field('string', nothing),
  'ai_agent.last_answer_type': field('string', nothing),
  'ai_agent.rating': field('integer', nothing),
  'ai_agent.rating_remark': field('string', nothing),
  'ai_agent.source_type': field('string', nothing),
  'ai_agent.source_title': field('string', nothing),
}

export function conversationField(store: Store, name: string): FieldSpec<ConversationRecord> | undefined {
  if (Object.hasOwn(CONVERSATION_FIELDS, name)) return CONVERSATION_FIELDS[name]
  if (name === 'source.author.name') return field('string', (c) => authorProperty(store, c.source.author, 'name'))
  if (name === 'source.author.email') return field('string', (c) => authorProperty(store, c.source.author, 'email'))
  return undefined
}

function authorProperty(store: Store, author: AuthorRef, key: 'name' | 'email'): string | null {
  const record = author.type === 'admin' ? store.admin(author.id) : store.contact(author.id)
  return record?.[key] ?? null
}

/** A new conversation record with no parts. */
export function newConversation(
  store: Store,
  init: Pick<ConversationRecord['source'], 'type' | 'delivered_as' | 'subject' | 'body' | 'author' | 'attachment_urls'> & {
    contactIds: string[]
    createdAt: number
  },
): ConversationRecord {
  const { contactIds, createdAt, ...source } = init
  const conversation: ConversationRecord = {
    id: store.nextId('conversation'),
    created_at: createdAt,
    updated_at: createdAt,
    waiting_since: source.delivered_as === 'customer_initiated' ? createdAt : null,
    snoozed_until: null,
    state: 'open',
    read: source.delivered_as === 'admin_initiated',
    priority: 'none',
    admin_assignee_id: 0,
    team_assignee_id: 0,
    title: null,
    source: { ...source, id: store.nextId('message') },
    contact_ids: contactIds,
    teammate_ids: [],
    tags: [],
    parts: [],
    ticket_ids: [],
  }
  addTeammate(conversation, source.author)
  store.data.conversations.push(conversation)
  store.touch()
  return conversation
}
