import { z } from 'zod'
import { defineTool } from '../define'
import { jsonParam } from '../params'
import { definedOnly } from '../request'
import { conversationSchema } from '../schemas/conversation'
import { conversationIdParam, conversationResult } from './shared'

/** Conversation attribute values as the 2.16 spec types them: text or whole numbers (dates as unix timestamps). */
const conversationAttributes = z.record(z.string(), z.union([z.string(), z.number().int()]))

export const updateConversation = defineTool({
  id: 'intercom_update_conversation',
  name: 'Update conversation',
  description:
    "Change a conversation's custom attributes (conversation data such as an issue type or an order number), its title, or whether it is marked as read. Only the fields you give are sent; the rest stays. Replying, assigning, closing, opening and snoozing have their own tools. Needs Intercom's conversation id (digits such as \"1295\", from intercom_list_conversations or intercom_search_conversations); attribute names come from intercom_list_conversation_attributes (each attribute's name and data_type; a list attribute takes one of its option labels). Returns the updated conversation.",
  params: z
    .strictObject({
      conversationId: conversationIdParam('to update'),
      custom_attributes: jsonParam(
        conversationAttributes,
        'Conversation attributes to set, as a JSON object of names to values, e.g. {"issue_type": "Billing", "order_number": 1042}. Values are text or whole numbers (a date as a unix timestamp), as the Intercom 2.16 API types them. The attributes must already exist in the workspace. JSON text of an object is accepted too.',
      ).optional(),
      title: z.string().optional().describe('A new title for the conversation, e.g. "Refund for order 1042".'),
      read: z.boolean().optional().describe('true marks the conversation as read by teammates, false as unread. false is sent as false.'),
    })
    .refine((params) => params.custom_attributes !== undefined || params.title !== undefined || params.read !== undefined, {
      message: 'give at least one of custom_attributes, title or read',
      path: ['conversationId'],
    }),
  route: 'PUT /conversations/{conversationId}',
  request: ({ custom_attributes, title, read }) => ({ body: definedOnly({ read, title, custom_attributes }) }),
  transform: (body) => conversationResult(body),
  output: z.object({
    conversation: conversationSchema.describe('The updated conversation object'),
    conversationId: z.string().describe('ID of the conversation'),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: true },
})
