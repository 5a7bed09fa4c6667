import { z } from 'zod'
import { ticketSchema } from '../tools/schemas/ticket'
import type { AnyTriggerDefinition, TriggerDefinition, TriggerEventBase, WebhookNotification } from '../types'
import { defineTrigger, eventBase, eventBaseShape, idField, itemOf, withUnixTimes } from './define'
import { sampleNotification, sampleTicket } from './samples'

type Ticket = z.infer<typeof ticketSchema>

export type TicketTriggerOutput = TriggerEventBase & { ticket: Ticket; ticketId: string }

const ticketOutput = z.object({
  ...eventBaseShape,
  ticket: ticketSchema.describe('The ticket, in the shape intercom_get_ticket returns'),
  ticketId: z.string().describe("Intercom's internal id of the ticket, as intercom_get_ticket and intercom_update_ticket take it (ticketId)"),
})

function toTicketOutput(notification: WebhookNotification): TicketTriggerOutput {
  const item = itemOf(notification, ['ticket'])
  const ticketId = idField(item, 'id', 'data.item.id')
  return { ...eventBase(notification), ticket: { ...withUnixTimes(item), id: ticketId } as Ticket, ticketId }
}

export const ticketCreated: TriggerDefinition<TicketTriggerOutput> = defineTrigger<TicketTriggerOutput>({
  id: 'intercom_ticket_created',
  name: 'Ticket created',
  description: 'Starts when a ticket is created (by a teammate, from a conversation, or by a contact in the Messenger).',
  topics: ['ticket.created'],
  output: ticketOutput,
  toOutput: toTicketOutput,
  sample: sampleNotification('ticket.created', sampleTicket()),
})

export const ticketStateUpdated: TriggerDefinition<TicketTriggerOutput> = defineTrigger<TicketTriggerOutput>({
  id: 'intercom_ticket_state_updated',
  name: 'Ticket state changed',
  description:
    "Starts when a ticket moves to another state (e.g. submitted → in progress → resolved). ticket.ticket_state is the new state; previous_ticket_state_id the one before.",
  topics: ['ticket.state.updated'],
  output: ticketOutput,
  toOutput: toTicketOutput,
  sample: sampleNotification(
    'ticket.state.updated',
    sampleTicket({
      ticket_state: { type: 'ticket_state', id: '8', category: 'in_progress', internal_label: 'In progress', external_label: 'In progress' },
      previous_ticket_state_id: '7',
    }),
  ),
})

export const ticketTriggers: AnyTriggerDefinition[] = [ticketCreated, ticketStateUpdated]
