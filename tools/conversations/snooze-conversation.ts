import { z } from 'zod'
import { defineTool } from '../define'
import { timestampParam } from '../params'
import { num } from '../schemas/common'
import { conversationSchema } from '../schemas/conversation'
import { actingAdminParam, conversationIdParam, conversationResult, stateField } from './shared'

export const snoozeConversation = defineTool({
  id: 'intercom_snooze_conversation',
  name: 'Snooze conversation',
  description:
    "Snooze a conversation until a given time, as an admin: it leaves the inbox and reopens by itself at snoozed_until (or earlier if the contact replies). Needs Intercom's conversation id (digits such as \"1295\", from intercom_list_conversations or intercom_search_conversations) and the acting admin's id (from intercom_list_admins). Each call adds a snooze part to the conversation. Returns the conversation, its state and snoozed_until as Intercom reports them.",
  params: z.strictObject({
    conversationId: conversationIdParam('to snooze'),
    admin_id: actingAdminParam('snoozes the conversation'),
    snoozed_until: timestampParam(
      'When the conversation should reopen, as a unix timestamp in seconds; Intercom requires a time in the future, e.g. now + 3600 for one hour.',
    ),
  }),
  route: 'POST /conversations/{conversationId}/parts',
  request: ({ admin_id, snoozed_until }) => ({ body: { message_type: 'snoozed', admin_id, snoozed_until } }),
  transform: (body) => {
    const { conversation, conversationId } = conversationResult(body)
    return {
      conversation,
      conversationId,
      state: conversation.state,
      snoozed_until: conversation.snoozed_until,
    }
  },
  output: z.object({
    conversation: conversationSchema.describe('The snoozed conversation object'),
    conversationId: z.string().describe('ID of the snoozed conversation'),
    state: stateField('State of the conversation after the call (snoozed), as Intercom reports it'),
    snoozed_until: num('Unix timestamp when the conversation will reopen, as Intercom reports it'),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: false },
})
