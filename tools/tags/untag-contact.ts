import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { tagOutput } from '../schemas/tag'
import { tagResult } from './tag-result'

export const untagContact = defineTool({
  id: 'intercom_untag_contact',
  name: 'Untag contact',
  description:
    "Remove a tag from a contact. The tag itself stays in the workspace and can be put back with intercom_tag_contact. Needs Intercom's contact id (from intercom_search_contacts) and the tag's id (from intercom_list_tags, or the contact's tags). Returns the removed tag's id, name and type.",
  params: z.strictObject({
    contactId: idParam("Intercom's id of the contact, e.g. 6762f0dd1bb69f9f2193bb83."),
    tagId: idParam('Id of the tag to remove, e.g. "7522907" (from intercom_list_tags).'),
  }),
  route: 'DELETE /contacts/{contactId}/tags/{tagId}',
  transform: (body) => tagResult(body),
  output: tagOutput.extend({
    id: tagOutput.shape.id.describe('Unique identifier for the tag that was removed'),
    name: tagOutput.shape.name.describe('Name of the tag that was removed'),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: true },
})
