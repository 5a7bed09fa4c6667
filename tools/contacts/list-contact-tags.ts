import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { listTransform, str } from '../schemas/common'
import { tagSchema } from '../schemas/tag'

const output = z.object({
  tags: z.array(tagSchema).describe('The tags on the contact'),
  type: str('Object type (list)'),
})

export const listContactTags = defineTool({
  id: 'intercom_list_contact_tags',
  name: 'List contact tags',
  description:
    "List every tag on one contact, all at once (a contact's own answer embeds at most 10). Needs Intercom's contact id (from intercom_search_contacts, intercom_list_contacts or intercom_find_contact_by_external_id). The tag ids it returns are the tagId that intercom_untag_contact takes.",
  params: z.strictObject({
    contactId: idParam("Intercom's id of the contact, e.g. 63a07ddf05a32042dffac965."),
  }),
  route: 'GET /contacts/{contactId}/tags',
  transform: listTransform<z.infer<typeof output>>({ what: 'a tag list', items: 'data', as: 'tags', copy: ['type'] }),
  output,
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
