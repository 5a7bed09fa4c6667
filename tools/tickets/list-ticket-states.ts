import { z } from 'zod'
import { defineTool } from '../define'
import { listTransform, str } from '../schemas/common'
import { ticketStateDetailSchema } from '../schemas/reference'

const output = z.object({
  ticket_states: z.array(ticketStateDetailSchema).describe('The ticket states of the workspace'),
  type: str('Object type (list)'),
})

export const listTicketStates = defineTool({
  id: 'intercom_list_ticket_states',
  name: 'List ticket states',
  description:
    "List every ticket state of the workspace (e.g. Submitted, In progress, Waiting on customer, Resolved), all at once, each with its category, its labels for teammates and customers, and the ticket types that use it. A state's id is the ticket_state_id that intercom_update_ticket takes; a ticket can only move to a state of its own ticket type.",
  params: z.strictObject({}),
  route: 'GET /ticket_states',
  transform: listTransform<z.infer<typeof output>>({ what: 'a ticket state list', items: 'data', as: 'ticket_states', copy: ['type'] }),
  output,
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
