import type { AnyToolDefinition } from '../../types'
import { createMessage } from './create-message'

export { createMessage }

export const messagesTools: readonly AnyToolDefinition[] = [createMessage]
