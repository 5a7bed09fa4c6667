import { z } from 'zod'
import { defineTool } from '../define'
import { conversationSchema } from '../schemas/conversation'
import { actingAdminParam, conversationIdParam, conversationResult, stateField } from './shared'

export const openConversation = defineTool({
  id: 'intercom_open_conversation',
  name: 'Open conversation',
  description:
    "Reopen a closed or snoozed conversation, as an admin. Needs Intercom's conversation id (digits such as \"1295\", from intercom_list_conversations or intercom_search_conversations) and the acting admin's id (from intercom_list_admins). Each call adds an open part to the conversation. Returns the conversation and its state as Intercom reports it.",
  params: z.strictObject({
    conversationId: conversationIdParam('to open'),
    admin_id: actingAdminParam('opens the conversation'),
  }),
  route: 'POST /conversations/{conversationId}/parts',
  request: ({ admin_id }) => ({ body: { message_type: 'open', admin_id } }),
  transform: (body) => {
    const { conversation, conversationId } = conversationResult(body)
    return { conversation, conversationId, state: conversation.state }
  },
  output: z.object({
    conversation: conversationSchema.describe('The opened conversation object'),
    conversationId: z.string().describe('ID of the opened conversation'),
    state: stateField('State of the conversation after the call (open), as Intercom reports it'),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: false },
})
