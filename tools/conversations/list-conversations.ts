import { z } from 'zod'
import { defineTool } from '../define'
import { conversationListOutput } from '../schemas/conversation'
import { conversationListResult, perPage, startingAfter } from './shared'

export const listConversations = defineTool({
  id: 'intercom_list_conversations',
  name: 'List conversations',
  description:
    'List all conversations of the workspace, one page at a time, without their parts (use intercom_get_conversation for the messages). To get the next page, pass pages.next.starting_after from this output as starting_after; there are no more pages when pages.next is absent. This endpoint takes no sort or order option: Intercom returns the conversations in its own order. To find particular conversations (open ones, those assigned to an admin, updated after a date, ...) use intercom_search_conversations.',
  params: z.strictObject({
    per_page: perPage.optional(),
    starting_after: startingAfter.optional(),
  }),
  route: 'GET /conversations',
  transform: (body) => conversationListResult(body),
  output: conversationListOutput('Array of conversation objects', 'Total number of conversations'),
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
