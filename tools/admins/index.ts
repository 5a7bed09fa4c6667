import type { AnyToolDefinition } from '../../types'
import { listAdmins } from './list-admins'

export { listAdmins }

export const adminsTools: readonly AnyToolDefinition[] = [listAdmins]
