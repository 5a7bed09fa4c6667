import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { tagOutput } from '../schemas/tag'
import { tagResult } from './tag-result'

export const untagConversation = defineTool({
  id: 'intercom_untag_conversation',
  name: 'Untag conversation',
  description:
    "Remove a tag from a conversation, on behalf of an admin. The tag itself stays in the workspace and intercom_tag_conversation puts it back. Needs the conversation's id (from intercom_list_conversations or intercom_search_conversations), the tag's id (from intercom_list_tags, or conversation.tags in intercom_get_conversation) and the id of the admin removing it (from intercom_list_admins). Returns the removed tag's id, name and type.",
  params: z.strictObject({
    conversationId: idParam('Id of the conversation, e.g. "64619700005694".'),
    tagId: idParam('Id of the tag to remove, e.g. "7522907" (from intercom_list_tags).'),
    admin_id: idParam('Id of the admin removing the tag, e.g. "991267593" (from intercom_list_admins).'),
  }),
  route: 'DELETE /conversations/{conversationId}/tags/{tagId}',
  // Intercom takes the acting admin in the body of this DELETE.
  request: (params) => ({ body: { admin_id: params.admin_id } }),
  transform: (body) => tagResult(body),
  output: tagOutput.extend({
    id: tagOutput.shape.id.describe('Unique identifier for the tag that was removed'),
    name: tagOutput.shape.name.describe('Name of the tag that was removed'),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: true },
})
