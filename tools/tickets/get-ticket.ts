import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { ticketOutput, ticketResult } from './fields'

export const getTicket = defineTool({
  id: 'intercom_get_ticket',
  name: 'Get ticket',
  description:
    "Get one ticket with its state, attributes, contacts, assignees and history. Takes Intercom's internal ticket id (the id field returned by intercom_create_ticket, e.g. \"626\"), not the ticket number shown in the Intercom Inbox (the ticket_id field, e.g. #33): the Inbox number does not work here.",
  params: z.strictObject({
    ticketId: idParam(
      "Intercom's internal id of the ticket (the ticket's id field, e.g. \"626\"), as returned by intercom_create_ticket. Not the Inbox-visible ticket number (ticket_id).",
    ),
  }),
  route: 'GET /tickets/{ticketId}',
  transform: (body) => ticketResult(body),
  output: ticketOutput,
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
