import { z } from 'zod'
import { defineTool } from '../define'
import { perPageParam } from '../params'
import { listTransform, num, pagesSchema } from '../schemas/common'
import { contactSchema } from '../schemas/contact'

const output = z.object({
  contacts: z.array(contactSchema).describe('Array of contact objects'),
  pages: pagesSchema,
  total_count: num('Total number of contacts'),
})

export const listContacts = defineTool({
  id: 'intercom_list_contacts',
  name: 'List contacts',
  description:
    'List all contacts of the workspace, newest first, one page at a time. To get the next page, pass pages.next.starting_after from this output as starting_after; there are no more pages when pages.next is absent. To find particular contacts (by email, attribute, date), use intercom_search_contacts instead.',
  params: z.strictObject({
    per_page: perPageParam(150, 'How many contacts per page, 1 to 150 (Intercom defaults to 50).').optional(),
    starting_after: z
      .string()
      .min(1)
      .optional()
      .describe('The cursor of the page to read: pages.next.starting_after from the previous page. Leave out for the first page.'),
  }),
  route: 'GET /contacts',
  transform: listTransform<z.infer<typeof output>>({ what: 'a contact list', items: 'data', as: 'contacts', copy: ['pages', 'total_count'] }),
  output,
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
