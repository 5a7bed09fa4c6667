import type { AnyToolDefinition, DropdownOption, FieldValueKind, SubBlock, SubBlockType } from '../types'
import { listTools } from '../tools/registry'
import { KEY_HINT_LOADERS, LONG_TEXT_PARAMS, OPTION_LOADERS, PARAM_OPTIONS } from './hints'
import { RESOURCE_GROUPS } from './resources'
import { paramsOf, type ParamInfo } from './schema'

/** One entry of the operation dropdown. */
export interface Operation {
  /** The dropdown value: the tool id without its `intercom_` prefix, e.g. `create_contact`. */
  id: string
  tool: AnyToolDefinition
  /** The resource heading it is listed under. */
  group: string
}

/** The block settings that are not tool params; no param field may take these ids. */
export const SETTING_FIELDS = ['operation', 'accessToken', 'region', 'returnAll', 'limit'] as const

/** The operation value of a tool id. */
export function operationIdOf(toolId: string): string {
  return toolId.replace(/^intercom_/, '')
}

/**
 * Every tool of the registry as an operation, grouped by resource (in `RESOURCE_GROUPS` order,
 * then registry order). A tool in no declared group is still offered, under a heading made from
 * its route's first path segment, so that it is never silently missing.
 */
export function deriveOperations(tools: readonly AnyToolDefinition[] = listTools()): Operation[] {
  const groupOf = new Map<string, string>()
  for (const group of RESOURCE_GROUPS) for (const tool of group.tools) groupOf.set(tool.id, group.label)
  const order = RESOURCE_GROUPS.map((group) => group.label)
  const fallback = (tool: AnyToolDefinition) => {
    const segment = tool.route.split(' ')[1]?.split('/')[1] ?? 'other'
    return segment.charAt(0).toUpperCase() + segment.slice(1)
  }
  const operations = tools.map((tool) => ({ id: operationIdOf(tool.id), tool, group: groupOf.get(tool.id) ?? fallback(tool) }))
  const rank = (group: string) => (order.includes(group) ? order.indexOf(group) : order.length)
  // Array.prototype.sort is stable: registry order is kept within a group.
  return operations.sort((a, b) => rank(a.group) - rank(b.group))
}

/** A param field and what its coercion needs beyond the public `SubBlock`. */
export interface ParamField {
  field: SubBlock & { param: string; valueKind: FieldValueKind; idOf?: string }
  /** The allowed values of an enum field, with their types (the options hold text). */
  enumValues?: ReadonlyArray<string | number | boolean>
}

const ACRONYMS: Record<string, string> = { id: 'ID', ids: 'IDs', url: 'URL', urls: 'URLs', html: 'HTML' }

/** A label from a param name: `contactId` → "Contact ID", `attachment_urls` → "Attachment URLs". */
export function titleOf(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase())
  return words
    .map((word, index) => ACRONYMS[word] ?? (index === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word))
    .join(' ')
}

function balancedPrefix(text: string): string | undefined {
  const open = text[0]
  const close = open === '{' ? '}' : ']'
  let depth = 0
  let inString = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (inString) {
      if (char === '\\') index++
      else if (char === '"') inString = false
    } else if (char === '"') inString = true
    else if (char === open) depth++
    else if (char === close && --depth === 0) return text.slice(0, index + 1)
  }
  return undefined
}

/**
 * The example a description gives after "e.g." (the house style of the tools' descriptions), used
 * as a placeholder: a JSON object or array, a quoted text, or the words up to the end of the
 * sentence, a comma or a parenthesis.
 */
export function exampleOf(description: string): string | undefined {
  const match = /\be\.g\.,?\s+/i.exec(description)
  if (!match) return undefined
  const rest = description.slice(match.index + match[0].length)
  if (rest.startsWith('{') || rest.startsWith('[')) return balancedPrefix(rest)
  if (rest.startsWith('"')) {
    const end = rest.indexOf('"', 1)
    return end > 1 ? rest.slice(1, end) : undefined
  }
  const words = rest.split(/[;,]|\.(?:\s|$)|\s\(|\)|\sor\s/)[0]?.trim()
  return words ? words : undefined
}

function fieldType(info: ParamInfo): SubBlockType {
  if (PARAM_OPTIONS[info.name] && (info.kind === 'id' || info.kind === 'text')) return 'dropdown'
  switch (info.kind) {
    case 'boolean':
      return 'switch'
    case 'enum':
      return 'dropdown'
    case 'integer':
    case 'number':
      return 'number-input'
    case 'json':
      return 'code'
    default:
      return LONG_TEXT_PARAMS.has(info.name) ? 'long-input' : 'short-input'
  }
}

function fallbackPlaceholder(title: string, type: SubBlockType, json: ParamInfo['json']): string {
  if (type === 'code') return json === 'array' ? 'Enter a JSON array' : 'Enter a JSON object'
  if (type === 'dropdown') return `Select ${title.toLowerCase()}`
  return `Enter ${title.toLowerCase()}`
}

/** Params with the same name share a field when this is equal: the same kind of value, enum values, JSON form and, for ids, what they point at. */
function signatureOf(info: ParamInfo): string {
  if (info.kind === 'enum') return `enum:${JSON.stringify([...(info.enumValues ?? [])].map(String).sort())}`
  if (info.kind === 'json') return `json:${info.json}`
  if (info.kind === 'id' && info.idOf !== undefined) return `id:${info.idOf}`
  return info.kind
}

interface Plan {
  id: string
  info: ParamInfo
  signature: string
  operations: string[]
  requiredFor: string[]
  descriptions: Array<[string, string]>
  defaultValue?: { value: unknown }
}

/**
 * The param fields of the block, derived from the params schemas of the operations' tools.
 *
 * Rules: one field per param name and signature (same kind of value, enum values, JSON form),
 * shown for every operation whose tool has that param. The first signature met for a name (in
 * operation order) keeps the name as its field id; a later, different one gets
 * `<operation>_<param>`, so adding a tool never renames an existing field. `param` on each field
 * says which param it fills.
 */
export function deriveParamFields(operations: readonly Operation[]): ParamField[] {
  const taken = new Set<string>(SETTING_FIELDS)
  const byName = new Map<string, Plan[]>()
  const plans: Plan[] = []
  for (const operation of operations) {
    for (const info of paramsOf(operation.tool)) {
      const signature = signatureOf(info)
      const variants = byName.get(info.name) ?? []
      let plan = variants.find((candidate) => candidate.signature === signature)
      if (!plan) {
        let id = variants.length === 0 && !taken.has(info.name) ? info.name : `${operation.id}_${info.name}`
        for (let suffix = 2; taken.has(id); suffix++) id = `${operation.id}_${info.name}_${suffix}`
        taken.add(id)
        plan = { id, info, signature, operations: [], requiredFor: [], descriptions: [] }
        variants.push(plan)
        byName.set(info.name, variants)
        plans.push(plan)
      }
      plan.operations.push(operation.id)
      if (info.required) plan.requiredFor.push(operation.id)
      if (info.description) plan.descriptions.push([operation.id, info.description])
      if (!plan.defaultValue && info.defaultValue) plan.defaultValue = info.defaultValue
    }
  }
  const resourceOf = new Map(operations.map((operation) => [operation.id, operation.tool.route.split(' ')[1]?.split('/')[1] ?? '']))
  return plans.map((plan) => toField(plan, resourceOf))
}

function toField(plan: Plan, resourceOf: ReadonlyMap<string, string>): ParamField {
  const { info } = plan
  const title = titleOf(info.name)
  const type = fieldType(info)
  const field: ParamField['field'] = { id: plan.id, title, type, param: info.name, valueKind: info.kind }
  if (info.idOf !== undefined) field.idOf = info.idOf

  const texts = [...new Set(plan.descriptions.map(([, text]) => text))]
  if (texts[0]) field.description = texts[0]
  if (texts.length > 1) field.descriptions = Object.fromEntries(plan.descriptions)

  // The first operation's example only: another operation's example may not fit the first's meaning.
  const example = plan.descriptions[0] ? exampleOf(plan.descriptions[0][1]) : undefined
  if (type !== 'switch') field.placeholder = example ?? fallbackPlaceholder(title, type, info.json)

  const loader = PARAM_OPTIONS[info.name]
  if (type === 'dropdown' && loader) field.optionsLoader = { ...OPTION_LOADERS[loader] }
  if (info.kind === 'enum') {
    field.options = (info.enumValues ?? []).map((value): DropdownOption => ({ id: String(value), label: String(value) }))
  }
  if (type === 'code') field.language = 'json'
  const hintLoaders = info.json === 'object' ? KEY_HINT_LOADERS[info.name] : undefined
  if (hintLoaders) {
    const hints = plan.operations.flatMap((operation) => {
      const loader = hintLoaders[resourceOf.get(operation) ?? '']
      return loader ? [[operation, { ...loader }] as const] : []
    })
    if (hints.length > 0) field.keyHints = Object.fromEntries(hints)
  }

  if (plan.defaultValue) field.defaultValue = plan.defaultValue.value
  else if (info.kind === 'enum' && info.enumValues?.length === 1 && plan.requiredFor.length > 0) field.defaultValue = info.enumValues[0]

  field.condition = { field: 'operation', value: plan.operations }
  if (plan.requiredFor.length > 0) field.required = { field: 'operation', value: plan.requiredFor }

  const out: ParamField = { field }
  if (info.kind === 'enum') out.enumValues = info.enumValues ?? []
  return out
}
