import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { definedOnly } from '../request'
import { asObject, idOf, num, str } from '../schemas/common'
import { noteAuthorSchema, noteContactSchema } from '../schemas/note'

export const createNote = defineTool({
  id: 'intercom_create_note',
  name: 'Create note',
  description:
    "Add an internal note to a contact: text that teammates see on the contact's profile, never the contact. Needs Intercom's contact id (from intercom_search_contacts or intercom_create_contact); optionally the id of the admin to show as author (from intercom_list_admins). Returns the note. Each call adds a new note: do not repeat a call that may have succeeded.",
  params: z.strictObject({
    contactId: idParam("Intercom's id of the contact to add the note to, e.g. 6762f0dd1bb69f9f2193bb83."),
    body: z
      .string()
      .refine((value) => value.trim() !== '', { message: 'must not be empty' })
      .describe('Text of the note, plain text or HTML, e.g. "Called about the invoice; will pay Friday".'),
    admin_id: idParam('Id of the admin shown as the note\'s author, e.g. "991267593" (from intercom_list_admins). When omitted Intercom picks the author.').optional(),
  }),
  route: 'POST /contacts/{contactId}/notes',
  request: (params) => ({ body: definedOnly({ body: params.body, admin_id: params.admin_id }) }),
  transform: (body) => {
    const note = asObject(body, 'a note')
    return {
      id: idOf(note, 'note'),
      body: note.body as string | undefined,
      created_at: note.created_at as number | undefined,
      type: note.type as string | undefined,
      author: note.author as z.infer<typeof noteAuthorSchema>,
      contact: note.contact as z.infer<typeof noteContactSchema>,
    }
  },
  output: z.object({
    id: z.string().describe('Unique identifier for the note'),
    body: str('Text of the note, as Intercom stores it (HTML, e.g. <p>Called about the invoice</p>)'),
    created_at: num('Unix timestamp when the note was created'),
    type: str('Object type (note)'),
    author: noteAuthorSchema,
    contact: noteContactSchema,
  }),
  annotations: { readOnly: false, destructive: false, idempotent: false },
})
