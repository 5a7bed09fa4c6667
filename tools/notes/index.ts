import type { AnyToolDefinition } from '../../types'

export const notesTools: readonly AnyToolDefinition[] = []
