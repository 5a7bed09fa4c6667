import type { AnyToolDefinition } from '../../types'
import { assignConversation } from './assign-conversation'
import { closeConversation } from './close-conversation'
import { getConversation } from './get-conversation'
import { listConversations } from './list-conversations'
import { openConversation } from './open-conversation'
import { replyConversation } from './reply-conversation'
import { searchConversations } from './search-conversations'
import { snoozeConversation } from './snooze-conversation'

export {
  assignConversation,
  closeConversation,
  getConversation,
  listConversations,
  openConversation,
  replyConversation,
  searchConversations,
  snoozeConversation,
}

export const conversationsTools: readonly AnyToolDefinition[] = [
  getConversation,
  listConversations,
  replyConversation,
  searchConversations,
  closeConversation,
  openConversation,
  snoozeConversation,
  assignConversation,
]
