import { z } from 'zod'
import { defineTool } from '../define'
import { listTransform, str } from '../schemas/common'
import { teamSchema } from '../schemas/reference'

const output = z.object({
  teams: z.array(teamSchema).describe('The teams of the workspace'),
  type: str('Object type (team.list)'),
})

export const listTeams = defineTool({
  id: 'intercom_list_teams',
  name: 'List teams',
  description:
    "List the workspace's teams (groups of admins, e.g. \"Billing\", \"Tier 2 support\"), all at once, with the ids of their admins. A team's id is the assignee_id to give intercom_assign_conversation with assignee_type \"team\", and a team assignee_id of intercom_update_ticket.",
  params: z.strictObject({}),
  route: 'GET /teams',
  transform: listTransform<z.infer<typeof output>>({ what: 'a team list', items: 'teams', as: 'teams', copy: ['type'] }),
  output,
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
