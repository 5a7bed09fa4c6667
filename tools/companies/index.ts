import type { AnyToolDefinition } from '../../types'
import { createCompany } from './create-company'
import { getCompany } from './get-company'
import { listCompanies } from './list-companies'
import { scrollCompanies } from './scroll-companies'

export { createCompany, getCompany, listCompanies, scrollCompanies }

export const companiesTools: readonly AnyToolDefinition[] = [createCompany, getCompany, listCompanies, scrollCompanies]
