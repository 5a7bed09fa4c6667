import type { AnyToolDefinition } from '../../types'
import { getAdmin } from './get-admin'
import { getCurrentAdmin } from './get-current-admin'
import { listAdmins } from './list-admins'

export { getAdmin, getCurrentAdmin, listAdmins }

export const adminsTools: readonly AnyToolDefinition[] = [listAdmins, getAdmin, getCurrentAdmin]
