import { z } from 'zod'
import { defineTool } from '../define'
import { idParam, integerAdminIdParam, timestampParam } from '../params'
import { definedOnly } from '../request'
import { ticketStateSchema } from '../schemas/ticket'
import { TICKET_ATTRIBUTES_HELP, ticketAttributesParam, ticketOutput, ticketResult } from './fields'

export const updateTicket = defineTool({
  id: 'intercom_update_ticket',
  name: 'Update ticket',
  description:
    "Change a ticket: move it to another state (ticket_state_id), close or reopen it (open), assign it to an admin or team or unassign it (assignee_id, \"0\" unassigns), snooze it, share it with the customer, or change its attributes. Takes Intercom's internal ticket id (the id field from intercom_create_ticket or intercom_get_ticket), not the Inbox ticket number. Only the fields you give are sent. Returns the updated ticket and its current state.",
  params: z
    .strictObject({
      ticketId: idParam(
        "Intercom's internal id of the ticket to update (the ticket's id field, e.g. \"626\"), not the Inbox-visible ticket number (ticket_id).",
      ),
      ticket_state_id: idParam(
        'Id of the state to move the ticket to, e.g. "8498". The states belong to the ticket type: intercom_list_ticket_states lists them all (and intercom_list_ticket_types per type), and the current one is ticket.ticket_state.id in intercom_get_ticket\'s output.',
      ).optional(),
      ticket_attributes: ticketAttributesParam(
        `Attributes to change, as a JSON object (or its JSON text), e.g. {"_default_title_": "New title"}. ${TICKET_ATTRIBUTES_HELP}`,
      ).optional(),
      open: z.boolean().optional().describe('false closes the ticket (and ends any snooze); true reopens it.'),
      is_shared: z.boolean().optional().describe('Whether the customer can see the ticket (in the Messenger, email and tickets portal).'),
      snoozed_until: timestampParam('Snooze the ticket until this time, as a unix timestamp in seconds; it reopens then.').optional(),
      admin_id: integerAdminIdParam(
        'Id of the admin making the change, so that Intercom attributes it to them and runs workflows, e.g. 991267593 or "991267593" (from intercom_list_admins). Sent as an integer; only digits are accepted.',
      ).optional(),
      assignee_id: idParam(
        'Id of the admin (from intercom_list_admins) or team (from intercom_list_teams) to assign the ticket to; "0" unassigns it.',
      ).optional(),
    })
    .refine((params) => Object.keys(params).some((key) => key !== 'ticketId' && params[key as keyof typeof params] !== undefined), {
      message: 'give at least one field to change',
      path: ['ticketId'],
    }),
  route: 'PUT /tickets/{ticketId}',
  request: ({ ticketId: _ticketId, ...fields }) => ({ body: definedOnly(fields) }),
  transform: (body) => {
    const result = ticketResult(body)
    return { ...result, ticket_state: result.ticket.ticket_state }
  },
  output: ticketOutput.extend({
    ticket_state: ticketStateSchema.describe(
      'Current state of the ticket, as Intercom sent it in ticket.ticket_state: {type, id, category (submitted, in_progress, waiting_on_customer, resolved), internal_label, external_label}',
    ),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: true },
})
