import type { AnyToolDefinition } from '../../types'

export const tagsTools: readonly AnyToolDefinition[] = []
