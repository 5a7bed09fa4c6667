import { z } from 'zod'
import type { TriggerDefinition, TriggerEventBase } from '../types'
import { defineTrigger, eventBase, eventBaseShape, NotificationShapeError } from './define'
import { sampleConversation, sampleNotification, sampleParts } from './samples'

export type WebhookTriggerOutput = TriggerEventBase & { item: Record<string, unknown>; item_type: string | null }

/** The id of the catch-all trigger, whose topics are chosen per use. */
export const CATCH_ALL_TRIGGER_ID = 'intercom_webhook'

/** Topics: `conversation.user.created` style names, lower case, dots and underscores. */
export const TOPIC_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/

export const webhookTrigger: TriggerDefinition<WebhookTriggerOutput> = defineTrigger<WebhookTriggerOutput>({
  id: CATCH_ALL_TRIGGER_ID,
  name: 'Any Intercom event',
  description:
    "Starts on any of the Intercom topics you list (e.g. ticket.closed, conversation.admin.noted, company.updated): the catch-all for events no other trigger covers. The item is passed as Intercom sends it, in the shape of the app's API version.",
  topics: [],
  configurableTopics: true,
  output: z.object({
    ...eventBaseShape,
    item: z.record(z.string(), z.unknown()).describe("The notification's data.item as Intercom sends it (a conversation, contact, ticket, company, ...)"),
    item_type: z.string().nullable().describe('The type of the item (conversation, contact, contact_tag, ticket, company, ...)'),
  }),
  toOutput(notification) {
    const item = notification.data.item
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new NotificationShapeError('data.item', 'must be an object')
    return { ...eventBase(notification), item, item_type: typeof item.type === 'string' ? item.type : null }
  },
  sample: sampleNotification('conversation.admin.noted', sampleConversation({}, [{ ...sampleParts.adminReply, id: '31720', part_type: 'note', body: '<p>Refund approved.</p>' }])),
})
