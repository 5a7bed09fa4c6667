import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { tagOutput } from '../schemas/tag'
import { tagResult } from './tag-result'

export const tagContact = defineTool({
  id: 'intercom_tag_contact',
  name: 'Tag contact',
  description:
    "Put an existing tag on a contact. Needs Intercom's contact id (from intercom_search_contacts or intercom_create_contact) and the tag's id (from intercom_list_tags or intercom_create_tag; create the tag first if it does not exist). Tagging twice leaves one tag. Returns the tag's id, name and type.",
  params: z.strictObject({
    contactId: idParam("Intercom's id of the contact, e.g. 6762f0dd1bb69f9f2193bb83."),
    tagId: idParam('Id of the tag to apply, e.g. "7522907" (from intercom_list_tags or intercom_create_tag).'),
  }),
  route: 'POST /contacts/{contactId}/tags',
  request: (params) => ({ body: { id: params.tagId } }),
  transform: (body) => tagResult(body),
  output: tagOutput,
  annotations: { readOnly: false, destructive: false, idempotent: true },
})
