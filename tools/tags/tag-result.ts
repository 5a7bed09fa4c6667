import type { z } from 'zod'
import { asObject, idOf } from '../schemas/common'
import type { tagOutput } from '../schemas/tag'

/** The id, name and type of the tag Intercom answered with. */
export function tagResult(body: unknown): z.infer<typeof tagOutput> {
  const tag = asObject(body, 'a tag')
  return { id: idOf(tag, 'tag'), name: tag.name as string | undefined, type: tag.type as string | undefined }
}
