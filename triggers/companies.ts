import { z } from 'zod'
import { companySchema, type Company } from '../tools/schemas/company'
import type { AnyTriggerDefinition, TriggerDefinition, TriggerEventBase } from '../types'
import { defineTrigger, eventBase, eventBaseShape, idField, itemOf, withUnixTimes } from './define'
import { sampleCompany, sampleNotification } from './samples'

export type CompanyTriggerOutput = TriggerEventBase & { company: Company; companyId: string }

export const companyCreated: TriggerDefinition<CompanyTriggerOutput> = defineTrigger<CompanyTriggerOutput>({
  id: 'intercom_company_created',
  name: 'Company created',
  description: 'Starts when a company is created in the workspace.',
  topics: ['company.created'],
  output: z.object({
    ...eventBaseShape,
    company: companySchema.describe('The company, in the shape intercom_get_company returns'),
    companyId: z.string().describe("Intercom's id of the company, as the company tools take it (companyId)"),
  }),
  toOutput(notification) {
    const item = itemOf(notification, ['company'])
    const companyId = idField(item, 'id', 'data.item.id')
    return { ...eventBase(notification), company: { ...withUnixTimes(item), id: companyId } as Company, companyId }
  },
  sample: sampleNotification('company.created', sampleCompany()),
})

export const companyTriggers: AnyTriggerDefinition[] = [companyCreated]
