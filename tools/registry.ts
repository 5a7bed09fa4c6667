import type { AnyToolDefinition } from '../types'
import { contactsTools } from './contacts'
import { companiesTools } from './companies'
import { conversationsTools } from './conversations'
import { ticketsTools } from './tickets'
import { messagesTools } from './messages'
import { adminsTools } from './admins'
import { tagsTools } from './tags'
import { notesTools } from './notes'
import { eventsTools } from './events'
import { companyLinksTools } from './company-links'
import { teamsTools } from './teams'
import { dataAttributesTools } from './data-attributes'
import { articlesTools } from './articles'

/**
 * Builds a registry from per-resource lists. A duplicate id is a programming error and fails
 * at load time, before any workflow can call the wrong tool.
 */
export function buildRegistry(...lists: ReadonlyArray<readonly AnyToolDefinition[]>): Readonly<Record<string, AnyToolDefinition>> {
  const registry: Record<string, AnyToolDefinition> = {}
  for (const list of lists) {
    for (const tool of list) {
      if (Object.hasOwn(registry, tool.id)) throw new Error(`Duplicate tool id ${tool.id}`)
      registry[tool.id] = tool
    }
  }
  return Object.freeze(registry)
}

/** Every tool, by id. */
export const tools: Readonly<Record<string, AnyToolDefinition>> = buildRegistry(
  contactsTools,
  companiesTools,
  conversationsTools,
  ticketsTools,
  messagesTools,
  adminsTools,
  tagsTools,
  notesTools,
  eventsTools,
  companyLinksTools,
  teamsTools,
  dataAttributesTools,
  articlesTools,
)

/** The tool with this id, or `undefined`. */
export function getTool(toolId: string): AnyToolDefinition | undefined {
  return Object.hasOwn(tools, toolId) ? tools[toolId] : undefined
}

/** Every tool, in registry order. */
export function listTools(): AnyToolDefinition[] {
  return Object.values(tools)
}
