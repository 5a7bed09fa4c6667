import { z } from 'zod'
import { defineTool } from '../define'
import { invalidResponse } from '../errors'
import { idParam } from '../params'
import { asObject, num, object, str } from '../schemas/common'
import { companySchema, type Company } from '../schemas/company'

const output = z.object({
  companies: z.array(companySchema).describe('The companies the contact belongs to'),
  type: str('Object type (list)'),
  pages: object(
    {
      type: str('Pages type identifier (pages)'),
      page: num('Current page number'),
      per_page: num('Number of results per page'),
      total_pages: num('Total number of pages; ask for page + 1 while page < total_pages'),
    },
    'Pagination information',
  ),
  total_count: num('Total number of companies of the contact'),
})

export const listContactCompanies = defineTool({
  id: 'intercom_list_contact_companies',
  name: 'List contact companies',
  description:
    "List the companies a contact belongs to (a contact's own answer embeds at most 10), one page at a time. Needs Intercom's contact id (from intercom_search_contacts, intercom_list_contacts or intercom_find_contact_by_external_id). Each company's id is Intercom's companyId that intercom_get_company and intercom_detach_contact_from_company take. Pages are numbered: ask for page 1, 2, 3 ... while page is below pages.total_pages.",
  params: z.strictObject({
    contactId: idParam("Intercom's id of the contact, e.g. 63a07ddf05a32042dffac965."),
    page: z.number().int().min(1).optional().describe('The page number to read, starting at 1 (Intercom defaults to 1).'),
    per_page: z.number().int().min(1).optional().describe('How many companies per page, a whole number from 1 (Intercom defaults to 15).'),
  }),
  route: 'GET /contacts/{contactId}/companies',
  transform: (body) => {
    const list = asObject(body, 'a company list')
    // The spec's schema names the array `companies`; its example (and Intercom's answers) use `data`.
    const items = list.companies ?? list.data
    if (!Array.isArray(items)) throw invalidResponse("Expected companies (or data) to be an array in Intercom's answer.")
    return {
      companies: items as Company[],
      type: list.type as string | undefined,
      pages: list.pages as z.infer<typeof output>['pages'],
      total_count: list.total_count as number | undefined,
    }
  },
  output,
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
