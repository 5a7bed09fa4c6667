import { z } from 'zod'
import { defineTool } from '../define'
import { perPageParam, searchQueryParam } from '../params'
import { definedOnly } from '../request'
import { listTransform, num, pagesSchema } from '../schemas/common'
import { ticketSchema } from '../schemas/ticket'

const output = z.object({
  tickets: z.array(ticketSchema).describe('Array of matching ticket objects'),
  pages: pagesSchema,
  total_count: num('Total number of matching tickets'),
})

export const searchTickets = defineTool({
  id: 'intercom_search_tickets',
  name: 'Search tickets',
  description:
    'Find tickets with Intercom\'s query language. A filter is {"field": "open", "operator": "=", "value": true}; combine filters with {"operator": "AND" or "OR", "value": [filters]} (at most 2 levels of groups, 15 filters per group). Operators: = != IN NIN (array value) < <= > >= (on numbers and dates; < and > also match equal values) ~ (contains) !~ ^ (starts with) $ (ends with). Fields: id, created_at, updated_at, snoozed_until (unix timestamps), title, description, category (the terms "request" for Customer, "task" for Back-office, "tracker" for Tracker tickets), ticket_type_id (from intercom_list_ticket_types), contact_ids, teammate_ids, admin_assignee_id, team_assignee_id (text), open (boolean), state, and ticket_attribute.{id}. Results come a page at a time: pass pages.next.starting_after back as starting_after. Each ticket\'s id is the ticketId that intercom_get_ticket, intercom_update_ticket and intercom_reply_ticket take.',
  params: z.strictObject({
    query: searchQueryParam(
      'The search query, as an object or its JSON text, e.g. {"operator":"AND","value":[{"field":"open","operator":"=","value":true},{"field":"ticket_type_id","operator":"=","value":"67"}]}.',
    ),
    per_page: perPageParam(150, 'How many tickets per page, 1 to 150 (Intercom defaults to 20).').optional(),
    starting_after: z
      .string()
      .min(1)
      .optional()
      .describe('The cursor of the page to read: pages.next.starting_after from the previous page. Leave out for the first page.'),
  }),
  route: 'POST /tickets/search',
  request: (params) => {
    const body: Record<string, unknown> = { query: params.query }
    if (params.per_page !== undefined || params.starting_after !== undefined) {
      body.pagination = definedOnly({ per_page: params.per_page, starting_after: params.starting_after })
    }
    return { body }
  },
  transform: listTransform<z.infer<typeof output>>({ what: 'a ticket list', items: 'tickets', as: 'tickets', copy: ['pages', 'total_count'] }),
  output,
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
