import type { AnyToolDefinition } from '../../types'
import { createTicket } from './create-ticket'
import { getTicket } from './get-ticket'
import { listTicketStates } from './list-ticket-states'
import { listTicketTypes } from './list-ticket-types'
import { replyTicket } from './reply-ticket'
import { searchTickets } from './search-tickets'
import { updateTicket } from './update-ticket'

export { createTicket, getTicket, listTicketStates, listTicketTypes, replyTicket, searchTickets, updateTicket }

export const ticketsTools: readonly AnyToolDefinition[] = [
  createTicket,
  getTicket,
  updateTicket,
  replyTicket,
  searchTickets,
  listTicketTypes,
  listTicketStates,
]
