import { z } from 'zod'
import { defineTool } from '../define'
import { listTransform, num, str } from '../schemas/common'
import { companySchema } from '../schemas/company'

const output = z.object({
  companies: z.array(companySchema).describe('Array of company objects; empty when the scroll has reached the end'),
  scroll_param: str('The scroll to pass as scroll_param to get the next batch (valid for one minute)'),
  total_count: num('Total number of companies, when Intercom reports it'),
})

export const scrollCompanies = defineTool({
  id: 'intercom_scroll_companies',
  name: 'Scroll companies',
  description:
    'Go through every company of the workspace in batches, past the 10,000 companies that intercom_list_companies can reach. Call it first without scroll_param; then pass the scroll_param of each answer to get the next batch, until companies comes back empty. An app can have only one scroll open at a time, and a scroll expires after one minute without a call: starting a second scroll while one is open fails. Intercom chooses the order and the batch size. If Intercom answers a server error mid-scroll, the scroll cannot be resumed: start again without scroll_param once the open one has expired.',
  params: z.strictObject({
    scroll_param: z
      .string()
      .min(1)
      .optional()
      .describe('The scroll_param of the previous answer, to get the next batch. Leave out to start a new scroll.'),
  }),
  route: 'GET /companies/scroll',
  transform: listTransform<z.infer<typeof output>>({ what: 'a company scroll', items: 'data', as: 'companies', copy: ['scroll_param', 'total_count'] }),
  output,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  errorHints: [
    {
      match: /scroll_exists|scroll.*already (exists|open)|only one scroll/i,
      hint: 'An app can have only one company scroll open at a time: another scroll of this app (this or another process) is still open. It expires one minute after its last call; wait, then start again without scroll_param.',
    },
    {
      match: /scroll.*(expired|invalid|not found|not exist)|(expired|invalid).*scroll/i,
      hint: 'The scroll_param has expired (a scroll lives one minute after its last call) or is unknown: start a new scroll without scroll_param.',
    },
  ],
})
