/**
 * The Intercom block and tools for Sim Studio: `simBlock(options)` is a Sim `BlockConfig`,
 * `simTools(options)` the Sim `ToolConfig`s it calls, keyed by tool id. Both are derived from the
 * block and the registry; every tool runs through `executeTool` (Sim's `directExecution`), and a
 * list or search with "Return all" or a "Limit" through `collect`, as `runBlock` runs it. The
 * block's triggers are offered with their fields as sub-blocks of mode `trigger`.
 *
 * ```ts
 * import { createElement } from 'react'
 * import { simBlock, simTools } from 'intercom-blocks/hosts/sim'
 * export const IntercomBlock = simBlock({ createElement })
 * export const intercomTools = simTools({ createElement })
 * ```
 */
import type { BlockTriggerField, BlockValues, DropdownOption, SubBlock, ToolResult } from '../../types'
import { intercomBlock, loadFieldOptions, contextFor, runTool } from '../../blocks/intercom'
import { BlockValueError, blockValueToolError } from '../../blocks/errors'
import { operationIdOf } from '../../blocks/fields'
import { INTERCOM_ICON } from '../../blocks/icon'
import { outputFieldsOf, type OutputField } from '../../blocks/schema'
import { getTool, listTools } from '../../tools/registry'
import { buildRequest, parseRoute } from '../../tools/request'
import { resolveBaseUrl, USER_AGENT } from '../../tools/http'
import { DEFAULT_INTERCOM_VERSION, PACKAGE_VERSION } from '../../tools/version'
import { errorText, hostOperations, hostParamFields, isRarelyNeeded, toolParams } from '../shared'
import type {
  CreateElement,
  SimAdapterOptions,
  SimBlockConfig,
  SimCondition,
  SimInputType,
  SimOutputType,
  SimSubBlock,
  SimToolConfig,
  SimToolOutput,
  SimToolParam,
  SimToolResponse,
} from './types'

export type * from './types'

/** The ids of the block's setting fields that hold the connection. */
const CREDENTIAL_FIELDS = ['accessToken', 'region'] as const

/**
 * The ids of the block's "Return all" and "Limit" fields. Sim hands a tool only what
 * `tools.config.params` returns, so they travel as params of the list and search tools and
 * `directExecution` reads them back with the block's own `pagination`.
 */
const PAGING_FIELDS = ['returnAll', 'limit'] as const

// --- the icon ------------------------------------------------------------------------------

const camel = (name: string) => (name.startsWith('aria-') || name.startsWith('data-') ? name : name.replace(/-([a-z])/g, (_, char: string) => char.toUpperCase()))

function attributesOf(source: string): Record<string, string> {
  const attributes: Record<string, string> = {}
  for (const match of source.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)="([^"]*)"/g)) {
    const [, name, value] = match
    if (name !== undefined && value !== undefined && name !== 'xmlns') attributes[camel(name)] = value
  }
  return attributes
}

/**
 * The block's SVG icon as a component of the host's JSX runtime: the outer `<svg>` takes the
 * props Sim passes (class name, size), its children are drawn as they are in `INTERCOM_ICON`.
 */
export function iconComponent<E>(createElement: CreateElement<E>): (props: Record<string, unknown>) => E {
  const root = /^<svg\b([^>]*)>([\s\S]*)<\/svg>$/.exec(INTERCOM_ICON.trim())
  if (!root) throw new Error('The block icon is not a single <svg> element')
  const svgAttributes = attributesOf(root[1] ?? '')
  const children = [...(root[2] ?? '').matchAll(/<([a-zA-Z]+)\b([^>]*?)\/>/g)].map(([, tag, attributes]) => ({
    tag: tag as string,
    attributes: attributesOf(attributes ?? ''),
  }))
  return function IntercomIcon(props: Record<string, unknown>) {
    return createElement(
      'svg',
      { ...svgAttributes, ...props },
      ...children.map((child, index) => createElement(child.tag, { key: index, ...child.attributes })),
    )
  }
}

// --- the block -----------------------------------------------------------------------------

function simType(field: Pick<SubBlock, 'type' | 'optionsLoader'>): SimSubBlock['type'] {
  if (field.type === 'number-input') return 'short-input'
  // A loaded list (admins, tags) is a combobox: its id can also be typed or referenced.
  if (field.type === 'dropdown' && field.optionsLoader) return 'combobox'
  return field.type
}

function simScalar(value: unknown): string | number | boolean | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined
}

function simOptions(options: DropdownOption[]) {
  return options.map((option) => ({ label: option.label, id: option.id, ...(option.group ? { group: option.group } : {}) }))
}

function loaderOf<E>(options: SimAdapterOptions<E>) {
  const valuesOf = (blockId: string): BlockValues => {
    if (!options.readValue) return {}
    const values: BlockValues = {}
    for (const id of CREDENTIAL_FIELDS) values[id] = options.readValue(blockId, id)
    return values
  }
  const load = async (blockId: string, subBlockId: string) => {
    const loaded = await loadFieldOptions(subBlockId, valuesOf(blockId), options.context ?? {})
    if (!loaded.success) throw new Error(errorText(loaded.error))
    return loaded.options.map((option) => ({ label: option.label, id: option.id }))
  }
  return {
    fetchOptions: load,
    fetchOptionById: async (blockId: string, subBlockId: string, optionId: string) =>
      (await load(blockId, subBlockId)).find((option) => option.id === optionId) ?? null,
  }
}

/** What a field of the block and a field of its triggers have in common, as a Sim sub-block. */
function formFieldOf(field: SubBlock | BlockTriggerField): SimSubBlock {
  const out: SimSubBlock = { id: field.id, title: field.title, type: simType(field) }
  if (field.description !== undefined) out.description = field.description
  if (field.placeholder !== undefined) out.placeholder = field.placeholder
  if (field.password) out.password = true
  if (field.options) out.options = simOptions(field.options)
  if (field.language) out.language = field.language
  const defaultValue = simScalar(field.defaultValue)
  if (defaultValue !== undefined) out.defaultValue = defaultValue
  if (field.condition) out.condition = { field: field.condition.field, value: [...field.condition.value] }
  if (field.required !== undefined) {
    out.required = typeof field.required === 'boolean' ? field.required : { field: field.required.field, value: [...field.required.value] }
  }
  return out
}

function subBlockOf<E>(field: SubBlock, options: SimAdapterOptions<E>, rarelyNeeded: boolean): SimSubBlock {
  const out = formFieldOf(field)
  if (field.optionsLoader) Object.assign(out, loaderOf(options), { dependsOn: [...CREDENTIAL_FIELDS] })
  if (field.id === 'accessToken' || field.id === 'region') out.paramVisibility = 'user-only'
  else if (field.param !== undefined) out.paramVisibility = 'user-or-llm'
  if (rarelyNeeded) out.mode = 'advanced'
  return out
}

/**
 * A field of the block used as a trigger (the trigger, the app's client secret, the catch-all's
 * topics): shown only in trigger mode, and never a tool param (no `paramVisibility`), so that the
 * client secret is not handed to a tool or a model.
 */
function triggerSubBlockOf(field: BlockTriggerField): SimSubBlock {
  return { ...formFieldOf(field), mode: 'trigger' }
}

/**
 * "Return all" and "Limit" as params of the tool: what the block's `pagination` reads from the
 * values (it throws a `BlockValueError` naming the field it cannot read), or nothing for one page.
 */
function pagingParams(values: BlockValues): Record<string, unknown> {
  const pages = intercomBlock.tools.config.pagination?.(values)
  if (!pages) return {}
  return pages.limit === undefined ? { returnAll: true } : { limit: pages.limit }
}

function inputType(type: string): SimInputType {
  return type === 'any' ? 'json' : (type as SimInputType)
}

function outputType(type: string): SimOutputType {
  return type as SimOutputType
}

function bestPractices(): string {
  const operations = hostOperations()
  const reads = operations.filter((operation) => operation.tool.annotations.readOnly).map((operation) => operation.tool.name)
  const destructive = operations.filter((operation) => operation.tool.annotations.destructive).map((operation) => operation.tool.name)
  return [
    'Use a private app access token of the workspace, and pick the region the workspace is hosted in (US, EU or AU).',
    `Look things up before writing: ${reads.join(', ')} only read.`,
    destructive.length > 0 ? `These cannot be undone: ${destructive.join(', ')}.` : '',
    'Ids come from earlier steps (a search, a list or a create); reference them instead of typing them.',
    'A failed step reports the Intercom error code in brackets, e.g. [not_found], so later steps can branch on it.',
  ]
    .filter(Boolean)
    .join(' ')
}

/** The block, as Sim loads it. */
export function simBlock<E>(options: SimAdapterOptions<E>): SimBlockConfig<E> {
  const rarely = new Set(hostParamFields().filter((entry) => isRarelyNeeded(entry.field)).map((entry) => entry.field.id))
  const block = intercomBlock
  const config: SimBlockConfig<E> = {
    type: block.type,
    name: block.name,
    description: block.description,
    longDescription: block.longDescription,
    bestPractices: bestPractices(),
    docsLink: block.docsLink,
    category: 'tools',
    integrationType: 'customer-support',
    tags: ['customer-support', 'ticketing', 'messaging'],
    bgColor: block.bgColor,
    icon: iconComponent(options.createElement),
    authMode: 'api_key',
    subBlocks: [
      ...block.subBlocks.map((field) => subBlockOf(field, options, rarely.has(field.id))),
      ...(block.triggers?.subBlocks ?? []).map(triggerSubBlockOf),
    ],
    tools: {
      access: [...block.tools.access],
      config: {
        tool: (values) => block.tools.config.tool(values),
        params: (values) => ({ ...block.tools.config.params(values), ...pagingParams(values) }),
      },
    },
    inputs: Object.fromEntries(
      Object.entries(block.inputs).map(([id, port]) => [id, { type: inputType(port.type), description: port.description }]),
    ),
    outputs: Object.fromEntries(
      Object.entries(block.outputs).map(([id, port]) => {
        const output: SimBlockConfig['outputs'][string] = { type: outputType(port.type), description: port.description }
        if (port.condition) output.condition = { field: port.condition.field, value: [...port.condition.value] } satisfies SimCondition
        return [id, output]
      }),
    ),
  }
  if (block.triggers) config.triggers = { enabled: block.triggers.enabled, available: [...block.triggers.available] }
  return config
}

// --- the tools -----------------------------------------------------------------------------

function paramType(kind: string, json: 'object' | 'array' | undefined): SimToolParam['type'] {
  if (kind === 'integer' || kind === 'number') return 'number'
  if (kind === 'boolean') return 'boolean'
  if (kind === 'json') return json === 'array' ? 'array' : 'json'
  return 'string'
}

function toolOutput(field: OutputField): SimToolOutput {
  const out: SimToolOutput = { type: 'json' }
  if (field.type === 'string' || field.type === 'number' || field.type === 'boolean') out.type = field.type
  else if (field.type === 'array') out.type = 'array'
  else if (field.type === 'object') out.type = 'object'
  if (field.description) out.description = field.description
  if (field.children.length > 0) {
    const properties = Object.fromEntries(field.children.map((child) => [child.name, toolOutput(child)]))
    if (out.type === 'array') out.items = { type: 'object', properties }
    else out.properties = properties
  }
  return out
}

function credentialParams(): Record<string, SimToolParam> {
  const token = intercomBlock.subBlocks.find((field) => field.id === 'accessToken')
  const region = intercomBlock.subBlocks.find((field) => field.id === 'region')
  return {
    accessToken: { type: 'string', required: true, visibility: 'user-only', description: token?.description ?? 'Intercom access token' },
    region: { type: 'string', required: false, visibility: 'user-only', description: region?.description ?? 'us, eu or au', default: 'us' },
  }
}

/** The params "Return all" and "Limit" of a list or search tool (none for other tools). */
function pagingToolParams(toolId: string): Record<string, SimToolParam> {
  const fields = intercomBlock.subBlocks.filter((field) => (PAGING_FIELDS as readonly string[]).includes(field.id))
  const paged = fields.every((field) => field.condition?.value.includes(operationIdOf(toolId)))
  if (fields.length === 0 || !paged) return {}
  return Object.fromEntries(
    fields.map((field) => {
      const param: SimToolParam = { type: field.type === 'switch' ? 'boolean' : 'number', required: false, visibility: 'user-or-llm', description: field.description ?? field.title }
      if (field.defaultValue !== undefined) param.default = field.defaultValue
      return [field.id, param]
    }),
  )
}

/**
 * Splits what Sim passes into the credential, "Return all" / "Limit" (for a tool that pages:
 * `paged`), and the tool's own params. A tool that does not page keeps them among its params,
 * where its schema refuses them by name instead of their being dropped.
 */
function splitParams(params: Record<string, unknown>, paged: boolean): { credential: BlockValues; paging: BlockValues; toolParams: Record<string, unknown> } {
  const credential: BlockValues = {}
  const paging: BlockValues = {}
  const toolParams: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(params ?? {})) {
    if ((CREDENTIAL_FIELDS as readonly string[]).includes(name)) credential[name] = value
    else if (paged && (PAGING_FIELDS as readonly string[]).includes(name)) paging[name] = value
    else toolParams[name] = value
  }
  return { credential, paging, toolParams }
}

function toSim(result: ToolResult): SimToolResponse {
  if (result.success) return { success: true, output: result.output }
  return { success: false, output: { error: result.error }, error: errorText(result.error) }
}

function toolConfig<E>(toolId: string, options: SimAdapterOptions<E>): SimToolConfig {
  const tool = getTool(toolId)
  if (!tool) throw new Error(`There is no tool ${toolId}`)
  const params: Record<string, SimToolParam> = credentialParams()
  for (const info of toolParams(tool)) {
    const param: SimToolParam = { type: paramType(info.kind, info.json), required: info.required, visibility: 'user-or-llm', description: info.description }
    if (info.defaultValue) param.default = info.defaultValue.value
    params[info.name] = param
  }
  const pagingDeclared = pagingToolParams(tool.id)
  Object.assign(params, pagingDeclared)
  const paged = Object.keys(pagingDeclared).length > 0
  const split = (values: Record<string, unknown>) => splitParams(values, paged)
  const { method } = parseRoute(tool.route)
  const contextOf = (credential: BlockValues) => contextFor(credential, options.context ?? {})
  /**
   * The request Sim would send if it ran the tool itself; `directExecution` makes it unused. It
   * is one call: "Return all" and "Limit" are honoured only by `directExecution`.
   */
  const built = (params: Record<string, unknown>) => {
    const { toolParams } = split(params)
    const parsed = tool.params.safeParse(toolParams)
    if (!parsed.success) throw new Error(`${tool.id}: ${parsed.error.issues.map((issue: { path: PropertyKey[]; message: string }) => `${issue.path.join('.') || 'params'}: ${issue.message}`).join('; ')}`)
    return buildRequest(tool, parsed.data as Record<string, unknown>)
  }
  return {
    id: tool.id,
    name: tool.name,
    description: tool.description,
    version: PACKAGE_VERSION,
    params,
    outputs: Object.fromEntries(outputFieldsOf(tool).map((field) => [field.name, toolOutput(field)])),
    request: {
      url: (params) => {
        const request = built(params)
        const url = new URL(resolveBaseUrl(contextOf(split(params).credential)) + request.path)
        for (const [name, value] of Object.entries(request.query)) url.searchParams.set(name, value)
        return url.toString()
      },
      method,
      headers: (params) => {
        const context = contextOf(split(params).credential)
        return {
          Authorization: `Bearer ${context.accessToken}`,
          'Intercom-Version': context.version ?? DEFAULT_INTERCOM_VERSION,
          Accept: 'application/json',
          'Content-Type': 'application/json',
          'User-Agent': USER_AGENT,
        }
      },
      ...(method === 'POST' || method === 'PUT'
        ? {
            body: (params: Record<string, unknown>) => {
              const body = built(params).body
              return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
            },
          }
        : {}),
    },
    transformResponse: async (response, params = {}) => {
      const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined)
      if (!response.ok) {
        const first = (body as { errors?: Array<{ code?: unknown; message?: unknown }> } | undefined)?.errors?.[0]
        const code = typeof first?.code === 'string' ? first.code : `http_${response.status}`
        const message = typeof first?.message === 'string' ? first.message : `Intercom answered ${response.status}`
        return { success: false, output: {}, error: `[${code}] ${message}; status ${response.status}` }
      }
      try {
        const parsed = tool.params.parse(split(params).toolParams)
        return { success: true, output: tool.transform(body, { status: response.status, params: parsed }) }
      } catch (error) {
        return { success: false, output: {}, error: `[invalid_response] ${(error as Error).message}` }
      }
    },
    directExecution: async (params, signal) => {
      const { credential, paging, toolParams } = split(params)
      const context = contextOf(credential)
      if (signal) context.signal = signal
      // As runBlock: the block's own reading of "Return all" and "Limit", then runTool across
      // pages, or one call.
      let pages: { limit?: number } | undefined
      try {
        pages = intercomBlock.tools.config.pagination?.({ ...paging, operation: operationIdOf(tool.id) })
      } catch (error) {
        if (!(error instanceof BlockValueError)) throw error
        return toSim({ success: false, error: blockValueToolError(error) })
      }
      return toSim(await runTool(tool.id, toolParams, context, pages))
    },
  }
}

/** Every tool of the registry as a Sim `ToolConfig`, keyed by tool id. */
export function simTools<E>(options: SimAdapterOptions<E>): Record<string, SimToolConfig> {
  return Object.fromEntries(listTools().map((tool) => [tool.id, toolConfig(tool.id, options)]))
}
