import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { COMPANY_ID_HELP, CONTACT_ID_HELP, companyLinkOutput, companyLinkResult } from './fields'

export const detachContactFromCompany = defineTool({
  id: 'intercom_detach_contact_from_company',
  name: 'Detach contact from company',
  description:
    "Remove a contact from a company. Both the contact and the company stay; only the membership ends, and intercom_attach_contact_to_company restores it. Needs Intercom's contact id (from intercom_search_contacts) and Intercom's company id (from intercom_list_companies or the contact's companies, not your own company_id). Returns the company.",
  params: z.strictObject({
    contactId: idParam(CONTACT_ID_HELP),
    companyId: idParam(COMPANY_ID_HELP),
  }),
  route: 'DELETE /contacts/{contactId}/companies/{companyId}',
  transform: (body) => companyLinkResult(body),
  output: companyLinkOutput,
  annotations: { readOnly: false, destructive: false, idempotent: true },
})
