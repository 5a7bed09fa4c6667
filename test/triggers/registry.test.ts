import { describe, expect, it } from 'vitest'
import { getTool, getTrigger, listTriggers, triggers } from '../../index'
import { CATCH_ALL_TRIGGER_ID, TOPIC_PATTERN } from '../../triggers/webhook'

const all = listTriggers()

/** The tool whose output holds the same item, by the trigger's item key. */
const TOOL_OF_ITEM: Record<string, string> = {
  conversation: 'intercom_get_conversation',
  contact: 'intercom_get_contact',
  company: 'intercom_get_company',
  ticket: 'intercom_get_ticket',
}

describe('the trigger registry', () => {
  it('covers every event the issue lists, and a catch-all', () => {
    const topicsOf = (id: string) => getTrigger(id)?.topics ?? []
    expect(topicsOf('intercom_conversation_created')).toEqual(['conversation.user.created', 'conversation.admin.single.created'])
    const expected: Record<string, string> = {
      intercom_conversation_user_replied: 'conversation.user.replied',
      intercom_conversation_admin_replied: 'conversation.admin.replied',
      intercom_conversation_assigned: 'conversation.admin.assigned',
      intercom_conversation_closed: 'conversation.admin.closed',
      intercom_conversation_opened: 'conversation.admin.opened',
      intercom_conversation_snoozed: 'conversation.admin.snoozed',
      intercom_conversation_rated: 'conversation.rating.added',
      intercom_contact_deleted: 'contact.deleted',
      intercom_contact_archived: 'contact.archived',
      intercom_company_created: 'company.created',
      intercom_ticket_created: 'ticket.created',
      intercom_ticket_state_updated: 'ticket.state.updated',
    }
    for (const [id, topic] of Object.entries(expected)) expect(topicsOf(id), id).toContain(topic)
    expect(topicsOf('intercom_contact_created')).toEqual(['contact.user.created', 'contact.lead.created'])
    expect(topicsOf('intercom_contact_tag_added')).toEqual(['contact.user.tag.created', 'contact.lead.tag.created'])
    expect(getTrigger(CATCH_ALL_TRIGGER_ID)?.configurableTopics).toBe(true)
  })

  it('gets by id, lists in order, and refuses inherited names', () => {
    expect(all.map((trigger) => trigger.id)).toEqual(Object.keys(triggers))
    for (const trigger of all) expect(getTrigger(trigger.id)).toBe(trigger)
    expect(getTrigger('toString')).toBeUndefined()
    expect(getTrigger('intercom_nothing')).toBeUndefined()
  })

  it('gives each topic to one named trigger only (so one notification starts one of them)', () => {
    const owners = new Map<string, string>()
    for (const trigger of all) {
      for (const topic of trigger.topics) {
        expect(owners.get(topic), topic).toBeUndefined()
        expect(topic).toMatch(TOPIC_PATTERN)
        owners.set(topic, trigger.id)
      }
    }
  })
})

describe.each(all.map((trigger) => [trigger.id, trigger] as const))('%s', (id, trigger) => {
  it('has an id, a name, a description and topics (or configurable ones)', () => {
    expect(id).toMatch(/^intercom_[a-z_]+$/)
    expect(trigger.name.length).toBeGreaterThan(3)
    expect(trigger.description.length).toBeGreaterThan(20)
    expect(trigger.configurableTopics === true ? trigger.topics.length === 0 : trigger.topics.length > 0).toBe(true)
  })

  it('has a sample notification of one of its topics whose output the output schema accepts', () => {
    const { sample } = trigger
    expect(sample.type).toBe('notification_event')
    expect(sample.id).toMatch(/^notif_/)
    if (!trigger.configurableTopics) expect(trigger.topics).toContain(sample.topic)
    const output = trigger.toOutput(sample)
    const parsed = trigger.output.safeParse(output)
    expect(parsed.success, parsed.error?.message).toBe(true)
    expect(output).toMatchObject({ event_id: sample.id, topic: sample.topic, app_id: sample.app_id, created_at: sample.created_at, delivery_attempts: 1 })
  })

  it('gives the item in the shape the tools return, with its id under the name the tools take', () => {
    const output = trigger.toOutput(trigger.sample) as Record<string, unknown>
    for (const [key, toolId] of Object.entries(TOOL_OF_ITEM)) {
      if (!(key in output) || id === 'intercom_contact_deleted') continue
      const tool = getTool(toolId)
      const shaped = tool?.output.safeParse(key === 'ticket' ? { ticket: output.ticket, ticketId: output.ticketId } : { [key]: output[key] })
      expect(shaped?.success, `${key} as ${toolId} returns it: ${shaped?.error?.message}`).toBe(true)
      expect(output[`${key}Id`]).toBe((output[key] as { id: string }).id)
    }
  })

  it('refuses an item of the wrong type, naming the field', () => {
    if (trigger.configurableTopics) return
    const wrong = { ...trigger.sample, data: { type: 'notification_event_data', item: { type: 'admin', id: '1' } } }
    expect(() => trigger.toOutput(wrong)).toThrow(/data\.item\.type/)
  })
})

describe('contact items', () => {
  it('turn ISO-8601 times (as contact webhooks send them) into unix seconds, as the REST API gives them', () => {
    const output = getTrigger('intercom_contact_created')?.toOutput(getTrigger('intercom_contact_created')!.sample) as { contact: Record<string, unknown> }
    expect(output.contact.created_at).toBe(Date.parse('2026-01-10T04:22:28.000Z') / 1000)
    expect(output.contact.last_seen_at).toBeNull()
    expect(output.contact.email).toBe('jane@example.com')
  })
})
