import { z } from 'zod'
import { bool, idOf, asObject, str } from '../schemas/common'

/** The answer of archive and unarchive: a contact reference and its archived flag. */
export const archiveOutput = (archived: string) =>
  z.object({
    id: z.string().describe('ID of the contact'),
    type: str('Object type (contact)'),
    external_id: str('Your own id of the contact, when it has one'),
    archived: bool(archived),
  })

export function archiveResult(body: unknown): z.infer<ReturnType<typeof archiveOutput>> {
  const contact = asObject(body, 'an archived contact reference')
  return {
    id: idOf(contact, 'contact'),
    type: contact.type as string | undefined,
    external_id: contact.external_id as string | undefined,
    archived: contact.archived as boolean | undefined,
  }
}
