import { z } from 'zod'
import { defineTool } from '../define'
import { jsonParam, timestampParam } from '../params'
import { definedOnly } from '../request'
import { asObject, idOf } from '../schemas/common'
import { companySchema, type Company } from '../schemas/company'
import { companyAttributes, MAX_MONTHLY_SPEND } from './fields'

export const createCompany = defineTool({
  id: 'intercom_create_company',
  name: 'Create or update company',
  description:
    "Create a company in Intercom, or update it if one with the same company_id already exists (an upsert keyed on company_id, your own identifier for the company, which can never be changed once set). Only the fields you give are sent. Returns the company and Intercom's own id for it (companyId, a 24-character hex string such as 6762f0761bb69f9f2193bae2), which intercom_get_company and the contact-company tools take. Note: Intercom only shows a company in lists once at least one contact is attached to it.",
  params: z.strictObject({
    company_id: z
      .union([z.string(), z.number().int().nonnegative()])
      .transform((value) => String(value))
      .refine((value) => value.trim() !== '', { message: 'must not be empty' })
      .describe("Your own unique identifier for the company (e.g. the account id in your product). If a company with this company_id exists it is updated, otherwise one is created. It cannot be changed later. Not Intercom's id. A whole number is sent as its text."),
    name: z.string().optional().describe('The name of the company, e.g. "Acme Inc".'),
    website: z.string().optional().describe('The URL of the company website, e.g. https://acme.example. Intercom does not check it.'),
    plan: z.string().optional().describe('The name of the plan the company is on, e.g. "Enterprise".'),
    size: z.number().int().nonnegative().optional().describe('The number of employees in the company, a whole number. 0 is sent as 0.'),
    industry: z.string().optional().describe('The industry the company operates in, e.g. "Manufacturing".'),
    monthly_spend: z
      .number()
      .nonnegative()
      .max(MAX_MONTHLY_SPEND)
      .optional()
      .describe(
        `How much revenue the company generates for your business each month. Intercom stores whole numbers only: a fraction is truncated before sending (155.98 is sent as 155). At most ${MAX_MONTHLY_SPEND}.`,
      ),
    custom_attributes: jsonParam(
      companyAttributes,
      'Custom attributes of the company as a JSON object of names to string, number or boolean values, e.g. {"paid_subscriber": true, "team_mates": 9}. The attributes must already exist in the workspace. JSON text of an object is accepted too.',
    ).optional(),
    remote_created_at: timestampParam('When the company was created in your system, as a unix timestamp in seconds.').optional(),
    update_last_request_at: z
      .boolean()
      .optional()
      .describe("Set to true to record now as the company's last request time (last_request_at). Intercom 2.16."),
  }),
  route: 'POST /companies',
  request: ({ monthly_spend, ...fields }) => ({
    body: definedOnly({ ...fields, monthly_spend: monthly_spend === undefined ? undefined : Math.trunc(monthly_spend) }),
  }),
  transform: (body) => {
    const company = asObject(body, 'a company') as Company
    return { company, companyId: idOf(company, 'company') }
  },
  output: z.object({
    company: companySchema,
    companyId: z.string().describe("ID of the created/updated company (Intercom's id)"),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: true },
})
