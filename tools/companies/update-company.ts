import { z } from 'zod'
import { defineTool } from '../define'
import { idParam, jsonParam } from '../params'
import { definedOnly } from '../request'
import { asObject, idOf } from '../schemas/common'
import { companySchema, type Company } from '../schemas/company'
import { companyAttributes, MAX_MONTHLY_SPEND } from './fields'

export const updateCompany = defineTool({
  id: 'intercom_update_company',
  name: 'Update company',
  description:
    "Change fields of an existing company, found by Intercom's id for it (companyId from intercom_create_company, the id from intercom_list_companies or intercom_list_contact_companies, or intercom_find_company_by_company_id to look it up by your own company_id). Only the fields you give are sent. The company's own company_id can never be changed. Returns the updated company.",
  params: z
    .strictObject({
      companyId: idParam("Intercom's id of the company to update, e.g. 6762f0841bb69f9f2193baff (not your own company_id)."),
      name: z.string().optional().describe('The new name of the company, e.g. "Acme Inc".'),
      website: z.string().optional().describe('The URL of the company website, e.g. https://acme.example.'),
      plan: z.string().optional().describe('The name of the plan the company is on, e.g. "Enterprise".'),
      size: z.number().int().nonnegative().optional().describe('The number of employees in the company, a whole number. 0 is sent as 0.'),
      industry: z.string().optional().describe('The industry the company operates in, e.g. "Manufacturing".'),
      monthly_spend: z
        .number()
        .int()
        .nonnegative()
        .max(MAX_MONTHLY_SPEND)
        .optional()
        .describe(`How much revenue the company generates for your business each month, a whole number up to ${MAX_MONTHLY_SPEND}.`),
      custom_attributes: jsonParam(
        companyAttributes,
        'Custom attributes to set, as a JSON object of names to string, number or boolean values, e.g. {"paid_subscriber": true, "team_mates": 9}; null clears one. The attributes must already exist in the workspace (intercom_list_data_attributes with model "company" lists them). JSON text of an object is accepted too.',
      ).optional(),
    })
    .refine((params) => Object.keys(params).some((key) => key !== 'companyId' && params[key as keyof typeof params] !== undefined), {
      message: 'give at least one field to change',
      path: ['companyId'],
    }),
  route: 'PUT /companies/{companyId}',
  request: ({ companyId: _companyId, ...fields }) => ({ body: definedOnly(fields) }),
  transform: (body) => {
    const company = asObject(body, 'a company') as Company
    return { company, companyId: idOf(company, 'company') }
  },
  output: z.object({
    company: companySchema,
    companyId: z.string().describe("Intercom's id of the updated company"),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: true },
})
