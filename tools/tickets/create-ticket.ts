import { z } from 'zod'
import { defineTool } from '../define'
import { idParam, jsonParam, timestampParam } from '../params'
import { definedOnly } from '../request'
import { TICKET_ATTRIBUTES_HELP, ticketAttributesParam, ticketOutput, ticketResult } from './fields'

const CONTACT_KEYS = ['id', 'external_id', 'email'] as const

const nonEmpty = (description: string) =>
  z
    .string()
    .refine((value) => value.trim() !== '', { message: 'must not be empty' })
    .optional()
    .describe(description)

/** One contact of a ticket: exactly one of id, external_id or email. */
const ticketContact = z
  .strictObject({
    id: nonEmpty("Intercom's id of the contact, e.g. 6762f0dd1bb69f9f2193bb83 (from intercom_search_contacts or intercom_create_contact)."),
    external_id: nonEmpty('Your own id of the contact (its external_id).'),
    email: nonEmpty('Email of the contact; Intercom creates a lead with this email if no contact has it.'),
  })
  .superRefine((contact, ctx) => {
    const given = CONTACT_KEYS.filter((key) => contact[key] !== undefined)
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `give exactly one of id, external_id or email per contact (got ${given.length === 0 ? 'none' : given.join(', ')})`,
      })
    }
  })

export const createTicket = defineTool({
  id: 'intercom_create_ticket',
  name: 'Create ticket',
  description:
    "Create a ticket (a tracked customer request, back-office task or tracker) for one contact. Needs the ticket type's id (from intercom_list_ticket_types, which also lists each type's attributes), the contact (by Intercom id, external_id or email) and the ticket's attributes, usually its title and description. Returns the ticket and ticketId, Intercom's internal id that intercom_get_ticket and intercom_update_ticket take (not the number shown in the Inbox). Each call creates a new ticket: do not repeat a call that may have succeeded.",
  params: z.strictObject({
    ticket_type_id: idParam("Id of the ticket type, e.g. \"88\": the id of a ticket type from intercom_list_ticket_types; each workspace defines its own."),
    contacts: jsonParam(
      z
        .array(ticketContact)
        .min(1, { message: 'give the one contact the ticket is for' })
        .max(1, { message: 'Intercom accepts exactly one contact per ticket' }),
      'The contact the ticket is for, as a JSON array with exactly one object holding exactly one of "id" (Intercom\'s contact id), "external_id" or "email", e.g. [{"id": "6762f0dd1bb69f9f2193bb83"}] or [{"email": "jane@example.com"}]. JSON text of the array is accepted too.',
    ),
    ticket_attributes: ticketAttributesParam(
      `The ticket's attributes as a JSON object (or its JSON text), e.g. {"_default_title_": "Refund request", "_default_description_": "Charged twice for order 1042"}. ${TICKET_ATTRIBUTES_HELP}`,
    ),
    company_id: idParam(
      "Intercom's id of a company to associate with the ticket (from intercom_list_companies or intercom_create_company, not your own company_id).",
      'company',
    ).optional(),
    created_at: timestampParam('When the ticket was created, as a unix timestamp in seconds. When omitted Intercom uses the current time.').optional(),
    conversation_to_link_id: idParam(
      'Id of a conversation to link to the new ticket (from intercom_list_conversations or intercom_search_conversations). Intercom links a conversation to a back-office or tracker ticket.',
    ).optional(),
    disable_notifications: z
      .boolean()
      .optional()
      .describe("true to create the ticket without notifying the contact or teammates (sent as Intercom's skip_notifications). false is sent as false."),
  }),
  route: 'POST /tickets',
  request: ({ disable_notifications, ...fields }) => ({
    body: definedOnly({ ...fields, skip_notifications: disable_notifications }),
  }),
  transform: (body) => ticketResult(body),
  output: ticketOutput,
  annotations: { readOnly: false, destructive: false, idempotent: false },
})
