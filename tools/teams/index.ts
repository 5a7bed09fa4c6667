import type { AnyToolDefinition } from '../../types'
import { listTeams } from './list-teams'

export { listTeams }

export const teamsTools: readonly AnyToolDefinition[] = [listTeams]
