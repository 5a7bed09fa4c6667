import { z } from 'zod'
import { jsonParam } from '../params'
import { asObject, idOf } from '../schemas/common'
import { ticketSchema } from '../schemas/ticket'

/** A ticket attribute value, as Intercom's ticket attribute schema allows it. */
const attributeValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.unknown())])

/** `ticket_attributes`: a flat JSON object, or its JSON text. */
export function ticketAttributesParam(description: string) {
  return jsonParam(z.record(z.string(), attributeValue), description)
}

export const TICKET_ATTRIBUTES_HELP =
  'Keys are attribute names: the built-in title and description are "_default_title_" and "_default_description_" (with the underscores); other keys are the attributes of the ticket type. Values are text, numbers, booleans, null or arrays; for a list attribute give the id of the list option. The ticket type and its attributes (their names, data types and whether they are required) come from intercom_list_ticket_types.'

/** The output of the tools that answer with one ticket. */
export const ticketOutput = z.object({
  ticket: ticketSchema,
  ticketId: z.string().describe("Intercom's internal id of the ticket (ticket.id), the one intercom_get_ticket and intercom_update_ticket take"),
})

export type TicketOutput = z.infer<typeof ticketOutput>

export function ticketResult(body: unknown): TicketOutput {
  const ticket = asObject(body, 'a ticket') as TicketOutput['ticket']
  return { ticket, ticketId: idOf(ticket, 'ticket') }
}
