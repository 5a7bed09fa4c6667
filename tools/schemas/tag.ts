import { z } from 'zod'
import { num, object, str } from './common'

/** A tag, as Intercom returns it. Unlisted fields pass through. */
export const tagSchema = z
  .looseObject({
    id: z.string().describe('Unique identifier for the tag'),
    type: str('Object type (tag)'),
    name: str('Name of the tag'),
    applied_at: num('Unix timestamp when the tag was applied (only in answers to a tagging operation)'),
    applied_by: object(
      { type: str('Object type (admin)'), id: str('Id of the admin who applied the tag') },
      'The admin who applied the tag (only in answers to a tagging operation)',
    ),
  })
  .describe('A tag')

/** The output of every tool that answers with one tag: its id, name and type. */
export const tagOutput = z.object({
  id: z.string().describe('Unique identifier for the tag'),
  name: str('Name of the tag'),
  type: str('Object type (tag)'),
})
