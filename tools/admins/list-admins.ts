import { z } from 'zod'
import { defineTool } from '../define'
import { adminSchema } from '../schemas/admin'
import { listTransform, str } from '../schemas/common'

const output = z.object({
  admins: z.array(adminSchema).describe('Array of admin objects'),
  type: str('Object type (admin.list)'),
})

export const listAdmins = defineTool({
  id: 'intercom_list_admins',
  name: 'List admins',
  description:
    "List the workspace's admins (teammates who work in Intercom), all at once. Use it to find the admin id that other tools take: admin_id of intercom_update_ticket and intercom_tag_conversation and intercom_create_note, from_id of intercom_create_message, owner_id of contacts, and an assignee_id. Ids are digit strings such as \"991267593\".",
  params: z.strictObject({}),
  route: 'GET /admins',
  transform: listTransform<z.infer<typeof output>>({ what: 'an admin list', items: 'admins', as: 'admins', copy: ['type'] }),
  output,
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
