import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { definedOnly } from '../request'
import { idOut } from '../schemas/common'
import { conversationSchema } from '../schemas/conversation'
import { actingAdminParam, conversationIdParam, conversationResult } from './shared'

export const assignConversation = defineTool({
  id: 'intercom_assign_conversation',
  name: 'Assign conversation',
  description:
    "Assign a conversation to an admin (teammate) or to a team, or unassign it with assignee_id \"0\". A conversation can have an admin and a team assignee at the same time; one call sets one of them, chosen by assignee_type (admin by default). Needs Intercom's conversation id (digits such as \"1295\", from intercom_list_conversations or intercom_search_conversations), the acting admin's id and the assignee's id (admin ids from intercom_list_admins; team ids from intercom_list_teams). Assigning a closed conversation may reopen it. Each call adds an assignment part. Returns the conversation and both assignee ids as Intercom reports them.",
  params: z.strictObject({
    conversationId: conversationIdParam('to assign'),
    admin_id: actingAdminParam('makes the assignment'),
    assignee_id: idParam(
      'The id of the admin or team to assign the conversation to (digits, e.g. "991267715"; a number is sent as text). "0" unassigns (Intercom: assigned to no admin or team).',
    ),
    assignee_type: z
      .enum(['admin', 'team'])
      .default('admin')
      .describe('Whether assignee_id is an admin or a team: "admin" (the default when left out) or "team". Sent to Intercom as type.'),
    body: z
      .string()
      .optional()
      .describe('An optional message posted in the conversation with the assignment, e.g. "Passing you to our billing team."'),
  }),
  route: 'POST /conversations/{conversationId}/parts',
  request: ({ admin_id, assignee_id, assignee_type, body }) => ({
    body: definedOnly({ message_type: 'assignment', type: assignee_type, admin_id, assignee_id, body }),
  }),
  transform: (body) => {
    const { conversation, conversationId } = conversationResult(body)
    return {
      conversation,
      conversationId,
      admin_assignee_id: conversation.admin_assignee_id,
      team_assignee_id: conversation.team_assignee_id,
    }
  },
  output: z.object({
    conversation: conversationSchema.describe('The assigned conversation object'),
    conversationId: z.string().describe('ID of the assigned conversation'),
    admin_assignee_id: idOut('ID of the assigned admin, as Intercom reports it (0 when no admin is assigned)'),
    team_assignee_id: idOut('ID of the assigned team, as Intercom reports it (0 when no team is assigned)'),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: false },
})
