import { z } from 'zod'
import { defineTool } from '../define'
import { listTransform, str } from '../schemas/common'
import { tagSchema } from '../schemas/tag'

const output = z.object({
  tags: z.array(tagSchema).describe('Array of tag objects'),
  type: str('Object type (list)'),
})

export const listTags = defineTool({
  id: 'intercom_list_tags',
  name: 'List tags',
  description:
    'List every tag of the workspace (labels put on contacts, companies and conversations), all at once. Use it to find the tagId that intercom_tag_contact, intercom_untag_contact and intercom_tag_conversation take, or to check whether a tag exists before creating one with intercom_create_tag.',
  params: z.strictObject({}),
  route: 'GET /tags',
  transform: listTransform<z.infer<typeof output>>({ what: 'a tag list', items: 'data', as: 'tags', copy: ['type'] }),
  output,
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
