import { z } from 'zod'
import { adminSchema } from './admin'
import { num, object, str } from './common'

/** The contact a note is about. */
export const noteContactSchema = object(
  { type: str('Contact type (contact)'), id: str('Contact ID') },
  'The contact the note was created for',
)

/** The admin who wrote a note. */
export const noteAuthorSchema = adminSchema.nullish().describe('The admin who created the note (type admin, id, name, email, ...)')

/** A note on a contact or a company, as Intercom returns it. Unlisted fields pass through. */
export const noteSchema = z
  .looseObject({
    id: z.string().describe('Unique identifier for the note'),
    type: str('Object type (note)'),
    created_at: num('Unix timestamp when the note was created'),
    body: str('The note text, as HTML, e.g. <p>Called about the invoice</p>'),
    author: noteAuthorSchema,
    contact: noteContactSchema,
    company: object({ type: str('Company type (company)'), id: str('Company ID') }, 'The company the note is about, for company notes'),
  })
  .describe('A note')
