import { z } from 'zod'
import { defineTool } from '../define'
import { perPageParam, searchQueryParam } from '../params'
import { definedOnly } from '../request'
import { listTransform, num, pagesSchema } from '../schemas/common'
import { contactSchema } from '../schemas/contact'

const output = z.object({
  contacts: z.array(contactSchema).describe('Array of matching contact objects'),
  pages: pagesSchema,
  total_count: num('Total number of matching contacts'),
})

export const searchContacts = defineTool({
  id: 'intercom_search_contacts',
  name: 'Search contacts',
  description:
    'Find contacts with Intercom\'s query language, e.g. by email, external_id, role, a custom attribute or a date. A filter is {"field": "email", "operator": "=", "value": "jane@example.com"}; combine filters with {"operator": "AND" or "OR", "value": [filters]} (at most 2 levels of groups, 15 filters per group). Operators: = != IN NIN (array value) < <= > >= ~ (contains) !~ ^ (starts with) $ (ends with). Dates are unix timestamps and only take = < >. Results come a page at a time: pass pages.next.starting_after back as starting_after.',
  params: z
    .strictObject({
      query: searchQueryParam(
        'The search query, as an object or its JSON text, e.g. {"field":"email","operator":"=","value":"jane@example.com"}.',
      ),
      per_page: perPageParam(150, 'How many contacts per page, 1 to 150 (Intercom defaults to 50).').optional(),
      starting_after: z
        .string()
        .min(1)
        .optional()
        .describe('The cursor of the page to read: pages.next.starting_after from the previous page.'),
      sort_field: z
        .string()
        .min(1)
        .optional()
        .describe('Field to sort by, e.g. "name", "created_at", "last_seen_at".'),
      sort_order: z
        .enum(['ascending', 'descending'])
        .optional()
        .describe('Sort order: "ascending" or "descending" (Intercom defaults to descending). Needs sort_field.'),
    })
    .refine((params) => params.sort_order === undefined || params.sort_field !== undefined, {
      message: 'sort_order needs sort_field',
      path: ['sort_order'],
    }),
  route: 'POST /contacts/search',
  request: (params) => {
    const body: Record<string, unknown> = { query: params.query }
    if (params.per_page !== undefined || params.starting_after !== undefined) {
      body.pagination = definedOnly({ per_page: params.per_page, starting_after: params.starting_after })
    }
    if (params.sort_field !== undefined) {
      body.sort = definedOnly({ field: params.sort_field, order: params.sort_order })
    }
    return { body }
  },
  transform: listTransform<z.infer<typeof output>>({ what: 'a contact list', items: 'data', as: 'contacts', copy: ['pages', 'total_count'] }),
  output,
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
