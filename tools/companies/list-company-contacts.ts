import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { listTransform, num, pagesSchema, str } from '../schemas/common'
import { contactSchema } from '../schemas/contact'

const output = z.object({
  contacts: z.array(contactSchema).describe('The contacts that belong to the company'),
  type: str('Object type (list)'),
  pages: pagesSchema,
  total_count: num('Total number of contacts of the company'),
})

export const listCompanyContacts = defineTool({
  id: 'intercom_list_company_contacts',
  name: 'List company contacts',
  description:
    "List the contacts (users and leads) that belong to a company. Needs Intercom's id for the company (companyId from intercom_create_company, the id from intercom_list_companies, or intercom_find_company_by_company_id). Each contact's id is the contactId the contact tools take. Intercom answers with one page; pages and total_count say how many contacts there are.",
  params: z.strictObject({
    companyId: idParam("Intercom's id of the company, e.g. 6762f0a61bb69f9f2193bb55 (not your own company_id)."),
  }),
  route: 'GET /companies/{companyId}/contacts',
  transform: listTransform<z.infer<typeof output>>({ what: 'a contact list', items: 'data', as: 'contacts', copy: ['type', 'pages', 'total_count'] }),
  output,
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
