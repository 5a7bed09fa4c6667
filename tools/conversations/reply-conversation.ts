import { z } from 'zod'
import { defineTool } from '../define'
import { ToolFailure } from '../errors'
import { idParam, timestampParam } from '../params'
import { definedOnly } from '../request'
import { conversationSchema } from '../schemas/conversation'
import { conversationResult } from './shared'
import { attachmentUrls, MAX_ATTACHMENTS } from './attachments'

export const replyConversation = defineTool({
  id: 'intercom_reply_conversation',
  name: 'Reply to conversation',
  description:
    "Add an admin's reply to a conversation: a comment the contact sees, or a note only teammates see. Needs Intercom's conversation id (digits such as \"1295\", from intercom_list_conversations or intercom_search_conversations); the id may also be the text \"last\", which Intercom documents as replying to the last part of the conversation. The reply is written as admin_id (from intercom_list_admins); without admin_id it is written as the admin who owns the access token (looked up once with GET /me). Each call adds a new part: calling twice posts twice. Returns the updated conversation.",
  params: z.strictObject({
    conversationId: idParam(
      'Intercom\'s id of the conversation to reply to, digits such as "1295" (from intercom_list_conversations or intercom_search_conversations). The text "last" is also accepted (Intercom: "reply to the last part of the conversation").',
    ),
    message_type: z
      .enum(['comment', 'note'])
      .describe('"comment" for a reply the contact sees, or "note" for an internal note only teammates see.'),
    body: z
      .string()
      .refine((value) => value.trim() !== '', { message: 'must not be empty' })
      .describe('The text of the reply. Notes accept some HTML formatting, e.g. "<p>Refund issued.</p>".'),
    admin_id: idParam(
      'The id of the admin (teammate) authoring the reply, digits such as "991267715", from intercom_list_admins; a number is sent as text. When left out, the admin who owns the access token authors it.',
    ).optional(),
    attachment_urls: attachmentUrls
      .optional()
      .describe(
        `Up to ${MAX_ATTACHMENTS} URLs of images to attach, each a full http(s) URL: an array, or one text with the URLs separated by commas, e.g. "https://example.com/a.png, https://example.com/b.png".`,
      ),
    created_at: timestampParam('When the reply was written, as a unix timestamp in seconds. Intercom uses the current time when left out.').optional(),
  }),
  route: 'POST /conversations/{conversationId}/reply',
  async prepare(params, api) {
    if (params.admin_id !== undefined) return params
    try {
      const admin = await api.me()
      return { ...params, admin_id: admin.id }
    } catch (error) {
      if (!(error instanceof ToolFailure)) throw error
      throw new ToolFailure({
        ...error.error,
        field: 'admin_id',
        message: `No admin_id was given and the token's own admin could not be looked up (GET /me), so nothing was sent: ${error.error.message} Give admin_id (from intercom_list_admins).`,
      })
    }
  },
  request: ({ message_type, body, admin_id, attachment_urls, created_at }) => ({
    body: definedOnly({ message_type, type: 'admin', admin_id, body, attachment_urls, created_at }),
  }),
  transform: (body) => conversationResult(body),
  output: z.object({
    conversation: conversationSchema.describe('Updated conversation object'),
    conversationId: z.string().describe('ID of the conversation'),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: false },
})
