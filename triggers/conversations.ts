import { z } from 'zod'
import { conversationSchema, type Conversation } from '../tools/schemas/conversation'
import type { AnyTriggerDefinition, TriggerDefinition, TriggerEventBase, WebhookNotification } from '../types'
import { defineTrigger, eventBase, eventBaseShape, idField, itemOf, withUnixTimes } from './define'
import { sampleConversation, sampleNotification, sampleParts, sampleAuthors } from './samples'

const conversationOutput = z.object({
  ...eventBaseShape,
  conversation: conversationSchema.describe(
    'The conversation, in the shape intercom_get_conversation returns; conversation_parts holds the parts the event is about (Intercom may leave out older ones: read the whole conversation with intercom_get_conversation)',
  ),
  conversationId: z.string().describe('Id of the conversation, as the conversation tools take it (conversationId)'),
})

export type ConversationTriggerOutput = TriggerEventBase & { conversation: Conversation; conversationId: string }

function toConversationOutput(notification: WebhookNotification): ConversationTriggerOutput {
  const item = itemOf(notification, ['conversation'])
  const id = idField(item, 'id', 'data.item.id')
  return { ...eventBase(notification), conversation: { ...withUnixTimes(item), id } as Conversation, conversationId: id }
}

function conversationTrigger(spec: { id: string; name: string; description: string; topics: string[]; sample: WebhookNotification }) {
  return defineTrigger<ConversationTriggerOutput>({ ...spec, output: conversationOutput, toOutput: toConversationOutput })
}

export const conversationCreated: TriggerDefinition<ConversationTriggerOutput> = conversationTrigger({
  id: 'intercom_conversation_created',
  name: 'Conversation created',
  description:
    'Starts when a new conversation begins: a contact writes in (topic conversation.user.created) or an admin starts a one-to-one conversation with a contact (conversation.admin.single.created). The topic output says which.',
  topics: ['conversation.user.created', 'conversation.admin.single.created'],
  sample: sampleNotification('conversation.user.created', sampleConversation()),
})

export const conversationUserReplied: TriggerDefinition<ConversationTriggerOutput> = conversationTrigger({
  id: 'intercom_conversation_user_replied',
  name: 'Contact replied',
  description: 'Starts when a contact (user or lead) replies in an existing conversation. A reply reopens a closed or snoozed conversation.',
  topics: ['conversation.user.replied'],
  sample: sampleNotification('conversation.user.replied', sampleConversation({}, [sampleParts.userReply])),
})

export const conversationAdminReplied: TriggerDefinition<ConversationTriggerOutput> = conversationTrigger({
  id: 'intercom_conversation_admin_replied',
  name: 'Admin replied',
  description: 'Starts when a teammate (admin) replies to the contact in a conversation. Internal notes do not start it.',
  topics: ['conversation.admin.replied'],
  sample: sampleNotification(
    'conversation.admin.replied',
    sampleConversation({ waiting_since: null, read: true, teammates: { type: 'admin.list', teammates: [{ type: 'admin', id: sampleAuthors.admin.id }] } }, [sampleParts.adminReply]),
  ),
})

export const conversationAssigned: TriggerDefinition<ConversationTriggerOutput> = conversationTrigger({
  id: 'intercom_conversation_assigned',
  name: 'Conversation assigned',
  description:
    'Starts when a conversation is assigned (or unassigned) to an admin or a team. admin_assignee_id and team_assignee_id hold the new assignees; the assignment part says who did it.',
  topics: ['conversation.admin.assigned'],
  sample: sampleNotification('conversation.admin.assigned', sampleConversation({ admin_assignee_id: 814860 }, [sampleParts.assignment])),
})

export const conversationClosed: TriggerDefinition<ConversationTriggerOutput> = conversationTrigger({
  id: 'intercom_conversation_closed',
  name: 'Conversation closed',
  description: 'Starts when an admin closes a conversation.',
  topics: ['conversation.admin.closed'],
  sample: sampleNotification('conversation.admin.closed', sampleConversation({ open: false, state: 'closed', waiting_since: null }, [sampleParts.close])),
})

export const conversationOpened: TriggerDefinition<ConversationTriggerOutput> = conversationTrigger({
  id: 'intercom_conversation_opened',
  name: 'Conversation reopened',
  description: 'Starts when an admin reopens a closed or snoozed conversation. A contact replying also reopens it, but starts the contact-replied trigger instead.',
  topics: ['conversation.admin.opened'],
  sample: sampleNotification('conversation.admin.opened', sampleConversation({}, [sampleParts.open])),
})

export const conversationSnoozed: TriggerDefinition<ConversationTriggerOutput> = conversationTrigger({
  id: 'intercom_conversation_snoozed',
  name: 'Conversation snoozed',
  description: 'Starts when an admin snoozes a conversation; snoozed_until says when it reopens by itself.',
  topics: ['conversation.admin.snoozed'],
  sample: sampleNotification('conversation.admin.snoozed', sampleConversation({ state: 'snoozed', snoozed_until: 1_768_105_348 }, [sampleParts.snoozed])),
})

export const conversationRated: TriggerDefinition<ConversationTriggerOutput> = conversationTrigger({
  id: 'intercom_conversation_rated',
  name: 'Conversation rated',
  description: 'Starts when a contact rates a conversation (1 to 5); conversation_rating holds the rating, the remark and the rated teammate.',
  topics: ['conversation.rating.added'],
  sample: sampleNotification(
    'conversation.rating.added',
    sampleConversation({
      open: false,
      state: 'closed',
      conversation_rating: {
        rating: 5,
        remark: 'Quick and friendly, thanks!',
        created_at: 1_768_018_948,
        contact: { type: 'contact', id: sampleAuthors.user.id, external_id: 'cus_1042' },
        teammate: { type: 'admin', id: sampleAuthors.admin.id },
      },
    }),
  ),
})

export const conversationTriggers: AnyTriggerDefinition[] = [
  conversationCreated,
  conversationUserReplied,
  conversationAdminReplied,
  conversationAssigned,
  conversationClosed,
  conversationOpened,
  conversationSnoozed,
  conversationRated,
]
