import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { archiveOutput, archiveResult } from './archive'

export const unarchiveContact = defineTool({
  id: 'intercom_unarchive_contact',
  name: 'Unarchive contact',
  description:
    "Bring back a contact archived with intercom_archive_contact. Needs Intercom's contact id (the id intercom_archive_contact returned). Unarchiving an active contact changes nothing. Returns the contact's id and archived flag as Intercom reports them.",
  params: z.strictObject({
    contactId: idParam("Intercom's id of the archived contact, e.g. 6762f0d51bb69f9f2193bb7f."),
  }),
  route: 'POST /contacts/{contactId}/unarchive',
  request: () => ({}),
  transform: (body) => archiveResult(body),
  output: archiveOutput('Whether the contact is archived (false after this call), as Intercom reports it'),
  annotations: { readOnly: false, destructive: false, idempotent: true },
})
