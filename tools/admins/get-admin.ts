import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { adminSchema } from '../schemas/admin'
import { asObject } from '../schemas/common'

export const getAdmin = defineTool({
  id: 'intercom_get_admin',
  name: 'Get admin',
  description:
    "Get one admin (teammate) by id: name, email, job title, away status and team ids. Admin ids are digit strings such as \"991267593\", found with intercom_list_admins or in other answers (a conversation's admin_assignee_id, a note's author.id). To know which admin owns the access token use intercom_get_current_admin.",
  params: z.strictObject({
    adminId: idParam('Id of the admin, digits such as "991267593" (from intercom_list_admins).', 'admin'),
  }),
  route: 'GET /admins/{adminId}',
  transform: (body) => ({ admin: asObject(body, 'an admin') as z.infer<typeof adminSchema> }),
  output: z.object({ admin: adminSchema }),
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
