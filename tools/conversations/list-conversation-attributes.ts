import { z } from 'zod'
import { defineTool } from '../define'
import { includeArchivedParam } from '../params'
import { listTransform, str } from '../schemas/common'
import { conversationAttributeSchema } from '../schemas/reference'

const output = z.object({
  conversation_attributes: z.array(conversationAttributeSchema).describe('The conversation attributes of the workspace'),
  type: str('Object type (list)'),
})

export const listConversationAttributes = defineTool({
  id: 'intercom_list_conversation_attributes',
  name: 'List conversation attributes',
  description:
    "List the workspace's conversation attributes (conversation data such as an issue type or an order number), all at once, with their data_type, whether they are required, and for list attributes their options (id and label). Use it to learn the names to use as keys in custom_attributes of intercom_update_conversation, the type of value each takes, and the labels a list attribute offers. Archived attributes are left out unless include_archived is true; do not set archived attributes or archived options. Contact and company attributes are listed by intercom_list_data_attributes.",
  params: z.strictObject({
    include_archived: includeArchivedParam,
  }),
  route: 'GET /conversations/attributes',
  transform: listTransform<z.infer<typeof output>>({ what: 'a conversation attribute list', items: 'data', as: 'conversation_attributes', copy: ['type'] }),
  output,
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
