import type { AnyToolDefinition } from '../../types'

export const companiesTools: readonly AnyToolDefinition[] = []
