import type { AnyToolDefinition } from '../../types'

export const messagesTools: readonly AnyToolDefinition[] = []
