import { z } from 'zod'
import { defineTool } from '../define'
import { searchQueryParam } from '../params'
import { definedOnly } from '../request'
import { conversationListOutput } from '../schemas/conversation'
import { conversationListResult, perPage, startingAfter } from './shared'

export const searchConversations = defineTool({
  id: 'intercom_search_conversations',
  name: 'Search conversations',
  description:
    'Find conversations with Intercom\'s query language. A filter is {"field": "state", "operator": "=", "value": "open"}; combine filters with {"operator": "AND" or "OR", "value": [filters]} (at most 2 levels of groups, 15 filters per group). Operators: = != IN NIN (array value) < <= > >= ~ (contains) !~ ^ (starts with) $ (ends with); < and > also match equal values here. Useful fields: id, state (open, closed, snoozed), open, read, created_at, updated_at, waiting_since, snoozed_until (unix timestamps), admin_assignee_id and team_assignee_id (integers), contact_ids, teammate_ids, tag_ids, priority, source.type, source.author.email, source.subject, source.body (matches single words: "support", not "need support"), statistics.*, ai_agent_participated. Results come a page at a time without their parts: pass pages.next.starting_after back as starting_after. Intercom\'s conversation search has no sort option, so this tool takes none (sort_field and sort_order are refused); narrow the results with the query instead, e.g. {"field": "updated_at", "operator": ">", "value": 1700000000}.',
  params: z.strictObject({
    query: searchQueryParam(
      'The search query, as an object or its JSON text, e.g. {"operator":"AND","value":[{"field":"state","operator":"=","value":"open"},{"field":"admin_assignee_id","operator":"=","value":991267715}]}.',
    ),
    per_page: perPage.optional(),
    starting_after: startingAfter.optional(),
  }),
  route: 'POST /conversations/search',
  request: (params) => {
    const body: Record<string, unknown> = { query: params.query }
    if (params.per_page !== undefined || params.starting_after !== undefined) {
      body.pagination = definedOnly({ per_page: params.per_page, starting_after: params.starting_after })
    }
    return { body }
  },
  transform: (body) => conversationListResult(body),
  output: conversationListOutput('Array of matching conversation objects', 'Total number of matching conversations'),
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
