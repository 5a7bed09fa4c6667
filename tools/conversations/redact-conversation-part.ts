import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { conversationSchema } from '../schemas/conversation'
import { conversationResult } from './shared'

export const redactConversationPart = defineTool({
  id: 'intercom_redact_conversation_part',
  name: 'Redact conversation part',
  description:
    "Permanently erase the text of one message in a conversation (e.g. a password or card number a customer sent): Intercom replaces it with \"This message was deleted\". This cannot be undone. Give the conversation's id (from intercom_list_conversations or intercom_search_conversations) and either conversation_part_id (the id of a part, from conversation.conversation_parts in intercom_get_conversation; the part must have a body) or source_id (conversation.source.id, the opening message, which must have been written by a contact). Returns the conversation.",
  params: z
    .strictObject({
      conversation_id: idParam('Id of the conversation, digits such as "608" (from intercom_list_conversations or intercom_search_conversations).'),
      conversation_part_id: idParam(
        'Id of the part to redact, e.g. "149": the id of an entry of conversation.conversation_parts.conversation_parts in intercom_get_conversation\'s output.',
      ).optional(),
      source_id: idParam("Id of the conversation's opening message to redact instead of a part: conversation.source.id in intercom_get_conversation's output.").optional(),
    })
    .superRefine((params, ctx) => {
      if ((params.conversation_part_id === undefined) === (params.source_id === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [params.source_id === undefined ? 'conversation_part_id' : 'source_id'],
          message: 'give exactly one of conversation_part_id or source_id',
        })
      }
    }),
  route: 'POST /conversations/redact',
  request: ({ conversation_id, conversation_part_id, source_id }) => ({
    body:
      conversation_part_id !== undefined
        ? { type: 'conversation_part', conversation_id, conversation_part_id }
        : { type: 'source', conversation_id, source_id },
  }),
  transform: (body) => conversationResult(body),
  output: z.object({
    conversation: conversationSchema.describe('The conversation, with the part redacted'),
    conversationId: z.string().describe('ID of the conversation'),
  }),
  annotations: { readOnly: false, destructive: true, idempotent: true },
})
