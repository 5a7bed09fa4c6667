import { z } from 'zod'
import { defineTool } from '../define'
import { adminSchema } from '../schemas/admin'
import { asObject, bool, num, object, str } from '../schemas/common'

const appSchema = object(
  {
    type: str('Object type (app)'),
    id_code: str('Id of the workspace'),
    name: str('Name of the workspace'),
    region: str('Data centre region of the workspace, e.g. US'),
    timezone: str('Timezone of the workspace'),
    created_at: num('Unix timestamp when the workspace was created'),
    secure: bool('Whether the workspace requires secure mode'),
    identity_verification: bool('Whether identity verification is enabled'),
  },
  'The workspace the admin belongs to',
)

export const getCurrentAdmin = defineTool({
  id: 'intercom_get_current_admin',
  name: 'Get current admin',
  description:
    "Get the admin who owns the access token in use (Intercom's /me), with the workspace (app) it belongs to: the workspace's id_code, name, region and timezone. Use it to learn which teammate the other tools act as, or to check that a token works. Its id is an admin_id the other tools take, like the ids of intercom_list_admins.",
  params: z.strictObject({}),
  route: 'GET /me',
  transform: (body) => {
    const admin = asObject(body, 'an admin') as z.infer<typeof adminSchema>
    return { admin, app: admin.app as z.infer<typeof appSchema> }
  },
  output: z.object({
    admin: adminSchema.describe('The admin who owns the access token'),
    app: appSchema,
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
