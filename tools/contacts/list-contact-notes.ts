import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { listTransform, num, pagesSchema, str } from '../schemas/common'
import { noteSchema } from '../schemas/note'

const output = z.object({
  notes: z.array(noteSchema).describe('The notes on the contact, newest first'),
  type: str('Object type (list)'),
  pages: pagesSchema,
  total_count: num('Total number of notes on the contact'),
})

export const listContactNotes = defineTool({
  id: 'intercom_list_contact_notes',
  name: 'List contact notes',
  description:
    "List the internal notes teammates wrote on a contact (added in Intercom or with intercom_create_note), newest first, one page at a time. Needs Intercom's contact id (from intercom_search_contacts, intercom_list_contacts or intercom_find_contact_by_external_id). Pages are numbered: ask for page 1, 2, 3 ... while page is below pages.total_pages.",
  params: z.strictObject({
    contactId: idParam("Intercom's id of the contact, e.g. 6762f0ab1bb69f9f2193bb60."),
    page: z.number().int().min(1).optional().describe('The page number to read, starting at 1 (Intercom defaults to 1).'),
    per_page: z.number().int().min(1).optional().describe('How many notes per page, a whole number from 1 (Intercom defaults to 15).'),
  }),
  route: 'GET /contacts/{contactId}/notes',
  transform: listTransform<z.infer<typeof output>>({ what: 'a note list', items: 'data', as: 'notes', copy: ['type', 'pages', 'total_count'] }),
  output,
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
