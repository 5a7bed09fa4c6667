import { z } from 'zod'
import { anyObject, bool, idOut, list, num, object, str } from './common'

/**
 * A ticket's state. In API 2.12 and later Intercom sends an object; earlier versions sent the
 * state's name as a string. Either is passed through as sent.
 */
export const ticketStateSchema = z
  .union([
    z.looseObject({
      type: str('Object type (ticket_state)'),
      id: str('Id of the ticket state, as taken by intercom_update_ticket ticket_state_id'),
      category: str('State category: submitted, in_progress, waiting_on_customer or resolved'),
      internal_label: str('Name of the state shown to teammates in Intercom'),
      external_label: str('Name of the state shown to customers'),
    }),
    z.string(),
  ])
  .nullish()
  .describe('State of the ticket: {type, id, category, internal_label, external_label} in API 2.16 (a plain string in versions before 2.12)')

/** A ticket, as Intercom returns it. Unlisted fields pass through. */
export const ticketSchema = z
  .looseObject({
    id: z.string().describe("Unique identifier for the ticket: Intercom's internal id, the one intercom_get_ticket and intercom_update_ticket take"),
    type: str('Object type (ticket)'),
    ticket_id: str('Ticket number shown in the Intercom Inbox and Messenger (e.g. 38); not accepted by the API'),
    category: str('Category: Customer, Back-office or Tracker'),
    ticket_type: object(
      {
        type: str('Object type (ticket_type)'),
        id: str('Id of the ticket type'),
        name: str('Name of the ticket type'),
        description: str('Description of the ticket type'),
        category: str('Category of the ticket type'),
        ticket_type_attributes: anyObject('The attributes a ticket of this type has'),
      },
      'Type of the ticket',
    ),
    ticket_attributes: anyObject('Attributes of the ticket, e.g. {"_default_title_": "...", "_default_description_": "..."}'),
    ticket_state: ticketStateSchema,
    ticket_state_internal_label: str('Internal label for ticket state (API versions before 2.12)'),
    ticket_state_external_label: str('External label for ticket state (API versions before 2.12)'),
    previous_ticket_state_id: str('Id of the state before the most recent state change'),
    created_at: num('Unix timestamp when ticket was created'),
    updated_at: num('Unix timestamp when ticket was last updated'),
    contacts: object(
      {
        type: str('List type (contact.list)'),
        contacts: list(
          z.looseObject({ type: str('Object type (contact)'), id: str('Contact id'), external_id: str('Your id for the contact') }),
          'The contacts the ticket is about',
        ),
      },
      'Contacts associated with the ticket',
    ),
    admin_assignee_id: idOut('ID of assigned admin; 0 when unassigned (an integer in API 2.16, a string before)'),
    team_assignee_id: idOut('ID of assigned team; 0 when unassigned (an integer in API 2.16, a string before)'),
    is_shared: bool('Whether the ticket is shared with the customer'),
    open: bool('Whether the ticket is open; false means closed'),
    snoozed_until: num('Unix timestamp when the snoozed ticket will reopen; absent or null when not snoozed'),
    linked_objects: anyObject('Conversations and tickets linked to this ticket'),
    ticket_parts: anyObject('History of the ticket: state changes, assignments, comments'),
  })
  .describe('A ticket')
