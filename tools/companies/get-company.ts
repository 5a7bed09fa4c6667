import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { asObject } from '../schemas/common'
import { companySchema, type Company } from '../schemas/company'

export const getCompany = defineTool({
  id: 'intercom_get_company',
  name: 'Get company',
  description:
    "Get one company by Intercom's id for it (a 24-character hex string such as 6762f07f1bb69f9f2193baf5, returned as companyId by intercom_create_company and as id by intercom_list_companies). This is not your own company_id; intercom_list_companies shows both ids of every company.",
  params: z.strictObject({
    companyId: idParam("Intercom's id of the company, e.g. 6762f07f1bb69f9f2193baf5 (not your own company_id)."),
  }),
  route: 'GET /companies/{companyId}',
  transform: (body) => ({ company: asObject(body, 'a company') as Company }),
  output: z.object({ company: companySchema }),
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
