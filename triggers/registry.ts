import type { AnyTriggerDefinition } from '../types'
import { companyTriggers } from './companies'
import { contactTriggers } from './contacts'
import { conversationTriggers } from './conversations'
import { ticketTriggers } from './tickets'
import { webhookTrigger } from './webhook'

function buildTriggerRegistry(...lists: ReadonlyArray<readonly AnyTriggerDefinition[]>): Readonly<Record<string, AnyTriggerDefinition>> {
  const registry: Record<string, AnyTriggerDefinition> = {}
  for (const list of lists) {
    for (const trigger of list) {
      if (Object.hasOwn(registry, trigger.id)) throw new Error(`Duplicate trigger id ${trigger.id}`)
      registry[trigger.id] = trigger
    }
  }
  return Object.freeze(registry)
}

/** Every trigger, by id. */
export const triggers: Readonly<Record<string, AnyTriggerDefinition>> = buildTriggerRegistry(
  conversationTriggers,
  contactTriggers,
  companyTriggers,
  ticketTriggers,
  [webhookTrigger],
)

/** The trigger with this id, or `undefined`. */
export function getTrigger(triggerId: string): AnyTriggerDefinition | undefined {
  return Object.hasOwn(triggers, triggerId) ? triggers[triggerId] : undefined
}

/** Every trigger, in registry order (the catch-all last). */
export function listTriggers(): AnyTriggerDefinition[] {
  return Object.values(triggers)
}
