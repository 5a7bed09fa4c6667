import type { AnyToolDefinition } from '../../types'

export const ticketsTools: readonly AnyToolDefinition[] = []
