import { z } from 'zod'
import { asObject, idOf, str } from '../schemas/common'
import { companySchema } from '../schemas/company'

/** The output of attach and detach: the company Intercom answered with. */
export const companyLinkOutput = z.object({
  company: companySchema,
  companyId: z.string().describe("Intercom's id of the company (company.id)"),
  name: str('Name of the company'),
})

export type CompanyLinkOutput = z.infer<typeof companyLinkOutput>

export function companyLinkResult(body: unknown): CompanyLinkOutput {
  const company = asObject(body, 'a company') as CompanyLinkOutput['company']
  return { company, companyId: idOf(company, 'company'), name: company.name }
}

export const CONTACT_ID_HELP = "Intercom's id of the contact, e.g. 6762f0dd1bb69f9f2193bb83 (from intercom_search_contacts or intercom_create_contact)."
export const COMPANY_ID_HELP =
  "Intercom's id of the company, e.g. 6762f09a1bb69f9f2193bb34: the id field returned by intercom_create_company or intercom_list_companies, not your own company_id."
