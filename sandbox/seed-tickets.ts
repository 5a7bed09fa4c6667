/** Seed ticket types (with attributes and states) and tickets. */
import type { Rng } from './random'
import { DAY, SEED_COUNTS, SEED_EPOCH, TICKET_TITLES } from './seed-text'
import type { Store } from './store'
import type { TicketRecord, TicketStateRecord, TicketTypeRecord } from './types'

function ticketStates(store: Store): TicketStateRecord[] {
  return [
    { id: store.nextId('ticket_state'), category: 'submitted', internal_label: 'Submitted', external_label: 'Submitted' },
    { id: store.nextId('ticket_state'), category: 'in_progress', internal_label: 'In progress', external_label: 'In progress' },
    { id: store.nextId('ticket_state'), category: 'waiting_on_customer', internal_label: 'Waiting on customer', external_label: 'Waiting on you' },
    { id: store.nextId('ticket_state'), category: 'resolved', internal_label: 'Resolved', external_label: 'Resolved' },
  ]
}

function defaultAttributes(store: Store): TicketTypeRecord['attributes'] {
  return [
    { id: store.nextId('ticket_attribute'), name: '_default_title_', description: '', data_type: 'string', list_options: null, multiline: false, order: 0, required_to_create: false, default: true },
    { id: store.nextId('ticket_attribute'), name: '_default_description_', description: '', data_type: 'string', list_options: null, multiline: true, order: 1, required_to_create: false, default: true },
  ]
}

export function seedTicketTypes(store: Store): void {
  const createdAt = SEED_EPOCH - 250 * DAY
  const bug: TicketTypeRecord = {
    id: store.nextId('ticket_type'),
    name: 'Bug report',
    description: 'Something in the product does not work',
    icon: '🐞',
    category: 'Customer',
    created_at: createdAt,
    updated_at: createdAt,
    attributes: defaultAttributes(store),
    states: ticketStates(store),
  }
  bug.attributes.push(
    {
      id: store.nextId('ticket_attribute'),
      name: 'severity',
      description: 'How bad it is',
      data_type: 'list',
      list_options: ['Low', 'Medium', 'High', 'Critical'].map((label) => ({ id: store.nextId('ticket_attribute'), label })),
      multiline: false,
      order: 2,
      required_to_create: false,
      default: false,
    },
    { id: store.nextId('ticket_attribute'), name: 'affected_users', description: 'How many users see it', data_type: 'integer', list_options: null, multiline: false, order: 3, required_to_create: false, default: false },
    { id: store.nextId('ticket_attribute'), name: 'reproducible', description: 'Whether support could reproduce it', data_type: 'boolean', list_options: null, multiline: false, order: 4, required_to_create: false, default: false },
  )
  const feature: TicketTypeRecord = {
    id: store.nextId('ticket_type'),
    name: 'Feature request',
    description: 'An idea for the product team',
    icon: '💡',
    category: 'Back-office',
    created_at: createdAt,
    updated_at: createdAt,
    attributes: defaultAttributes(store),
    states: ticketStates(store),
  }
  feature.attributes.push({ id: store.nextId('ticket_attribute'), name: 'area', description: 'Product area', data_type: 'string', list_options: null, multiline: false, order: 2, required_to_create: false, default: false })
  store.data.ticket_types.push(bug, feature)
}

export function seedTickets(store: Store, rng: Rng): void {
  const { data } = store
  const users = data.contacts.filter((contact) => contact.role === 'user')
  for (let index = 0; index < SEED_COUNTS.tickets; index++) {
    const type = data.ticket_types[index % data.ticket_types.length]
    if (!type) continue
    const contact = rng.pick(users)
    const createdAt = SEED_EPOCH - rng.int(DAY, 60 * DAY)
    const state = rng.pick(type.states)
    const admin = rng.chance(0.6) ? rng.pick(data.admins) : undefined
    const attributes: TicketRecord['ticket_attributes'] = {
      _default_title_: TICKET_TITLES[index % TICKET_TITLES.length] ?? 'Ticket',
      _default_description_: 'Reported through the sandbox seed.',
    }
    if (type.name === 'Bug report') attributes.severity = rng.pick(['Low', 'Medium', 'High'])
    const ticket: TicketRecord = {
      id: store.nextId('ticket'),
      ticket_id: store.nextId('ticket_number'),
      ticket_type_id: type.id,
      ticket_attributes: attributes,
      ticket_state_id: state.id,
      previous_ticket_state_id: null,
      contact_ids: [contact.id],
      company_id: contact.company_ids[0] ?? null,
      admin_assignee_id: admin ? Number(admin.id) : 0,
      team_assignee_id: 0,
      created_at: createdAt,
      updated_at: createdAt + 3_600,
      open: state.category !== 'resolved',
      snoozed_until: null,
      is_shared: type.category === 'Customer',
      conversation_ids: [],
      parts: [],
    }
    const conversation = index < 2 ? data.conversations.find((c) => c.contact_ids.includes(contact.id)) : undefined
    if (conversation) {
      ticket.conversation_ids.push(conversation.id)
      conversation.ticket_ids.push(ticket.id)
    }
    data.tickets.push(ticket)
  }
}
