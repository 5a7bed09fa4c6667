import type { AnyToolDefinition } from '../../types'
import { assignConversation } from './assign-conversation'
import { attachContactToConversation } from './attach-contact-to-conversation'
import { closeConversation } from './close-conversation'
import { createConversation } from './create-conversation'
import { getConversation } from './get-conversation'
import { listConversationAttributes } from './list-conversation-attributes'
import { listConversations } from './list-conversations'
import { openConversation } from './open-conversation'
import { redactConversationPart } from './redact-conversation-part'
import { replyConversation } from './reply-conversation'
import { searchConversations } from './search-conversations'
import { snoozeConversation } from './snooze-conversation'
import { updateConversation } from './update-conversation'

export {
  assignConversation,
  attachContactToConversation,
  closeConversation,
  createConversation,
  getConversation,
  listConversationAttributes,
  listConversations,
  openConversation,
  redactConversationPart,
  replyConversation,
  searchConversations,
  snoozeConversation,
  updateConversation,
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
  createConversation,
  updateConversation,
  attachContactToConversation,
  redactConversationPart,
  listConversationAttributes,
]
