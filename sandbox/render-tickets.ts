/** Ticket types and tickets → Intercom 2.16 response bodies (checked against the spec in spec.test.ts). */
import { contactRef, renderAuthor } from './render'
import { attachments } from './render-conversations'
import type { Store } from './store'
import type { Json, JsonObject, TicketPartRecord, TicketRecord, TicketStateRecord, TicketTypeRecord } from './types'

function renderTicketState(state: TicketStateRecord): JsonObject {
  return {
    type: 'ticket_state',
    id: state.id,
    category: state.category,
    internal_label: state.internal_label,
    external_label: state.external_label,
  }
}

export function renderTicketType(store: Store, type: TicketTypeRecord): JsonObject {
  const workspace = store.data.app.id_code
  return {
    type: 'ticket_type',
    id: type.id,
    name: type.name,
    description: type.description,
    icon: type.icon,
    workspace_id: workspace,
    archived: false,
    created_at: type.created_at,
    updated_at: type.updated_at,
    is_internal: type.category !== 'Customer',
    // The 2.16 schema (ticket_type_attribute_list) and the SDK read the attributes under
    // `ticket_type_attributes`, not `data`.
    ticket_type_attributes: {
      type: 'ticket_type_attributes.list',
      ticket_type_attributes: type.attributes.map((attribute) => ({
        type: 'ticket_type_attribute',
        id: attribute.id,
        workspace_id: workspace,
        name: attribute.name,
        description: attribute.description,
        data_type: attribute.data_type,
        input_options: (attribute.data_type === 'list'
            ? { list_options: (attribute.list_options ?? []).map((option) => ({ id: option.id, label: option.label, archived: false })) }
            : attribute.data_type === 'string'
              ? { multiline: attribute.multiline }
              : {}) as Json,
        order: attribute.order,
        required_to_create: attribute.required_to_create,
        required_to_create_for_contacts: false,
        visible_on_create: true,
        visible_to_contacts: type.category === 'Customer',
        default: attribute.default,
        ticket_type_id: Number(type.id),
        archived: false,
        created_at: type.created_at,
        updated_at: type.updated_at,
      })),
    },
    category: type.category,
    ticket_states: { type: 'list', data: type.states.map(renderTicketState) },
  }
}

/** A ticket part as POST /tickets/{id}/reply answers it (`ticket_reply`). */
export function renderTicketPart(store: Store, part: TicketPartRecord): JsonObject {
  return {
    type: 'ticket_part',
    id: part.id,
    part_type: part.part_type,
    body: part.body,
    created_at: part.created_at,
    updated_at: part.created_at,
    author: renderAuthor(store, part.author),
    attachments: attachments(part.attachment_urls ?? []),
    redacted: false,
  }
}

/** GET /ticket_states: every ticket type's states, each with the type it belongs to. */
export function renderTicketStates(store: Store): JsonObject {
  return {
    type: 'list',
    data: store.data.ticket_types.flatMap((type) =>
      type.states.map((state) => ({
        ...renderTicketState(state),
        archived: false,
        ticket_types: { type: 'list', data: [renderTicketType(store, type)] },
      })),
    ),
  }
}

export function renderTicket(store: Store, ticket: TicketRecord): JsonObject {
  const type = store.ticketType(ticket.ticket_type_id)
  const state = type?.states.find((candidate) => candidate.id === ticket.ticket_state_id)
  const attributes: JsonObject = {}
  for (const attribute of type?.attributes ?? []) attributes[attribute.name] = null
  Object.assign(attributes, ticket.ticket_attributes)
  const out: JsonObject = {
    type: 'ticket',
    id: ticket.id,
    ticket_id: ticket.ticket_id,
    category: type?.category ?? 'Customer',
    ticket_attributes: attributes,
    ticket_state: state ? renderTicketState(state) : null,
    ticket_type: type ? renderTicketType(store, type) : null,
    contacts: {
      type: 'contact.list',
      contacts: ticket.contact_ids.map((id) => contactRef(store.contact(id) ?? { id, external_id: null })),
    },
    admin_assignee_id: ticket.admin_assignee_id,
    team_assignee_id: ticket.team_assignee_id,
    created_at: ticket.created_at,
    updated_at: ticket.updated_at,
    ticket_parts: {
      type: 'ticket_part.list',
      ticket_parts: ticket.parts.map((part) => {
        const rendered: JsonObject = { ...renderTicketPart(store, part), assigned_to: part.assigned_to }
        if (part.previous_ticket_state) rendered.previous_ticket_state = part.previous_ticket_state
        if (part.ticket_state) rendered.ticket_state = part.ticket_state
        return rendered
      }),
      total_count: ticket.parts.length,
    },
    open: ticket.open,
    linked_objects: {
      type: 'list',
      data: ticket.conversation_ids.map((id) => ({ type: 'conversation', id, category: null })),
      total_count: ticket.conversation_ids.length,
      has_more: false,
    },
    is_shared: ticket.is_shared,
    previous_ticket_state_id: ticket.previous_ticket_state_id,
  }
  if (ticket.snoozed_until !== null) out.snoozed_until = ticket.snoozed_until
  return out
}
