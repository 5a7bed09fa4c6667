import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { tagOutput } from '../schemas/tag'
import { tagResult } from './tag-result'

export const tagConversation = defineTool({
  id: 'intercom_tag_conversation',
  name: 'Tag conversation',
  description:
    "Put an existing tag on a conversation, on behalf of an admin. Needs the conversation's id (from intercom_list_conversations or intercom_search_conversations), the tag's id (from intercom_list_tags or intercom_create_tag) and the id of the admin applying it (from intercom_list_admins). Tagging twice leaves one tag. Returns the tag's id, name and type.",
  params: z.strictObject({
    conversationId: idParam('Id of the conversation, e.g. "64619700005694".'),
    tagId: idParam('Id of the tag to apply, e.g. "7522907" (from intercom_list_tags or intercom_create_tag).'),
    admin_id: idParam('Id of the admin applying the tag, e.g. "991267593" (from intercom_list_admins).'),
  }),
  route: 'POST /conversations/{conversationId}/tags',
  request: (params) => ({ body: { id: params.tagId, admin_id: params.admin_id } }),
  transform: (body) => tagResult(body),
  output: tagOutput,
  annotations: { readOnly: false, destructive: false, idempotent: true },
})
