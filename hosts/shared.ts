import type { AnyToolDefinition, BlockRunContext, OptionsLoader, Region, SubBlock, ToolContext, ToolError, ToolResult } from '../types'
import { blockOperations, blockParamFields, loadFieldOptions, type LoadedOptions } from '../blocks/intercom'
import type { Operation, ParamField } from '../blocks/fields'
import { RESOURCE_GROUPS } from '../blocks/resources'
import { paramsOf, type ParamInfo } from '../blocks/schema'
import { REGION_HOSTS } from '../tools/http'

// What every host adapter derives the same way from the block and the registry: the credential
// a host stores, the error text a host shows, and which fields are rarely needed. No adapter has
// code for one tool; adding a tool to the registry adds it to every host.

/** The regions a credential offers, in `REGION_HOSTS` order, with a label naming the API host. */
export const REGION_CHOICES: ReadonlyArray<{ value: Region; label: string }> = Object.entries(REGION_HOSTS).map(([region, host]) => ({
  value: region as Region,
  label: `${region.toUpperCase()} (${new URL(host).host})`,
}))

export const CREDENTIAL_DESCRIPTIONS = {
  accessToken:
    "An Intercom access token: a private app's token (Developer Hub → your app → Authentication) or an OAuth token. It is sent only as the Authorization header and never appears in outputs or errors.",
  region: 'The data centre of the Intercom workspace: US unless the workspace is hosted in Europe or Australia.',
  baseUrl: 'Leave empty for Intercom itself. A proxy or a sandbox (e.g. http://127.0.0.1:4010) to call instead; it overrides the region.',
} as const

/** A connection as hosts store it: every part optional, text as a form gives it. */
export interface StoredCredential {
  accessToken?: unknown
  region?: unknown
  baseUrl?: unknown
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/**
 * The tool context of a host's stored connection, over a base context (a proxy, a transport):
 * an empty region or base URL means "not set" (forms deliver `''`), anything else is passed on
 * for the executor to check, so a wrong region is refused by name rather than ignored.
 */
export function contextOfCredential(credential: StoredCredential | undefined, base: BlockRunContext = {}): ToolContext {
  const context: ToolContext = { ...base, accessToken: text(credential?.accessToken) ?? base.accessToken ?? '' }
  const region = text(credential?.region)
  if (region !== undefined) context.region = region as Region
  const baseUrl = text(credential?.baseUrl)
  if (baseUrl !== undefined) context.baseUrl = baseUrl
  return context
}

/** One line for a host that shows errors as text: the code first, so that it is never lost. */
export function errorText(error: ToolError): string {
  const parts = [`[${error.code}] ${error.message}`]
  if (error.status !== undefined) parts.push(`status ${error.status}`)
  if (error.requestId !== undefined) parts.push(`request id ${error.requestId}`)
  return parts.join('; ')
}

/** An Error carrying the `ToolError` of a failed call, for hosts that report failures by throwing. */
export class IntercomToolError extends Error {
  override name = 'IntercomToolError'
  readonly error: ToolError

  constructor(error: ToolError) {
    super(errorText(error))
    this.error = error
  }
}

/** The output of a result, or throws an `IntercomToolError`. */
export function outputOrThrow(result: ToolResult): Record<string, unknown> {
  if (!result.success) throw new IntercomToolError(result.error)
  return result.output
}

/** The operations of the block, in dropdown order. */
export function hostOperations(): readonly Operation[] {
  return blockOperations()
}

/** The param fields of the block. */
export function hostParamFields(): readonly ParamField[] {
  return blockParamFields()
}

/** The resources of the block that have operations, each with its operations in dropdown order. */
export function hostResources(): Array<{ id: string; label: string; operations: Operation[] }> {
  const operations = blockOperations()
  const labels = new Map<string, string>(RESOURCE_GROUPS.map((group) => [group.label, group.id]))
  const resources: Array<{ id: string; label: string; operations: Operation[] }> = []
  for (const operation of operations) {
    let resource = resources.find((entry) => entry.label === operation.group)
    if (!resource) {
      resource = { id: labels.get(operation.group) ?? operation.group.toLowerCase().replace(/[^a-z0-9]+/g, '-'), label: operation.group, operations: [] }
      resources.push(resource)
    }
    resource.operations.push(operation)
  }
  return resources
}

function requiredFor(field: SubBlock, operationId: string): boolean {
  const required = field.required
  if (required === true) return true
  if (!required) return false
  return required.value.includes(operationId)
}

/**
 * Whether a param field is rarely needed: optional for every operation that shows it, and either
 * it has a default or every one of those operations only reads (paging, sorting and display
 * options of reads). Optional fields of writes are the data being written and stay in view.
 */
export function isRarelyNeeded(field: ParamField['field']): boolean {
  const shownFor = field.condition?.value ?? []
  if (shownFor.some((operationId) => requiredFor(field, operationId))) return false
  if (field.defaultValue !== undefined) return true
  const operations = new Map(blockOperations().map((operation) => [operation.id, operation]))
  return shownFor.length > 0 && shownFor.every((operationId) => operations.get(operationId)?.tool.annotations.readOnly === true)
}

/** Whether a field is required for an operation. */
export function isRequiredFor(field: SubBlock, operationId: string): boolean {
  return requiredFor(field, operationId)
}

/** The fields an operation shows, in the block's field order. */
export function fieldsOfOperation(operationId: string): ParamField[] {
  return blockParamFields().filter((entry) => entry.field.condition?.value.includes(operationId))
}

/** The params of a tool, as the block reads them (kind, requirement, description, default). */
export function toolParams(tool: AnyToolDefinition): ParamInfo[] {
  return paramsOf(tool)
}

/** A field whose dropdown `loader` fills, e.g. the first admin id field for the admins loader. */
function fieldOfLoader(loader: OptionsLoader): string | undefined {
  return blockParamFields().find((entry) => entry.field.optionsLoader?.tool === loader.tool && entry.field.optionsLoader.list === loader.list)?.field.id
}

/** The options an options loader gives with a connection's context (the block's own loading). */
export async function loadOptionsOf(loader: OptionsLoader, context: ToolContext): Promise<LoadedOptions> {
  const fieldId = fieldOfLoader(loader)
  if (fieldId === undefined) return { success: false, error: { code: 'validation_error', message: `no field loads ${loader.tool}`, retryable: false } }
  return loadFieldOptions(fieldId, {}, context)
}
