import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { asObject, bool, idOf } from '../schemas/common'

export const deleteContact = defineTool({
  id: 'intercom_delete_contact',
  name: 'Delete contact',
  description:
    "Permanently delete a contact by Intercom's contact id (from intercom_search_contacts or intercom_list_contacts). This cannot be undone: the contact's data and conversation history links are removed. Returns the deleted id and Intercom's deleted flag.",
  params: z.strictObject({
    contactId: idParam("Intercom's id of the contact to delete, e.g. 6762f0d51bb69f9f2193bb7f."),
  }),
  route: 'DELETE /contacts/{contactId}',
  transform: (body) => {
    const deleted = asObject(body, 'a deleted contact')
    return { id: idOf(deleted, 'deleted contact'), deleted: deleted.deleted as boolean | undefined }
  },
  output: z.object({
    id: z.string().describe('ID of deleted contact'),
    deleted: bool('Whether the contact was deleted, as Intercom reports it'),
  }),
  annotations: { readOnly: false, destructive: true, idempotent: true },
})
