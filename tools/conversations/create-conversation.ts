import { z } from 'zod'
import { defineTool } from '../define'
import { idParam, timestampParam } from '../params'
import { definedOnly } from '../request'
import { asObject, idOf } from '../schemas/common'
import { messageSchema } from '../schemas/message'
import { attachmentUrls, MAX_ATTACHMENTS } from './attachments'

export const createConversation = defineTool({
  id: 'intercom_create_conversation',
  name: 'Create conversation',
  description:
    "Start a conversation on behalf of a contact, as if the contact had written in through the Messenger (a user-initiated, in-app conversation). Use it to log a request that reached you another way; to write to a contact as a teammate use intercom_create_message. Needs the contact's Intercom id (from intercom_search_contacts, intercom_create_contact or intercom_find_contact_by_external_id). Returns the contact's first message and conversationId, the id intercom_get_conversation and the other conversation tools take. Each call starts a new conversation: do not repeat a call that may have succeeded.",
  params: z.strictObject({
    contactId: idParam(
      "Intercom's id of the contact writing in, a 24-character hex string such as 6762f11b1bb69f9f2193bba3 (from intercom_search_contacts, intercom_create_contact or intercom_find_contact_by_external_id).",
    ),
    role: z
      .enum(['user', 'lead'])
      .optional()
      .describe('The role of the contact writing in, "user" or "lead", sent as from.type. When left out, from.type is "contact" and Intercom looks the role up.'),
    body: z
      .string()
      .refine((value) => value.trim() !== '', { message: 'must not be empty' })
      .describe('What the contact writes, as plain text, e.g. "Hello, my order has not arrived." Intercom does not support HTML in this field.'),
    subject: z.string().optional().describe('An optional subject line for the conversation.'),
    attachment_urls: attachmentUrls
      .optional()
      .describe(`Up to ${MAX_ATTACHMENTS} URLs of files to attach, each a full http(s) URL: an array, or one text with the URLs separated by commas.`),
    created_at: timestampParam('When the contact wrote the message, as a unix timestamp in seconds. Intercom uses the current time when left out.').optional(),
  }),
  route: 'POST /conversations',
  request: (params) => ({
    body: definedOnly({
      from: { type: params.role ?? 'contact', id: params.contactId },
      body: params.body,
      subject: params.subject,
      attachment_urls: params.attachment_urls,
      created_at: params.created_at,
    }),
  }),
  transform: (body) => {
    const message = asObject(body, 'a message') as z.infer<typeof messageSchema>
    idOf(message, 'message')
    const conversationId = message.conversation_id
    return { message, conversationId: conversationId === undefined || conversationId === null ? conversationId : String(conversationId) }
  },
  output: z.object({
    message: messageSchema.describe("The contact's first message (type user_message), with the conversation_id"),
    conversationId: z.string().nullish().describe('ID of the new conversation, as Intercom reports it in message.conversation_id'),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: false },
})
