import type { AnyToolDefinition } from '../../types'
import { createCompany } from './create-company'
import { getCompany } from './get-company'
import { listCompanies } from './list-companies'

export { createCompany, getCompany, listCompanies }

export const companiesTools: readonly AnyToolDefinition[] = [createCompany, getCompany, listCompanies]
