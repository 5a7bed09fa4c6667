/**
 * The Intercom block as an Activepieces piece, built with `@activepieces/pieces-framework` (an
 * optional peer dependency: only this entry loads it). One action per tool of the registry, its
 * props derived from the tool's params schema, dropdowns of admins and tags loaded from Intercom;
 * one webhook trigger per trigger of the registry, verified and mapped by the package's webhook
 * handler; and a connection with the access token, the region, an optional base URL and, for the
 * triggers, the app's client secret.
 *
 * ```ts
 * // the piece package's src/index.ts
 * export { intercomPiece as intercom } from 'intercom-blocks/hosts/activepieces'
 * ```
 */
import {
  createAction,
  createPiece,
  createTrigger,
  PieceAuth,
  Property,
  TriggerStrategy,
  type Action,
  type InputPropertyMap,
  type Trigger,
} from '@activepieces/pieces-framework'
import type { AnyToolDefinition, AnyTriggerDefinition, BlockTriggerField, BlockValues, OptionsLoader, Region, ToolContext, TriggerEvent } from '../../types'
import { coerceParamText } from '../../blocks/intercom'
import { BlockValueError, blockValueToolError } from '../../blocks/errors'
import { INTERCOM_ICON } from '../../blocks/icon'
import type { ParamInfo } from '../../blocks/schema'
import { blockTriggers, blockWebhookHandlerOptions } from '../../blocks/triggers'
import { executeTool } from '../../tools/executor'
import { listTools } from '../../tools/registry'
import { createWebhookHandler } from '../../triggers/handler'
import { listTriggers } from '../../triggers/registry'
import { SIGNATURE_HEADER, bytesOf } from '../../triggers/signature'
import { CREDENTIAL_DESCRIPTIONS, IntercomToolError, REGION_CHOICES, contextOfCredential, errorText, fieldsOfOperation, loadOptionsOf, toolParams } from '../shared'
import { operationIdOf, titleOf } from '../../blocks/fields'

export { IntercomToolError } from '../shared'

/** The block's trigger field each trigger itself stands for, and the one the connection holds. */
const TRIGGER_FIELD = 'triggerId'
const SECRET_FIELD = 'clientSecret'

function triggerField(id: string): BlockTriggerField | undefined {
  return blockTriggers.subBlocks.find((field) => field.id === id)
}

/**
 * The connection: an access token, the region, an optional base URL (a proxy or the sandbox) and,
 * for the triggers, the app's client secret. The secret is here rather than a trigger prop: the
 * framework types a trigger's props as `InputPropertyMap`, which has no secret text, and a
 * connection is stored encrypted while props are stored in the flow (and exported with it).
 */
export const intercomAuth = PieceAuth.CustomAuth({
  displayName: 'Intercom',
  description: "An Intercom access token and the region of the workspace; for triggers, the app's client secret.",
  required: true,
  props: {
    accessToken: PieceAuth.SecretText({ displayName: 'Access token', description: CREDENTIAL_DESCRIPTIONS.accessToken, required: true }),
    region: Property.StaticDropdown<Region, true>({
      displayName: 'Region',
      description: CREDENTIAL_DESCRIPTIONS.region,
      required: true,
      defaultValue: 'us',
      options: { options: REGION_CHOICES.map((choice) => ({ label: choice.label, value: choice.value })) },
    }),
    baseUrl: Property.ShortText({ displayName: 'Base URL', description: CREDENTIAL_DESCRIPTIONS.baseUrl, required: false }),
    clientSecret: PieceAuth.SecretText({
      displayName: `${triggerField(SECRET_FIELD)?.title ?? 'Client secret'} (triggers only)`,
      description: triggerField(SECRET_FIELD)?.description ?? "The client secret of the Intercom app whose webhooks start the flow's triggers.",
      required: false,
    }),
  },
  // Checked when the connection is saved: the token must be able to list the workspace's admins.
  validate: async ({ auth }) => {
    const result = await executeTool('intercom_list_admins', {}, contextOfCredential(auth))
    return result.success ? { valid: true } : { valid: false, error: errorText(result.error) }
  },
})

/**
 * The tool context of a connection as the framework hands it to an action: `{ type, props }`
 * (0.32), or the props themselves (what `validate` gets, and older engines).
 */
export function contextOfAuth(auth: unknown): ToolContext {
  const value = auth !== null && typeof auth === 'object' ? (auth as Record<string, unknown>) : {}
  const props = value.props !== null && typeof value.props === 'object' ? (value.props as Record<string, unknown>) : value
  return contextOfCredential(props)
}

async function loadOptions(loader: OptionsLoader, auth: unknown) {
  if (!auth) return { disabled: true, placeholder: 'Connect an Intercom account first', options: [] }
  const loaded = await loadOptionsOf(loader, contextOfAuth(auth))
  if (!loaded.success) return { disabled: true, placeholder: errorText(loaded.error), options: [] }
  return { disabled: false, options: loaded.options.map((option) => ({ label: option.label, value: option.id })) }
}

/** The prop of one param, from its schema (and, for ids of admins and tags, the block's loader). */
function propOf(info: ParamInfo, loader: OptionsLoader | undefined, longText: boolean) {
  const base = { displayName: titleOf(info.name), description: info.description, required: info.required }
  const defaultValue = info.defaultValue?.value
  if (loader) {
    return Property.Dropdown<string, boolean, typeof intercomAuth>({
      ...base,
      auth: intercomAuth,
      refreshers: [],
      options: async ({ auth }) => loadOptions(loader, auth),
    })
  }
  switch (info.kind) {
    case 'enum':
      return Property.StaticDropdown({
        ...base,
        ...(defaultValue === undefined ? {} : { defaultValue }),
        options: { options: (info.enumValues ?? []).map((value) => ({ label: String(value), value })) },
      })
    case 'integer':
    case 'number':
      return Property.Number({ ...base, ...(typeof defaultValue === 'number' ? { defaultValue } : {}) })
    case 'boolean':
      // An optional yes/no is a dropdown, so that leaving it alone sends nothing rather than `false`.
      return info.required
        ? Property.Checkbox({ ...base, ...(typeof defaultValue === 'boolean' ? { defaultValue } : {}) })
        : Property.StaticDropdown({ ...base, options: { options: [{ label: 'Yes', value: true }, { label: 'No', value: false }] } })
    case 'json':
      return Property.Json({ ...base })
    default:
      return longText ? Property.LongText({ ...base }) : Property.ShortText({ ...base })
  }
}

/** The action of one tool: its props from the params schema, its run through `executeTool`. */
function actionOf(tool: AnyToolDefinition): Action {
  const operationId = operationIdOf(tool.id)
  const fields = new Map(fieldsOfOperation(operationId).map((entry) => [entry.field.param, entry.field]))
  const props = Object.fromEntries(
    toolParams(tool).map((info) => {
      const field = fields.get(info.name)
      return [info.name, propOf(info, field?.optionsLoader, field?.type === 'long-input')]
    }),
  )
  return createAction({
    name: operationId,
    auth: intercomAuth,
    displayName: tool.name,
    description: tool.description,
    props,
    async run(context) {
      let params: Record<string, unknown>
      try {
        params = coerceParamText(tool.id, context.propsValue as Record<string, unknown>)
      } catch (error) {
        if (!(error instanceof BlockValueError)) throw error
        throw new IntercomToolError(blockValueToolError(error))
      }
      const result = await executeTool(tool.id, params, contextOfAuth(context.auth))
      if (!result.success) throw new IntercomToolError(result.error)
      return result.output
    },
  })
}

/** Every tool of the registry as an action, in registry order. */
export function intercomActions(): Action[] {
  return listTools().map(actionOf)
}

// --- the triggers ----------------------------------------------------------------------------
//
// Strategy: WEBHOOK. Intercom sends an app's notifications to the one endpoint URL typed into
// its Developer Hub (Webhooks), for the topics ticked there; there is no API to register it. A
// WEBHOOK trigger gets its own URL per flow (`webhookUrl`, shown in the setup text below) to paste
// there, with nothing for onEnable / onDisable to register. APP_WEBHOOK does not fit: it is for
// an app the Activepieces platform itself owns, whose single URL and signing secret the platform
// operator configures and whose events the piece routes to flows (`events` of the piece); here
// each user brings their own app and its client secret. Intercom's endpoint check (a HEAD
// request) and test pings start nothing. One app has one endpoint URL: to start several flows
// from one app, use one flow (the catch-all with several topics, then a router).

/** The name of the Activepieces trigger of a registry trigger: its id without `intercom_`. */
export function triggerNameOf(triggerId: string): string {
  return triggerId.replace(/^intercom_/, '')
}

function setupText(trigger: AnyTriggerDefinition): string {
  const topics = trigger.configurableTopics ? 'the topics you list below' : trigger.topics.map((topic) => `\`${topic}\``).join(', ')
  return [
    '**Setup** (once per Intercom app):',
    "1. In the Intercom Developer Hub, open your app → Webhooks and set the endpoint URL to `{{webhookUrl}}`.",
    `2. Subscribe it to ${topics}, and save.`,
    "3. Put the app's client secret (Basic information) in this piece's connection: every notification is checked against it, and one without a valid signature starts nothing.",
  ].join('\n')
}

/** The props of a block trigger field other than the trigger and the secret (the catch-all's topics). */
function triggerPropOf(field: BlockTriggerField, required: boolean) {
  const base = { displayName: field.title, description: field.description, required }
  return field.type === 'long-input' || field.type === 'code' ? Property.LongText(base) : Property.ShortText(base)
}

function appliesTo(condition: BlockTriggerField['condition'], triggerId: string): boolean {
  return condition === undefined || condition.value.includes(triggerId)
}

/** The props of one trigger: the setup text, then the block's trigger fields that apply to it. */
function triggerPropsOf(trigger: AnyTriggerDefinition): InputPropertyMap {
  const props: InputPropertyMap = { setup: Property.MarkDown({ value: setupText(trigger) }) }
  for (const field of blockTriggers.subBlocks) {
    if (field.id === TRIGGER_FIELD || field.id === SECRET_FIELD || !appliesTo(field.condition, trigger.id)) continue
    const required = field.required === true || (typeof field.required === 'object' && field.required.value.includes(trigger.id))
    props[field.id] = triggerPropOf(field, required)
  }
  return props
}

/** The client secret of a connection, as the framework hands it to a trigger (see `contextOfAuth`). */
function clientSecretOfAuth(auth: unknown): unknown {
  const value = auth !== null && typeof auth === 'object' ? (auth as Record<string, unknown>) : {}
  const props = value.props !== null && typeof value.props === 'object' ? (value.props as Record<string, unknown>) : value
  return props[SECRET_FIELD]
}

/** The block values of a trigger's run: the trigger, the connection's secret, the props. */
function triggerValues(trigger: AnyTriggerDefinition, auth: unknown, propsValue: Record<string, unknown>): BlockValues {
  const values: BlockValues = { [TRIGGER_FIELD]: trigger.id, [SECRET_FIELD]: clientSecretOfAuth(auth) }
  for (const field of blockTriggers.subBlocks) if (field.id !== TRIGGER_FIELD && field.id !== SECRET_FIELD) values[field.id] = propsValue?.[field.id]
  return values
}

/** The handler options of a trigger's values, or an Error naming the field to fix. */
function handlerOptionsOf(values: BlockValues) {
  try {
    return blockWebhookHandlerOptions(values)
  } catch (error) {
    if (!(error instanceof BlockValueError)) throw error
    const where = error.field === SECRET_FIELD ? " Add the app's client secret to the Intercom connection." : ''
    throw new Error(`${error.message}.${where}`)
  }
}

/** A `{ type: 'Buffer', data }` object: a Buffer after a trip through JSON. */
function isJsonBuffer(value: unknown): value is { type: 'Buffer'; data: number[] } {
  return value !== null && typeof value === 'object' && (value as { type?: unknown }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data)
}

/**
 * The body as received. The signature is over the exact bytes, so the raw body is used when the
 * engine passes it (text, bytes, or a Buffer serialised to JSON); otherwise the parsed body is
 * serialised again, which matches Intercom's signature only when that gives Intercom's bytes (a
 * forgery fails either way).
 */
function rawBodyOf(payload: { body?: unknown; rawBody?: unknown }): string | Uint8Array<ArrayBuffer> {
  const raw = payload.rawBody
  if (typeof raw === 'string' || raw instanceof ArrayBuffer || ArrayBuffer.isView(raw)) return bytesOf(raw)
  if (isJsonBuffer(raw)) return Uint8Array.from(raw.data)
  return typeof payload.body === 'string' ? payload.body : JSON.stringify(payload.body ?? null)
}

/** The header's value, whatever the case of its name in the engine's headers. */
function headerOf(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase())
  return typeof entry?.[1] === 'string' ? entry[1] : undefined
}

/**
 * The outputs a delivery starts, through `createWebhookHandler` (the signature checked with the
 * client secret, the topic matched to the trigger, the item mapped and checked against the output
 * schema). A delivery the handler does not accept as Intercom's (no or a wrong signature), a ping,
 * a topic the trigger does not listen to, or a stale notification start nothing; a signed
 * notification whose item cannot be read is an error naming the field.
 */
async function outputsOfDelivery(values: BlockValues, payload: { body?: unknown; rawBody?: unknown; headers?: Record<string, unknown> }, url: string): Promise<unknown[]> {
  const events: TriggerEvent[] = []
  const handler = createWebhookHandler({ ...handlerOptionsOf(values), onEvent: (event) => void events.push(event) })
  const signature = headerOf(payload.headers, SIGNATURE_HEADER)
  const response = await handler(
    new Request(url, { method: 'POST', body: rawBodyOf(payload), headers: signature === undefined ? {} : { [SIGNATURE_HEADER]: signature } }),
  )
  if (response.status === 400) {
    const answer = (await response.json().catch(() => ({}))) as { error?: unknown }
    throw new Error(`The Intercom notification cannot be read: ${String(answer.error ?? 'invalid notification')}`)
  }
  return events.map((event) => event.output)
}

/** The trigger of one registry trigger: its props, its sample output, its run through the handler. */
function triggerOf(trigger: AnyTriggerDefinition): Trigger {
  return createTrigger({
    name: triggerNameOf(trigger.id),
    auth: intercomAuth,
    displayName: trigger.name,
    description: trigger.description,
    props: triggerPropsOf(trigger),
    type: TriggerStrategy.WEBHOOK,
    sampleData: trigger.output.parse(trigger.toOutput(trigger.sample)),
    // Nothing to register (see above); enabling checks the secret and the topics, so that a flow
    // that could never start is refused with the field to fix.
    async onEnable(context) {
      handlerOptionsOf(triggerValues(trigger, context.auth, context.propsValue))
    },
    async onDisable() {},
    async run(context) {
      const url = context.webhookUrl || 'http://activepieces.invalid/intercom'
      return outputsOfDelivery(triggerValues(trigger, context.auth, context.propsValue), context.payload, url)
    },
  })
}

/** Every trigger of the registry as a webhook trigger, in registry order. */
export function intercomTriggers(): Trigger[] {
  return listTriggers().map(triggerOf)
}

export interface IntercomPieceOptions {
  /**
   * Triggers of the host's own, added after the derived ones (`intercomTriggers()`). One with
   * the name of a derived trigger (e.g. `conversation_user_replied`) replaces it in place.
   */
  triggers?: Trigger[]
}

/** The derived triggers with the caller's: same name replaces in place, new names are appended. */
function mergeTriggers(own: readonly Trigger[]): Trigger[] {
  const byName = new Map(own.map((trigger) => [trigger.name, trigger]))
  const derived = intercomTriggers().map((trigger) => byName.get(trigger.name) ?? trigger)
  const names = new Set(derived.map((trigger) => trigger.name))
  return [...derived, ...own.filter((trigger) => !names.has(trigger.name))]
}

/** The piece: every tool as an action, every trigger as a webhook trigger, the connection, the icon. */
export function createIntercomPiece(options: IntercomPieceOptions = {}) {
  return createPiece({
    displayName: 'Intercom',
    description: 'Contacts, companies, conversations, tickets, messages, tags, notes and events in Intercom.',
    logoUrl: `data:image/svg+xml;base64,${btoa(INTERCOM_ICON)}`,
    authors: ['intercom-blocks'],
    categories: ['CUSTOMER_SUPPORT'] as unknown as Parameters<typeof createPiece>[0]['categories'],
    auth: intercomAuth,
    actions: intercomActions(),
    triggers: mergeTriggers(options.triggers ?? []),
  })
}

/** The piece, ready to export from a piece package. */
export const intercomPiece = createIntercomPiece()
