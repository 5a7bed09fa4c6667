import { z } from 'zod'
import { defineTool } from '../define'
import { asArray, asObject, str } from '../schemas/common'
import { tagSchema } from '../schemas/tag'

export const listTags = defineTool({
  id: 'intercom_list_tags',
  name: 'List tags',
  description:
    'List every tag of the workspace (labels put on contacts, companies and conversations), all at once. Use it to find the tagId that intercom_tag_contact, intercom_untag_contact and intercom_tag_conversation take, or to check whether a tag exists before creating one with intercom_create_tag.',
  params: z.strictObject({}),
  route: 'GET /tags',
  transform: (body) => {
    const list = asObject(body, 'a tag list')
    return {
      tags: asArray(list.data, 'data') as Array<z.infer<typeof tagSchema>>,
      type: list.type as string | undefined,
    }
  },
  output: z.object({
    tags: z.array(tagSchema).describe('Array of tag objects'),
    type: str('Object type (list)'),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
