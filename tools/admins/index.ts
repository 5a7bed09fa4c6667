import type { AnyToolDefinition } from '../../types'

export const adminsTools: readonly AnyToolDefinition[] = []
