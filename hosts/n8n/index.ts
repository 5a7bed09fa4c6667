/**
 * The Intercom block as an n8n community node: `IntercomBlocks` (an `INodeType`) and its
 * credential type `IntercomBlocksApi`, both derived from the block and the registry. n8n loads
 * them from CommonJS `*.node.js` / `*.credentials.js` files: the build writes those into
 * `dist/n8n/` (see `n8nPackageFiles`), and the package's `n8n` field lists them.
 *
 * Nothing here imports n8n: the shapes are n8n's public node API, written as plain data.
 */
import type { BlockValues, OptionsLoader, SubBlock } from '../../types'
import { intercomBlock } from '../../blocks/intercom'
import type { ParamField } from '../../blocks/fields'
import { BlockValueError, blockValueToolError } from '../../blocks/errors'
import { executeTool } from '../../tools/executor'
import { REGION_HOSTS } from '../../tools/http'
import { DEFAULT_INTERCOM_VERSION } from '../../tools/version'
import {
  CREDENTIAL_DESCRIPTIONS,
  REGION_CHOICES,
  contextOfCredential,
  errorText,
  fieldsOfOperation,
  hostResources,
  isRequiredFor,
  loadOptionsOf,
} from '../shared'

export { n8nPackageFiles, N8N_LOADED_FILES, N8N_PACKAGE_DIR } from './package'

/** The node's type name (n8n prefixes it with the package: `intercom-blocks.intercomBlocks`, or `CUSTOM.intercomBlocks`). */
export const N8N_NODE_NAME = 'intercomBlocks'
/** The credential type's name (global in n8n; n8n's own Intercom node already has `intercomApi`). */
export const N8N_CREDENTIAL_NAME = 'intercomBlocksApi'

/** An n8n node parameter (`INodeProperties`), as far as this node uses it. */
export interface N8nProperty {
  displayName: string
  name: string
  type: 'string' | 'number' | 'boolean' | 'options' | 'json' | 'collection'
  default: unknown
  description?: string
  placeholder?: string
  required?: boolean
  noDataExpression?: boolean
  options?: Array<{ name: string; value: string | number | boolean; description?: string; action?: string }> | N8nProperty[]
  typeOptions?: { password?: boolean; rows?: number; loadOptionsMethod?: string }
  displayOptions?: { show: Record<string, Array<string | number | boolean>> }
}

/** The node description (`INodeTypeDescription`), as far as this node uses it. */
export interface N8nNodeDescription {
  displayName: string
  name: string
  icon: string
  group: string[]
  version: number
  subtitle: string
  description: string
  defaults: { name: string }
  inputs: string[]
  outputs: string[]
  usableAsTool: true
  credentials: Array<{ name: string; required: boolean }>
  properties: N8nProperty[]
}

/** What n8n's `this` offers `execute` (`IExecuteFunctions`), as far as this node uses it. */
export interface N8nExecuteContext {
  getInputData(): unknown[]
  getNodeParameter(name: string, itemIndex: number, fallback?: unknown): unknown
  getCredentials(type: string, itemIndex?: number): Promise<Record<string, unknown>>
  continueOnFail(): boolean
  getExecutionCancelSignal?(): AbortSignal | undefined
}

/** What n8n's `this` offers a `loadOptions` method (`ILoadOptionsFunctions`), as far as it is used. */
export interface N8nLoadOptionsContext {
  getCredentials(type: string): Promise<Record<string, unknown>>
}

export interface N8nItem {
  json: Record<string, unknown>
  pairedItem: { item: number }
}

const resources = hostResources()
const resourceOfOperation = new Map(resources.flatMap((resource) => resource.operations.map((operation) => [operation.id, resource.id] as const)))

function firstSentence(text: string): string {
  const match = /^(.*?[.!?])(\s|$)/.exec(text)
  return match?.[1] ?? text
}

/** The loadOptions method of an options loader: named after the tool it calls. */
const methodOf = (loader: OptionsLoader) => loader.tool

function propertyOf(entry: ParamField, required: boolean): N8nProperty {
  const { field, enumValues } = entry
  const property: N8nProperty = { displayName: field.title, name: field.id, type: 'string', default: '' }
  if (field.description !== undefined) property.description = field.description
  if (field.placeholder !== undefined && field.type !== 'switch') property.placeholder = field.placeholder
  if (field.optionsLoader) {
    property.type = 'options'
    property.typeOptions = { loadOptionsMethod: methodOf(field.optionsLoader) }
    property.description = `${property.description ?? ''} Choose from the list, or give an ID with an expression.`.trim()
  } else if (field.valueKind === 'enum') {
    property.type = 'options'
    property.options = (enumValues ?? []).map((value) => ({ name: String(value), value }))
    property.default = field.defaultValue ?? enumValues?.[0] ?? ''
  } else if (field.valueKind === 'integer' || field.valueKind === 'number') {
    property.type = 'number'
    // n8n numbers cannot be empty: a required one starts at its default or 0, shown in the form.
    property.default = typeof field.defaultValue === 'number' ? field.defaultValue : 0
  } else if (field.valueKind === 'boolean') {
    property.type = 'boolean'
    property.default = typeof field.defaultValue === 'boolean' ? field.defaultValue : false
  } else if (field.valueKind === 'json') {
    property.type = 'json'
    property.default = ''
  } else if (field.type === 'long-input') {
    property.typeOptions = { rows: 4 }
  }
  if (required) property.required = true
  return property
}

function showFor(operationIds: string[]): N8nProperty['displayOptions'] {
  const resourceIds = [...new Set(operationIds.map((id) => resourceOfOperation.get(id) ?? ''))]
  return { show: { resource: resourceIds, operation: operationIds } }
}

function properties(): N8nProperty[] {
  const out: N8nProperty[] = []
  out.push({
    displayName: 'Resource',
    name: 'resource',
    type: 'options',
    noDataExpression: true,
    options: resources.map((resource) => ({ name: resource.label, value: resource.id })),
    default: resources[0]?.id ?? '',
  })
  for (const resource of resources) {
    out.push({
      displayName: 'Operation',
      name: 'operation',
      type: 'options',
      noDataExpression: true,
      displayOptions: { show: { resource: [resource.id] } },
      options: resource.operations.map((operation) => ({
        name: operation.tool.name,
        value: operation.id,
        description: firstSentence(operation.tool.description),
        action: operation.tool.name,
      })),
      default: resource.operations[0]?.id ?? '',
    })
  }
  // Each field once, shown where it is required; where it is optional it sits in that
  // operation's "Additional Fields", so that nothing is sent unless it was added.
  const operationIds = resources.flatMap((resource) => resource.operations.map((operation) => operation.id))
  const seen = new Set<string>()
  for (const operationId of operationIds) {
    for (const entry of fieldsOfOperation(operationId)) {
      if (seen.has(entry.field.id)) continue
      const requiredFor = (entry.field.condition?.value ?? []).filter((id) => isRequiredFor(entry.field, id))
      if (requiredFor.length === 0) continue
      seen.add(entry.field.id)
      out.push({ ...propertyOf(entry, true), displayOptions: showFor(requiredFor) })
    }
  }
  for (const operationId of operationIds) {
    const optional = fieldsOfOperation(operationId).filter((entry) => !isRequiredFor(entry.field, operationId))
    if (optional.length === 0) continue
    out.push({
      displayName: 'Additional Fields',
      name: 'additionalFields',
      type: 'collection',
      placeholder: 'Add Field',
      default: {},
      displayOptions: showFor([operationId]),
      options: optional.map((entry) => propertyOf(entry, false)),
    })
  }
  return out
}

function credentialOf(raw: Record<string, unknown>) {
  return contextOfCredential({ accessToken: raw.accessToken, region: raw.region, baseUrl: raw.baseUrl })
}

function loadersByMethod(): Map<string, OptionsLoader> {
  const loaders = new Map<string, OptionsLoader>()
  for (const field of intercomBlock.subBlocks) if (field.optionsLoader) loaders.set(methodOf(field.optionsLoader), field.optionsLoader)
  return loaders
}

async function loadOptions(this: N8nLoadOptionsContext, loader: OptionsLoader) {
  const loaded = await loadOptionsOf(loader, credentialOf(await this.getCredentials(N8N_CREDENTIAL_NAME)))
  if (!loaded.success) throw new Error(errorText(loaded.error))
  return loaded.options.map((option) => ({ name: option.label, value: option.id }))
}

/** The values of one item as the block reads them: the operation, its required fields, its additional fields. */
function valuesOf(context: N8nExecuteContext, itemIndex: number): BlockValues {
  const operation = context.getNodeParameter('operation', itemIndex)
  const values: BlockValues = { operation }
  if (typeof operation !== 'string') return values
  const fields = fieldsOfOperation(operation)
  for (const entry of fields) {
    if (isRequiredFor(entry.field as SubBlock, operation)) values[entry.field.id] = context.getNodeParameter(entry.field.id, itemIndex)
  }
  if (fields.some((entry) => !isRequiredFor(entry.field as SubBlock, operation))) {
    const additional = context.getNodeParameter('additionalFields', itemIndex, {})
    if (additional !== null && typeof additional === 'object') Object.assign(values, additional)
  }
  return values
}

/** The Intercom node: resource and operation dropdowns, one set of fields per operation, all derived. */
export class IntercomBlocks {
  description: N8nNodeDescription = {
    displayName: 'Intercom (intercom-blocks)',
    name: N8N_NODE_NAME,
    icon: 'file:intercom.svg',
    group: ['transform'],
    version: 1,
    subtitle: '={{$parameter["operation"]}}',
    description: intercomBlock.description,
    defaults: { name: 'Intercom' },
    inputs: ['main'],
    outputs: ['main'],
    usableAsTool: true,
    credentials: [{ name: N8N_CREDENTIAL_NAME, required: true }],
    properties: properties(),
  }

  methods = {
    loadOptions: Object.fromEntries(
      [...loadersByMethod()].map(([name, loader]) => [
        name,
        async function (this: N8nLoadOptionsContext) {
          return loadOptions.call(this, loader)
        },
      ]),
    ),
  }

  async execute(this: N8nExecuteContext): Promise<N8nItem[][]> {
    const items = this.getInputData()
    const base = credentialOf(await this.getCredentials(N8N_CREDENTIAL_NAME))
    const signal = this.getExecutionCancelSignal?.()
    const out: N8nItem[] = []
    for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
      let toolId: string
      let params: Record<string, unknown>
      const values = valuesOf(this, itemIndex)
      try {
        toolId = intercomBlock.tools.config.tool(values)
        params = intercomBlock.tools.config.params(values)
      } catch (error) {
        if (!(error instanceof BlockValueError)) throw error
        const failure = blockValueToolError(error)
        if (this.continueOnFail()) {
          out.push({ json: { error: failure }, pairedItem: { item: itemIndex } })
          continue
        }
        throw new Error(`${errorText(failure)} (item ${itemIndex})`)
      }
      const result = await executeTool(toolId, params, signal ? { ...base, signal } : base)
      if (result.success) {
        out.push({ json: result.output, pairedItem: { item: itemIndex } })
      } else if (this.continueOnFail()) {
        out.push({ json: { error: result.error }, pairedItem: { item: itemIndex } })
      } else {
        throw new Error(`${errorText(result.error)} (item ${itemIndex})`)
      }
    }
    return [out]
  }
}

/** The credential: an access token, the region, and an optional base URL (a proxy or the sandbox). */
export class IntercomBlocksApi {
  name = N8N_CREDENTIAL_NAME
  displayName = 'Intercom (intercom-blocks) API'
  documentationUrl = 'https://developers.intercom.com/docs/build-an-integration/learn-more/authentication'
  properties: N8nProperty[] = [
    {
      displayName: 'Access Token',
      name: 'accessToken',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: CREDENTIAL_DESCRIPTIONS.accessToken,
    },
    {
      displayName: 'Region',
      name: 'region',
      type: 'options',
      options: REGION_CHOICES.map((choice) => ({ name: choice.label, value: choice.value })),
      default: 'us',
      description: CREDENTIAL_DESCRIPTIONS.region,
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: '',
      placeholder: 'http://127.0.0.1:4010',
      description: CREDENTIAL_DESCRIPTIONS.baseUrl,
    },
  ]
  // Only n8n's "test credential" button uses these two; the node sends its requests itself.
  authenticate = {
    type: 'generic',
    properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}', 'Intercom-Version': DEFAULT_INTERCOM_VERSION } },
  }
  test = {
    request: {
      baseURL: `={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, '') : (${JSON.stringify(REGION_HOSTS)})[$credentials.region || 'us']}}`,
      url: '/me',
    },
  }
}
