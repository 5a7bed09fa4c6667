import { z } from 'zod'
import { defineTool } from '../define'
import { ToolFailure, invalidResponse } from '../errors'
import { idParam, integerAdminIdParam, timestampParam } from '../params'
import { definedOnly, encodeSegment } from '../request'
import { asObject, idOf } from '../schemas/common'
import { messageSchema } from '../schemas/message'

/** The roles Intercom accepts as a message recipient's type. */
function isRecipientRole(role: unknown): role is 'user' | 'lead' {
  return role === 'user' || role === 'lead'
}

export const createMessage = defineTool({
  id: 'intercom_create_message',
  name: 'Create message',
  description:
    "Send a new outbound message from an admin to one contact, as an email or as an in-app message shown in your product's Intercom Messenger. Needs the sending admin's id (from intercom_list_admins) and the contact's Intercom id (from intercom_search_contacts or intercom_create_contact). Email needs a subject. With to_type \"contact\" the tool first reads the contact to learn whether it is a user or a lead. Returns the message and its id; a conversation only exists once the contact replies. Each call sends a new message: do not repeat a call that may have succeeded.",
  params: z
    .strictObject({
      message_type: z
        .enum(['in_app', 'inapp', 'email'])
        .describe('"email" to send an email, or "in_app" (also written "inapp") for a message in the Intercom Messenger inside your product. Sent to Intercom as in_app or email.'),
      template: z
        .enum(['plain', 'personal'])
        .describe('Style of the message: "plain" (plain text, no branding) or "personal" (with the sending admin\'s name and avatar).'),
      subject: z.string().optional().describe('Subject line. Required when message_type is "email"; optional for in-app messages.'),
      body: z.string().min(1).describe('The message content. HTML or plain text, e.g. "<p>Hi Jane, your order has shipped.</p>".'),
      from_type: z.enum(['admin']).describe('Who sends the message: always "admin" (a teammate).'),
      from_id: integerAdminIdParam(
        'Id of the admin who sends the message, e.g. 991267593 or "991267593" (from intercom_list_admins). Sent as an integer; only digits are accepted.',
      ),
      to_type: z
        .enum(['user', 'lead', 'contact'])
        .describe('The recipient\'s role: "user" (a signed-up user) or "lead" (an unidentified contact). If you do not know it, give "contact": the tool then reads the contact first (GET /contacts/{to_id}) and sends its role.'),
      to_id: idParam("Intercom's id of the recipient contact, e.g. 6762f0dd1bb69f9f2193bb83 (from intercom_search_contacts or intercom_create_contact)."),
      created_at: timestampParam('When the message was created, as a unix timestamp in seconds. When omitted Intercom uses the current time.').optional(),
    })
    .refine((params) => params.message_type !== 'email' || (params.subject !== undefined && params.subject.trim() !== ''), {
      message: 'an email needs a subject',
      path: ['subject'],
    }),
  route: 'POST /messages',
  async prepare(params, api) {
    if (params.to_type !== 'contact') return params
    const path = `/contacts/${encodeSegment('to_id', params.to_id)}`
    let contact: Record<string, unknown>
    try {
      contact = asObject(await api.send({ method: 'GET', path, query: {} }, { idempotent: true }), 'a contact')
    } catch (error) {
      if (!(error instanceof ToolFailure)) throw error
      throw new ToolFailure({
        ...error.error,
        field: 'to_id',
        message: `Nothing was sent: looking up contact ${params.to_id} to learn its role (to_type "contact") failed: ${error.error.message}`,
      })
    }
    const role = contact.role
    if (!isRecipientRole(role)) {
      throw invalidResponse(
        `Nothing was sent: contact ${params.to_id} has role ${JSON.stringify(role)}, and a message can only go to a user or a lead.`,
      )
    }
    return { ...params, to_type: role }
  },
  request: (params) => ({
    body: definedOnly({
      message_type: params.message_type === 'inapp' ? 'in_app' : params.message_type,
      template: params.template,
      subject: params.subject,
      body: params.body,
      from: { type: params.from_type, id: params.from_id },
      to: { type: params.to_type, id: params.to_id },
      created_at: params.created_at,
    }),
  }),
  transform: (body) => {
    const message = asObject(body, 'a message') as z.infer<typeof messageSchema>
    return { message, messageId: idOf(message, 'message') }
  },
  output: z.object({
    message: messageSchema,
    messageId: z.string().describe('ID of the created message'),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: false },
})
