import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { asObject, bool, idOf, str } from '../schemas/common'

export const deleteCompany = defineTool({
  id: 'intercom_delete_company',
  name: 'Delete company',
  description:
    "Delete a company by Intercom's id for it (companyId from intercom_create_company, the id from intercom_list_companies, or intercom_find_company_by_company_id). Intercom archives the company and detaches all its contacts (the contacts themselves stay); it cannot be brought back through the API, and a sync from another system (e.g. Salesforce) may recreate it. Returns the deleted id and Intercom's deleted flag.",
  params: z.strictObject({
    companyId: idParam("Intercom's id of the company to delete, e.g. 6762f0881bb69f9f2193bb09 (not your own company_id)."),
  }),
  route: 'DELETE /companies/{companyId}',
  transform: (body) => {
    const deleted = asObject(body, 'a deleted company')
    return { id: idOf(deleted, 'deleted company'), object: deleted.object as string | undefined, deleted: deleted.deleted as boolean | undefined }
  },
  output: z.object({
    id: z.string().describe('ID of the deleted company'),
    object: str('Object type (company)'),
    deleted: bool('Whether the company was deleted, as Intercom reports it'),
  }),
  annotations: { readOnly: false, destructive: true, idempotent: true },
})
