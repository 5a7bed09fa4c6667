import { z } from 'zod'
import { defineTool } from '../define'
import { listTransform, num } from '../schemas/common'
import { companyPagesSchema, companySchema } from '../schemas/company'

const output = z.object({
  companies: z.array(companySchema).describe('Array of company objects'),
  pages: companyPagesSchema,
  total_count: num('Total number of companies'),
})

export const listCompanies = defineTool({
  id: 'intercom_list_companies',
  name: 'List companies',
  description:
    "List the companies of the workspace, one page at a time, ordered by when each company last made a request (most recent first unless order is asc). Intercom pages companies by number, not by cursor: ask for page 1, 2, 3 ... with page; pages.total_pages in the output says how many pages there are. There is no starting_after cursor for companies. Companies with no contacts attached are not listed. Intercom caps this listing at 10,000 companies; to go through more than that, use intercom_scroll_companies.",
  params: z.strictObject({
    page: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('The page number to read, starting at 1 (Intercom defaults to 1). Valid pages run up to pages.total_pages of the previous answer.'),
    per_page: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('How many companies per page, a whole number from 1 (Intercom defaults to 15).'),
    order: z
      .enum(['asc', 'desc'])
      .optional()
      .describe('Order by last request time: "desc" (most recently active first, Intercom\'s default) or "asc".'),
  }),
  route: 'POST /companies/list',
  // Intercom reads this POST's options from the query string; it takes no body.
  request: (params) => ({ query: { page: params.page, per_page: params.per_page, order: params.order } }),
  transform: listTransform<z.infer<typeof output>>({ what: 'a company list', items: 'data', as: 'companies', copy: ['pages', 'total_count'] }),
  output,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  // Intercom documents no maximum in its schema; 60 is the largest page its companies listing serves.
  pagination: { maxPerPage: 60 },
})
