import type { AnyToolDefinition } from '../../types'

export const companyLinksTools: readonly AnyToolDefinition[] = []
