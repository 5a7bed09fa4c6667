import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { asObject, idOut, str } from '../schemas/common'
import { actingAdminParam, conversationIdParam } from './shared'

const CUSTOMER_KEYS = ['intercom_user_id', 'user_id', 'email'] as const

const nonEmpty = (description: string) =>
  z
    .string()
    .refine((value) => value.trim() !== '', { message: 'must not be empty' })
    .optional()
    .describe(description)

const customerSchema = z.looseObject({ type: str('Role of the participant (user or lead)'), id: idOut("Intercom's id of the contact") })

export const attachContactToConversation = defineTool({
  id: 'intercom_attach_contact_to_conversation',
  name: 'Add contact to conversation',
  description:
    "Add a contact to a conversation as a participant, on behalf of an admin, e.g. to bring a colleague of the customer into the thread. Give the contact by exactly one of intercom_user_id (Intercom's contact id, from intercom_search_contacts or intercom_find_contact_by_external_id), user_id (your own external id) or email (Intercom creates a lead when no contact has it). Needs the conversation's id (from intercom_list_conversations or intercom_search_conversations) and the acting admin's id (from intercom_list_admins). Returns the conversation's participants as Intercom reports them.",
  params: z
    .strictObject({
      conversationId: conversationIdParam('to add the contact to'),
      admin_id: actingAdminParam('adds the contact'),
      intercom_user_id: idParam("Intercom's id of the contact to add, e.g. 6762f19b1bb69f9f2193bbd4 (from intercom_search_contacts).", 'contact').optional(),
      user_id: idParam('Your own id of the contact to add (its external_id).').optional(),
      email: nonEmpty('Email of the contact to add; Intercom creates a lead with this email if no contact has it.'),
    })
    .superRefine((params, ctx) => {
      const given = CUSTOMER_KEYS.filter((key) => params[key] !== undefined)
      if (given.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: [given[1] ?? 'intercom_user_id'],
          message: `give exactly one of intercom_user_id, user_id or email (got ${given.length === 0 ? 'none' : given.join(', ')})`,
        })
      }
    }),
  route: 'POST /conversations/{conversationId}/customers',
  request: ({ admin_id, intercom_user_id, user_id, email }) => {
    const customer = intercom_user_id !== undefined ? { intercom_user_id } : user_id !== undefined ? { user_id } : { email }
    return { body: { admin_id, customer } }
  },
  transform: (body) => {
    const answer = asObject(body, 'a participant list')
    return { customers: answer.customers as Array<z.infer<typeof customerSchema>> | undefined }
  },
  output: z.object({
    customers: z.array(customerSchema).nullish().describe('The contacts taking part in the conversation, as Intercom reports them'),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: false },
})
