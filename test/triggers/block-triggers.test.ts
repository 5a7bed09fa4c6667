import { describe, expect, it } from 'vitest'
import { blockWebhookHandlerOptions, createWebhookHandler, intercomBlock, listTriggers, signWebhookBody } from '../../index'
import type { TriggerEvent } from '../../index'

const triggers = intercomBlock.triggers!

describe("the block's triggers", () => {
  it('are enabled and offer every trigger of the registry, with its topics and outputs from the output schema', () => {
    expect(triggers.enabled).toBe(true)
    expect(triggers.available).toEqual(listTriggers().map((trigger) => trigger.id))
    for (const trigger of listTriggers()) {
      const option = triggers.options[trigger.id]
      expect(option).toMatchObject({ id: trigger.id, name: trigger.name, description: trigger.description, topics: [...trigger.topics] })
      const shape = (trigger.output as unknown as { shape: Record<string, unknown> }).shape
      expect(Object.keys(option?.outputs ?? {})).toEqual(Object.keys(shape))
      expect(option?.outputs.event_id?.type).toBe('string')
      expect(option?.outputs.created_at?.type).toBe('number')
    }
    expect(triggers.options.intercom_conversation_closed?.outputs.conversation?.type).toBe('json')
  })

  it('have a trigger dropdown, a secret client-secret field, and a topics field for the catch-all only', () => {
    const byId = Object.fromEntries(triggers.subBlocks.map((field) => [field.id, field]))
    expect(byId.triggerId?.options?.map((option) => option.id)).toEqual(triggers.available)
    expect(byId.clientSecret).toMatchObject({ password: true, required: true })
    expect(byId.topics?.condition).toEqual({ field: 'triggerId', value: ['intercom_webhook'] })
    expect(byId.topics?.required).toEqual({ field: 'triggerId', value: ['intercom_webhook'] })
  })

  it('map the values to handler options, refusing bad values by field', () => {
    expect(blockWebhookHandlerOptions({ triggerId: 'intercom_conversation_closed', clientSecret: 's' })).toEqual({ clientSecret: 's', triggers: ['intercom_conversation_closed'] })
    expect(blockWebhookHandlerOptions({ triggerId: 'intercom_webhook', clientSecret: 's', topics: 'ticket.closed,  company.updated\nconversation.read' })).toEqual({
      clientSecret: 's',
      triggers: [{ id: 'intercom_webhook', topics: ['ticket.closed', 'company.updated', 'conversation.read'] }],
    })
    expect(blockWebhookHandlerOptions({ triggerId: 'intercom_webhook', clientSecret: 's', topics: '["ticket.closed"]' }).triggers).toEqual([{ id: 'intercom_webhook', topics: ['ticket.closed'] }])
    const field = (values: Record<string, unknown>) => {
      try {
        blockWebhookHandlerOptions(values)
      } catch (error) {
        return (error as { field: string }).field
      }
      return undefined
    }
    expect(field({ clientSecret: 's' })).toBe('triggerId')
    expect(field({ triggerId: 'intercom_nope', clientSecret: 's' })).toBe('triggerId')
    expect(field({ triggerId: 'intercom_conversation_closed' })).toBe('clientSecret')
    expect(field({ triggerId: 'intercom_webhook', clientSecret: 's' })).toBe('topics')
    expect(field({ triggerId: 'intercom_webhook', clientSecret: 's', topics: '["ticket.closed"' })).toBe('topics')
    expect(field({ triggerId: 'intercom_webhook', clientSecret: 's', topics: 'Ticket Closed!' })).toBe('topics')
    expect(field({ triggerId: 'intercom_conversation_closed', clientSecret: 's', topics: 'ticket.closed' })).toBe('topics')
  })

  it('start a workflow through the handler built from the values', async () => {
    const events: TriggerEvent[] = []
    const handler = createWebhookHandler({ ...blockWebhookHandlerOptions({ triggerId: 'intercom_ticket_created', clientSecret: 'k' }), onEvent: (event) => void events.push(event) })
    const body = JSON.stringify({ ...listTriggers().find((trigger) => trigger.id === 'intercom_ticket_created')!.sample, created_at: Math.floor(Date.now() / 1000) })
    const response = await handler(new Request('https://x.example/hook', { method: 'POST', body, headers: { 'X-Hub-Signature': await signWebhookBody(body, 'k') } }))
    expect(response.status).toBe(200)
    expect(events.map((event) => event.output.topic)).toEqual(['ticket.created'])
  })
})
