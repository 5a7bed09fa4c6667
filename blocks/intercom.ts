import type {
  BlockDefinition,
  BlockPort,
  BlockRunContext,
  BlockValues,
  DropdownOption,
  OptionsLoader,
  SubBlock,
  ToolContext,
  ToolError,
  ToolResult,
} from '../types'
import { executeTool } from '../tools/executor'
import type { ToolId, ToolOutput } from '../tools/typed'
import { collect, paginationOf } from '../tools/paginate'
import { REGION_HOSTS } from '../tools/http'
import { coerceValue, isEmptyValue } from './coerce'
import { BlockValueError, blockValueToolError } from './errors'
import { deriveOperations, deriveParamFields, operationIdOf, type Operation, type ParamField } from './fields'
import { INTERCOM_ICON } from './icon'
import { outputFieldsOf } from './schema'
import { blockTriggers } from './triggers'

const operations: Operation[] = deriveOperations()
const operationById = new Map(operations.map((operation) => [operation.id, operation]))
const paramFields: ParamField[] = deriveParamFields(operations)
const paramFieldById = new Map(paramFields.map((entry) => [entry.field.id, entry]))

/** For each operation, the fields it reads, in the tool's param order. */
const fieldsByOperation = new Map<string, ParamField[]>(
  operations.map((operation) => [
    operation.id,
    paramFields.filter((entry) => entry.field.condition?.value.includes(operation.id)),
  ]),
)

const groups = [...new Set(operations.map((operation) => operation.group))]

/** Harmless when a new block is run untouched: the first operation that only reads. */
const defaultOperation = (operations.find((operation) => operation.tool.annotations.readOnly) ?? operations[0])?.id

/** The list and search operations: the ones "Return all" and "Limit" apply to (derived from the tools). */
const pagedOperations = operations.filter((operation) => {
  const style = paginationOf(operation.tool)?.style
  return style !== undefined && style !== 'single'
})
const pagedCondition = { field: 'operation' as const, value: pagedOperations.map((operation) => operation.id) }

const returnAllField: SubBlock = {
  id: 'returnAll',
  title: 'Return all',
  type: 'switch',
  description:
    'Return every item, going through all the pages (with the largest pages Intercom allows), instead of one page. With a Limit, stop after that many items.',
  defaultValue: false,
  condition: pagedCondition,
}

const limitField: SubBlock = {
  id: 'limit',
  title: 'Limit',
  type: 'number-input',
  description: 'The most items to return, across pages (a whole number, 1 or more). Leave empty, with Return all off, to get one page.',
  placeholder: '50',
  condition: pagedCondition,
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)

const operationField: SubBlock = {
  id: 'operation',
  title: 'Operation',
  type: 'dropdown',
  description: 'What to do in Intercom. The fields below change with the operation.',
  options: operations.map((operation): DropdownOption => ({ id: operation.id, label: operation.tool.name, group: operation.group })),
  ...(defaultOperation === undefined ? {} : { defaultValue: defaultOperation }),
  required: true,
}

const accessTokenField: SubBlock = {
  id: 'accessToken',
  title: 'Access token',
  type: 'short-input',
  password: true,
  description:
    "An Intercom access token: a private app's token (Developer Hub → your app → Authentication) or an OAuth token. It is sent only as the Authorization header and never appears in outputs or errors.",
  placeholder: 'Enter your Intercom access token',
  required: true,
}

const regionField: SubBlock = {
  id: 'region',
  title: 'Region',
  type: 'dropdown',
  description: "The data centre of the Intercom workspace: US unless the workspace is hosted in Europe or Australia.",
  options: Object.entries(REGION_HOSTS).map(([region, host]) => ({ id: region, label: `${region.toUpperCase()} (${new URL(host).host})` })),
  defaultValue: 'us',
}

const PORT_TYPES: Record<string, BlockPort['type']> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  object: 'json',
  array: 'array',
}

function inputType(kind: string): BlockPort['type'] {
  if (kind === 'integer' || kind === 'number') return 'number'
  if (kind === 'boolean') return 'boolean'
  if (kind === 'json') return 'json'
  return 'string'
}

function inputsOf(): Record<string, BlockPort> {
  const inputs: Record<string, BlockPort> = {
    operation: { type: 'string', description: 'The operation to run (see the operation field).' },
    accessToken: { type: 'string', description: 'Intercom access token' },
    region: { type: 'string', description: 'Data centre of the workspace: us, eu or au' },
    returnAll: { type: 'boolean', description: returnAllField.description as string, condition: pagedCondition },
    limit: { type: 'number', description: limitField.description as string, condition: pagedCondition },
  }
  for (const { field } of paramFields) {
    inputs[field.id] = {
      type: inputType(field.valueKind),
      description: field.description ?? field.title,
      ...(field.condition ? { condition: field.condition } : {}),
    }
  }
  return inputs
}

/** One output per output name of any tool; a name several tools share keeps each distinct description. */
function outputsOf(): Record<string, BlockPort> {
  const outputs: Record<string, BlockPort & { condition: { field: 'operation'; value: string[] } }> = {}
  const descriptions = new Map<string, string[]>()
  for (const operation of operations) {
    for (const output of outputFieldsOf(operation.tool)) {
      const type = PORT_TYPES[output.type] ?? 'any'
      const description = output.description || output.name
      const existing = outputs[output.name]
      if (existing) {
        existing.condition.value.push(operation.id)
        if (existing.type !== type) existing.type = 'any'
      } else {
        outputs[output.name] = { type, description, condition: { field: 'operation', value: [operation.id] } }
      }
      const seen = descriptions.get(output.name) ?? []
      if (!seen.includes(description)) descriptions.set(output.name, [...seen, description])
    }
  }
  for (const [name, texts] of descriptions) {
    const output = outputs[name]
    if (output) output.description = texts.join('; ')
  }
  return outputs
}

function operationOf(values: BlockValues): Operation {
  const value = values?.operation
  const operation = typeof value === 'string' ? operationById.get(value) : undefined
  if (!operation) {
    const shown = value === undefined || value === '' ? 'no operation was chosen' : `${JSON.stringify(value)} is not an operation of this block`
    throw new BlockValueError('operation', `operation: ${shown}; choose one of ${operations.map((entry) => entry.id).join(', ')}`)
  }
  return operation
}

/**
 * Coerces each (field, value) pair, leaving out empty values, and throws one `BlockValueError`
 * that names every value that could not be read (its `field` is the first of them).
 */
function coerceAll(entries: Array<{ entry: ParamField; value: unknown; name: string }>, problems: BlockValueError[] = []): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  const errors = [...problems]
  for (const { entry, value, name } of entries) {
    if (isEmptyValue(value, entry.field)) continue
    try {
      params[entry.field.param] = coerceValue(name === entry.field.id ? entry : { ...entry, field: { ...entry.field, id: name } }, value)
    } catch (error) {
      if (!(error instanceof BlockValueError)) throw error
      errors.push(error)
    }
  }
  const [first] = errors
  if (first) throw new BlockValueError(first.field, errors.map((error) => error.message).join('; '))
  return params
}

/** The tool params of the chosen operation, read from the block's values. */
function paramsOf(values: BlockValues): Record<string, unknown> {
  const operation = operationOf(values)
  const entries = (fieldsByOperation.get(operation.id) ?? []).map((entry) => ({ entry, value: values[entry.field.id], name: entry.field.id }))
  return coerceAll(entries)
}

/** Reads "Return all" and "Limit" for a list or search operation (see `BlockToolConfig`). */
function paginationOptionsOf(values: BlockValues): { limit?: number } | undefined {
  const operation = operationOf(values)
  if (!pagedCondition.value.includes(operation.id)) return undefined
  const problems: BlockValueError[] = []
  let all = false
  const rawAll = values.returnAll
  if (rawAll !== undefined && rawAll !== null && rawAll !== '') {
    const text = typeof rawAll === 'string' ? rawAll.trim().toLowerCase() : rawAll
    if (text === true || text === 'true') all = true
    else if (text !== false && text !== 'false') problems.push(new BlockValueError('returnAll', `returnAll: must be true or false, got ${JSON.stringify(rawAll)}`))
  }
  let limit: number | undefined
  const rawLimit = values.limit
  if (rawLimit !== undefined && rawLimit !== null && rawLimit !== '') {
    const number = typeof rawLimit === 'number' ? rawLimit : typeof rawLimit === 'string' && /^\s*\d+\s*$/.test(rawLimit) ? Number(rawLimit) : Number.NaN
    if (Number.isSafeInteger(number) && number >= 1) limit = number
    else problems.push(new BlockValueError('limit', `limit: must be a whole number, 1 or more, got ${JSON.stringify(rawLimit)}`))
  }
  const [first] = problems
  if (first) throw new BlockValueError(first.field, problems.map((problem) => problem.message).join('; '))
  if (!all && limit === undefined) return undefined
  return limit === undefined ? {} : { limit }
}

/**
 * Coerces text values keyed by param name (a command line, a query string) to the types a tool's
 * params take, with the same rules as the block's fields. Empty values are left out; a value that
 * cannot be read, or a name that is not a param of the tool, throws a `BlockValueError` naming
 * every such param (by param name, which is what the caller typed, not the block field's id).
 */
export function coerceParamText(toolId: string, values: Record<string, unknown>): Record<string, unknown> {
  const operation = operationById.get(operationIdOf(toolId))
  if (!operation || operation.tool.id !== toolId) throw new BlockValueError('operation', `there is no tool ${JSON.stringify(toolId)}`)
  const byParam = new Map((fieldsByOperation.get(operation.id) ?? []).map((entry) => [entry.field.param, entry]))
  const unknown: BlockValueError[] = []
  const entries: Array<{ entry: ParamField; value: unknown; name: string }> = []
  for (const [name, value] of Object.entries(values)) {
    const entry = byParam.get(name)
    if (entry) entries.push({ entry, value, name })
    else unknown.push(new BlockValueError(name, `${name}: is not a parameter of ${toolId}`))
  }
  return coerceAll(entries, unknown)
}

function describeOperations(): string {
  return groups
    .map((group) => {
      const names = operations.filter((operation) => operation.group === group).map((operation) => lowerFirst(operation.tool.name))
      return `${group}: ${names.join(', ')}.`
    })
    .join(' ')
}

/**
 * The Intercom block: every tool of the registry as an operation, and one field per distinct
 * param, all derived from the tool definitions (see `blocks/fields.ts` for the rules).
 */
export const intercomBlock: BlockDefinition = {
  type: 'intercom',
  name: 'Intercom',
  description: `Manage ${groups.map((group) => group.toLowerCase()).join(', ')} in Intercom`,
  longDescription: `Integrate Intercom into the workflow with an Intercom access token. ${describeOperations()}`,
  category: 'tools',
  bgColor: '#1F6FEB',
  icon: INTERCOM_ICON,
  docsLink: 'https://developers.intercom.com/docs/references/rest-api/api.intercom.io',
  subBlocks: [operationField, accessTokenField, regionField, ...paramFields.map((entry) => entry.field), returnAllField, limitField],
  tools: {
    access: operations.map((operation) => operation.tool.id),
    config: {
      tool: (values) => operationOf(values).tool.id,
      params: paramsOf,
      pagination: paginationOptionsOf,
    },
  },
  inputs: inputsOf(),
  outputs: outputsOf(),
  triggers: blockTriggers,
}

function nonEmptyText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** The context of a run: the credential and region from the values when given, else from the context. */
export function contextFor(values: BlockValues, context: BlockRunContext = {}): ToolContext {
  const out: ToolContext = { ...context, accessToken: nonEmptyText(values?.accessToken) ?? context.accessToken ?? '' }
  const region = nonEmptyText(values?.region)
  if (region !== undefined) out.region = region as ToolContext['region']
  return out
}

/**
 * Runs a tool as the block runs it: across pages through `collect` when "Return all" or a "Limit"
 * asked for it (`pages`, from the block's `pagination`), else one call through `executeTool`.
 * Hosts that hand over tool params instead of block values (Sim) run tools through it too.
 */
export async function runTool(toolId: string, params: Record<string, unknown>, context: ToolContext, pages: { limit?: number } | undefined): Promise<ToolResult> {
  return pages ? collect(toolId, params, context, pages) : executeTool(toolId, params, context)
}

/**
 * What a workflow engine does with the block: reads the values, picks the operation's tool and
 * runs it through `executeTool`. Never throws; a value that cannot be read or an unknown operation
 * is a `validation_error` naming the field, and nothing is sent.
 *
 * @example
 * const result = await runBlock(
 *   { operation: 'list_contacts', per_page: '25', accessToken: token, region: 'eu' },
 *   {},
 * )
 * if (result.success) console.log(result.output.contacts)
 *
 * Typed by the `operation` value: a literal operation gives that tool's output type
 * (`BlockOutput`); values known only at run time give `Record<string, unknown>`.
 */
export async function runBlock<const V extends BlockValues>(values: V, context: BlockRunContext = {}): Promise<ToolResult<BlockOutput<V>>> {
  let toolId: string
  let params: Record<string, unknown>
  let pages: { limit?: number } | undefined
  try {
    toolId = intercomBlock.tools.config.tool(values)
    params = intercomBlock.tools.config.params(values)
    pages = paginationOptionsOf(values)
  } catch (error) {
    if (error instanceof BlockValueError) return { success: false, error: blockValueToolError(error) }
    throw error
  }
  return (await runTool(toolId, params, contextFor(values, context), pages)) as ToolResult<BlockOutput<V>>
}

/** The block's operation ids: each tool id without its `intercom_` prefix. */
export type BlockOperation = ToolId extends infer Id ? (Id extends `intercom_${infer Op}` ? Op : never) : never

/** What `runBlock` gives for these values: the output of the operation's tool, when known. */
export type BlockOutput<V> = V extends { operation: infer Op extends string }
  ? Op extends BlockOperation
    ? ToolOutput<`intercom_${Op}`>
    : Record<string, unknown>
  : Record<string, unknown>

/** The options of a field with an `optionsLoader`, or why they could not be loaded. */
export type LoadedOptions = { success: true; options: DropdownOption[] } | { success: false; error: ToolError }

/** Runs one loader (and the loaders it names in `also`) and turns the listed items into options. */
async function loadThrough(loader: OptionsLoader, context: ToolContext): Promise<LoadedOptions> {
  const result = await executeTool(loader.tool, { ...loader.params }, context)
  if (!result.success) return result
  const items = result.output[loader.list]
  if (!Array.isArray(items)) {
    return { success: false, error: { code: 'invalid_response', message: `${loader.tool} returned no ${loader.list} list`, retryable: false } }
  }
  const where = Object.entries(loader.where ?? {})
  const options = items
    .filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object')
    .filter((item) => where.every(([key, value]) => item[key] === value))
    .filter((item) => typeof item[loader.value] === 'string' || typeof item[loader.value] === 'number')
    .map((item): DropdownOption => {
      const value = String(item[loader.value])
      const label = item[loader.label]
      const option: DropdownOption = { id: value, label: typeof label === 'string' && label !== '' ? label : value }
      if (loader.group !== undefined) option.group = loader.group
      return option
    })
  for (const next of loader.also ?? []) {
    const more = await loadThrough(next, context)
    if (!more.success) return more
    options.push(...more.options)
  }
  return { success: true, options }
}

/**
 * Loads the options of a dropdown whose choices come from Intercom (admins, tags, ticket types,
 * ticket states, assignees) through the tool its `optionsLoader` names, or the key hints of a JSON
 * field (custom attribute names) for the operation in the values, with the credential and region
 * from the values or the context.
 */
export async function loadFieldOptions(fieldId: string, values: BlockValues = {}, context: BlockRunContext = {}): Promise<LoadedOptions> {
  const field = paramFieldById.get(fieldId)?.field
  const operation = typeof values?.operation === 'string' ? values.operation : undefined
  const loader = field?.optionsLoader ?? (operation === undefined ? undefined : field?.keyHints?.[operation])
  if (!loader) {
    const why = field?.keyHints ? `this field has loaded key hints only for the operations ${Object.keys(field.keyHints).join(', ')}` : 'this field has no loaded options'
    return { success: false, error: { code: 'validation_error', field: fieldId, message: `${fieldId}: ${why}`, retryable: false } }
  }
  return loadThrough(loader, contextFor(values, context))
}

/** Every operation of the block, for the docs and tests. */
export function blockOperations(): readonly Operation[] {
  return operations
}

/** The param fields with what their coercion needs, for the docs and tests. */
export function blockParamFields(): readonly ParamField[] {
  return paramFields
}

