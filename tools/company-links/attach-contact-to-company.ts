import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { COMPANY_ID_HELP, CONTACT_ID_HELP, companyLinkOutput, companyLinkResult } from './fields'

export const attachContactToCompany = defineTool({
  id: 'intercom_attach_contact_to_company',
  name: 'Attach contact to company',
  description:
    "Make a contact a member of a company (a contact can belong to several companies, up to 1000). Needs Intercom's contact id (from intercom_search_contacts) and Intercom's company id (the id from intercom_create_company or intercom_list_companies, not your own company_id). Attaching twice changes nothing. Returns the company.",
  params: z.strictObject({
    contactId: idParam(CONTACT_ID_HELP),
    companyId: idParam(COMPANY_ID_HELP),
  }),
  route: 'POST /contacts/{contactId}/companies',
  request: (params) => ({ body: { id: params.companyId } }),
  transform: (body) => companyLinkResult(body),
  output: companyLinkOutput,
  annotations: { readOnly: false, destructive: false, idempotent: true },
})
