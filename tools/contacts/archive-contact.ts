import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { archiveOutput, archiveResult } from './archive'

export const archiveContact = defineTool({
  id: 'intercom_archive_contact',
  name: 'Archive contact',
  description:
    "Archive a contact: Intercom keeps it, archived, and intercom_unarchive_contact brings it back (unlike intercom_delete_contact, which removes it). Needs Intercom's contact id (from intercom_search_contacts, intercom_list_contacts or intercom_find_contact_by_external_id). Archiving an archived contact changes nothing. Returns the contact's id and archived flag as Intercom reports them.",
  params: z.strictObject({
    contactId: idParam("Intercom's id of the contact to archive, e.g. 6762f0d51bb69f9f2193bb7f."),
  }),
  route: 'POST /contacts/{contactId}/archive',
  request: () => ({}),
  transform: (body) => archiveResult(body),
  output: archiveOutput('Whether the contact is archived (true after this call), as Intercom reports it'),
  annotations: { readOnly: false, destructive: false, idempotent: true },
})
