import { z } from 'zod'
import { defineTool } from '../define'
import { listTransform, str } from '../schemas/common'
import { ticketTypeSchema } from '../schemas/reference'

const output = z.object({
  ticket_types: z.array(ticketTypeSchema).describe('The ticket types of the workspace, with their attributes and states'),
  type: str('Object type (list)'),
})

export const listTicketTypes = defineTool({
  id: 'intercom_list_ticket_types',
  name: 'List ticket types',
  description:
    "List the workspace's ticket types (e.g. \"Bug Report\", \"Refund request\"), all at once, each with its attributes and states. Use it before intercom_create_ticket: a ticket type's id is the ticket_type_id it takes, the names in ticket_type_attributes are the keys of its ticket_attributes (with data_type and whether each is required), and ticket_states lists the ticket_state_id values intercom_update_ticket accepts for that type.",
  params: z.strictObject({}),
  route: 'GET /ticket_types',
  transform: listTransform<z.infer<typeof output>>({ what: 'a ticket type list', items: 'data', as: 'ticket_types', copy: ['type'] }),
  output,
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
