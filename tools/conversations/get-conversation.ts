import { z } from 'zod'
import { defineTool } from '../define'
import { asObject } from '../schemas/common'
import { conversationSchema, type Conversation } from '../schemas/conversation'
import { conversationIdParam } from './shared'

export const getConversation = defineTool({
  id: 'intercom_get_conversation',
  name: 'Get conversation',
  description:
    "Get one conversation with its parts (the messages, notes, assignments and state changes, at most the 500 most recent) by Intercom's conversation id, digits such as \"1295\", returned by intercom_list_conversations and intercom_search_conversations. Use this to read what was said; the list and search tools return conversations without their parts.",
  params: z.strictObject({
    conversationId: conversationIdParam('to read'),
    display_as: z
      .enum(['plaintext'])
      .optional()
      .describe('Give "plaintext" to get message bodies and subjects as plain text instead of HTML (links become "label (url)"). It is the only value Intercom accepts; leave out for HTML.'),
    include_translations: z
      .boolean()
      .optional()
      .describe('true to have Intercom translate the conversation parts into the detected language of the conversation. Sent as the query value true or false.'),
  }),
  route: 'GET /conversations/{conversationId}',
  transform: (body) => ({ conversation: asObject(body, 'a conversation') as Conversation }),
  output: z.object({ conversation: conversationSchema }),
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
