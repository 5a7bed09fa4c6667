/** The searchable fields of a ticket (POST /tickets/search), after Intercom's table for 2.16. */
import type { FieldSpec, FieldType } from '../search'
import type { Store } from '../store'
import type { TicketRecord, TicketTypeAttributeRecord } from '../types'

const field = (type: FieldType, get: (ticket: TicketRecord) => unknown): FieldSpec<TicketRecord> => ({ type, get })

/** Intercom searches categories by these terms, not by the category names. */
const CATEGORY_TERMS: Record<string, string> = { Customer: 'request', 'Back-office': 'task', Tracker: 'tracker' }

const ATTRIBUTE_TYPES: Record<TicketTypeAttributeRecord['data_type'], FieldType> = {
  string: 'string',
  list: 'string',
  integer: 'integer',
  decimal: 'float',
  boolean: 'boolean',
  datetime: 'timestamp',
}

/** Admins who wrote a part of the ticket. */
function teammates(ticket: TicketRecord): string[] {
  return [...new Set(ticket.parts.filter((part) => part.author.type === 'admin').map((part) => part.author.id))]
}

export function ticketField(store: Store, name: string): FieldSpec<TicketRecord> | undefined {
  const state = (ticket: TicketRecord) =>
    store.ticketType(ticket.ticket_type_id)?.states.find((candidate) => candidate.id === ticket.ticket_state_id)?.category ?? null
  switch (name) {
    case 'id':
      return field('string', (ticket) => ticket.id)
    case 'created_at':
      return field('timestamp', (ticket) => ticket.created_at)
    case 'updated_at':
      return field('timestamp', (ticket) => ticket.updated_at)
    case 'title':
      return field('string', (ticket) => ticket.ticket_attributes._default_title_ ?? null)
    case 'description':
      return field('string', (ticket) => ticket.ticket_attributes._default_description_ ?? null)
    case 'category':
      return field('string', (ticket) => CATEGORY_TERMS[store.ticketType(ticket.ticket_type_id)?.category ?? ''] ?? null)
    case 'ticket_type_id':
      return field('string', (ticket) => ticket.ticket_type_id)
    case 'contact_ids':
      return field('list', (ticket) => ticket.contact_ids)
    case 'teammate_ids':
      return field('list', teammates)
    case 'admin_assignee_id':
      return field('string', (ticket) => String(ticket.admin_assignee_id))
    case 'team_assignee_id':
      return field('string', (ticket) => String(ticket.team_assignee_id))
    case 'open':
      return field('boolean', (ticket) => ticket.open)
    case 'state':
      return field('string', state)
    case 'snoozed_until':
      return field('timestamp', (ticket) => ticket.snoozed_until)
  }
  const match = /^ticket_attribute\.(.+)$/.exec(name)
  if (!match) return undefined
  const attributeId = match[1]
  const attributes = store.data.ticket_types.flatMap((type) => type.attributes).filter((attribute) => attribute.id === attributeId)
  const first = attributes[0]
  if (!first) return undefined
  return field(ATTRIBUTE_TYPES[first.data_type], (ticket) => ticket.ticket_attributes[first.name] ?? null)
}
