/** DELETE /companies/{id}: Intercom archives the company and detaches its contacts (which stay). */
import { ok, route, type Route, type SandboxRequest } from '../router'

export const companyDeleteRoutes: Route[] = [route('DELETE', '/companies/{company_id}', deleteCompany)]

function deleteCompany({ params, store }: SandboxRequest) {
  const company = store.requireCompany(params.company_id ?? '')
  const { data } = store
  data.companies = data.companies.filter((candidate) => candidate.id !== company.id)
  for (const contact of data.contacts) contact.company_ids = contact.company_ids.filter((entry) => entry !== company.id)
  for (const conversation of data.conversations) if (conversation.company_id === company.id) conversation.company_id = null
  for (const ticket of data.tickets) if (ticket.company_id === company.id) ticket.company_id = null
  store.touch()
  return ok({ id: company.id, object: 'company', deleted: true })
}
