import type { AnyToolDefinition } from '../../types'
import { createCompany } from './create-company'
import { deleteCompany } from './delete-company'
import { findCompanyByCompanyId } from './find-company-by-company-id'
import { getCompany } from './get-company'
import { listCompanies } from './list-companies'
import { scrollCompanies } from './scroll-companies'
import { listCompanyContacts } from './list-company-contacts'
import { updateCompany } from './update-company'

export { createCompany, deleteCompany, findCompanyByCompanyId, getCompany, listCompanies, listCompanyContacts, scrollCompanies, updateCompany }

export const companiesTools: readonly AnyToolDefinition[] = [
  createCompany,
  getCompany,
  listCompanies,
  scrollCompanies,
  updateCompany,
  deleteCompany,
  listCompanyContacts,
  findCompanyByCompanyId,
]
