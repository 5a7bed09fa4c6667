import type { AnyToolDefinition } from '../types'
import * as contacts from './contacts'
import * as companies from './companies'
import * as conversations from './conversations'
import * as tickets from './tickets'
import * as messages from './messages'
import * as admins from './admins'
import * as tags from './tags'
import * as notes from './notes'
import * as events from './events'
import * as companyLinks from './company-links'
import * as teams from './teams'
import * as dataAttributes from './data-attributes'
import * as articles from './articles'

/**
 * The resource modules, in registry order. Each exports its tools one by one and a list of them
 * (`<resource>Tools`, in the order the block and the docs show them). The registry is built from
 * the lists; its type from the modules' exports (see `ToolsIn`), so that the declarations name
 * each tool's type once instead of spelling every zod type out again.
 */
const resources = [contacts, companies, conversations, tickets, messages, admins, tags, notes, events, companyLinks, teams, dataAttributes, articles] as const

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

const isTool = (value: unknown): value is AnyToolDefinition =>
  value !== null && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string' && typeof (value as { transform?: unknown }).transform === 'function'

/**
 * The list a resource module exports, checked against the tools it exports one by one: a tool
 * missing from either would be callable but untyped, or typed but unknown at run time.
 */
export function resourceList(module: Readonly<Record<string, unknown>>): readonly AnyToolDefinition[] {
  const lists = Object.values(module).filter((value): value is readonly AnyToolDefinition[] => Array.isArray(value))
  const [list] = lists
  if (lists.length !== 1 || !list) throw new Error(`A resource module exports ${lists.length} tool lists instead of one`)
  const exported = Object.values(module).filter(isTool)
  for (const tool of exported) if (!list.includes(tool)) throw new Error(`Tool ${tool.id} is exported but not in its resource's list`)
  for (const tool of list) if (!exported.includes(tool)) throw new Error(`Tool ${tool.id} is in its resource's list but not exported`)
  return list
}

/** The tool definitions a module (or a union of modules) exports, by their literal types. */
export type ToolsIn<M> = M extends unknown ? Extract<M[keyof M], AnyToolDefinition> : never

/**
 * A registry's type: each tool's definition under its literal id. The typed helpers (`ToolId`,
 * `ToolParams`, `ToolOutput`) are read from it, so a tool added to a resource is typed with no
 * other code.
 */
export type RegistryOf<T extends AnyToolDefinition> = { readonly [D in T as D['id']]: D }

/** Every tool, by id. Its type keys each definition by its literal id (see `ToolId`). */
export const tools: RegistryOf<ToolsIn<(typeof resources)[number]>> = buildRegistry(...resources.map(resourceList)) as RegistryOf<
  ToolsIn<(typeof resources)[number]>
>

/** The tool with this id, or `undefined` (a known id is typed as its definition). */
export function getTool<Id extends keyof typeof tools>(toolId: Id): (typeof tools)[Id]
export function getTool(toolId: string): AnyToolDefinition | undefined
export function getTool(toolId: string): AnyToolDefinition | undefined {
  return Object.hasOwn(tools, toolId) ? (tools as Readonly<Record<string, AnyToolDefinition>>)[toolId] : undefined
}

/** Every tool, in registry order. */
export function listTools(): AnyToolDefinition[] {
  return Object.values<AnyToolDefinition>(tools)
}
