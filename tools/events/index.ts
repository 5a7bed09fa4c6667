import type { AnyToolDefinition } from '../../types'

export const eventsTools: readonly AnyToolDefinition[] = []
