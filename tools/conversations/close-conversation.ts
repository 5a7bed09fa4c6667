import { z } from 'zod'
import { defineTool } from '../define'
import { definedOnly } from '../request'
import { conversationSchema } from '../schemas/conversation'
import { actingAdminParam, conversationIdParam, conversationResult, stateField } from './shared'

export const closeConversation = defineTool({
  id: 'intercom_close_conversation',
  name: 'Close conversation',
  description:
    "Close a conversation, as an admin, optionally leaving a closing message. Needs Intercom's conversation id (digits such as \"1295\", from intercom_list_conversations or intercom_search_conversations) and the acting admin's id (from intercom_list_admins). A closed conversation reopens when the contact replies, or with intercom_open_conversation. Each call adds a close part to the conversation. Returns the conversation and its state as Intercom reports it.",
  params: z.strictObject({
    conversationId: conversationIdParam('to close'),
    admin_id: actingAdminParam('closes the conversation'),
    body: z
      .string()
      .optional()
      .describe('An optional message posted in the conversation as it is closed, e.g. "Glad we could help! Closing this now."'),
  }),
  route: 'POST /conversations/{conversationId}/parts',
  request: ({ admin_id, body }) => ({ body: definedOnly({ message_type: 'close', type: 'admin', admin_id, body }) }),
  transform: (body) => {
    const { conversation, conversationId } = conversationResult(body)
    return { conversation, conversationId, state: conversation.state }
  },
  output: z.object({
    conversation: conversationSchema.describe('The closed conversation object'),
    conversationId: z.string().describe('ID of the closed conversation'),
    state: stateField('State of the conversation after the call (closed), as Intercom reports it'),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: false },
})
