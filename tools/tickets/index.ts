import type { AnyToolDefinition } from '../../types'
import { createTicket } from './create-ticket'
import { getTicket } from './get-ticket'
import { updateTicket } from './update-ticket'

export { createTicket, getTicket, updateTicket }

export const ticketsTools: readonly AnyToolDefinition[] = [createTicket, getTicket, updateTicket]
