import { z } from 'zod'
import { defineTool } from '../define'
import { invalidResponse, ToolFailure } from '../errors'
import { asObject } from '../schemas/common'
import { companySchema, type Company } from '../schemas/company'

export const findCompanyByCompanyId = defineTool({
  id: 'intercom_find_company_by_company_id',
  name: 'Find company by company_id',
  description:
    "Get a company by your own identifier for it (the company_id you gave intercom_create_company, e.g. the account id in your product), when you do not know Intercom's id. Returns the company and companyId, Intercom's id that intercom_get_company, intercom_update_company, intercom_delete_company and the contact–company tools take. Fails with not_found when no company has this company_id.",
  params: z.strictObject({
    company_id: z
      .union([z.string(), z.number().int().nonnegative()])
      .transform((value) => String(value))
      .refine((value) => value.trim() !== '', { message: 'must not be empty' })
      .describe('Your own identifier of the company, exactly as it was saved, e.g. "acme-42". Not Intercom\'s id. A whole number is sent as its text.'),
  }),
  route: 'GET /companies',
  request: (params) => ({ query: { company_id: params.company_id } }),
  transform: (body, { params }) => {
    const answer = asObject(body, 'a company')
    // Filtered by company_id Intercom answers with the company itself; the spec's schema and
    // example describe a list, so a list holding exactly that company is read too.
    if (answer.type !== 'list') {
      const company = answer as Company
      if (typeof company.id !== 'string') throw invalidResponse("Intercom's company has no id.")
      return { company, companyId: company.id }
    }
    const data = answer.data
    if (!Array.isArray(data)) throw invalidResponse("Expected data to be an array in Intercom's answer.")
    const matches = (data as Company[]).filter((company) => company.company_id === params.company_id)
    if (matches.length === 0) {
      throw new ToolFailure({ code: 'not_found', field: 'company_id', message: `No company has the company_id ${JSON.stringify(params.company_id)}.`, retryable: false })
    }
    const [company] = matches as [Company]
    if (matches.length > 1 || typeof company.id !== 'string') throw invalidResponse(`Intercom answered ${matches.length} companies with company_id ${JSON.stringify(params.company_id)}, or one without an id.`)
    return { company, companyId: company.id }
  },
  output: z.object({
    company: companySchema,
    companyId: z.string().describe("Intercom's id of the company"),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
