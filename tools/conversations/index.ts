import type { AnyToolDefinition } from '../../types'

export const conversationsTools: readonly AnyToolDefinition[] = []
