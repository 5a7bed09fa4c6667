/**
 * The Intercom block as an Activepieces piece, built with `@activepieces/pieces-framework` (an
 * optional peer dependency: only this entry loads it). One action per tool of the registry, its
 * props derived from the tool's params schema, dropdowns of admins and tags loaded from Intercom,
 * and a connection with the access token, the region and an optional base URL.
 *
 * ```ts
 * // the piece package's src/index.ts
 * export { intercomPiece as intercom } from 'intercom-blocks/hosts/activepieces'
 * ```
 */
import { createAction, createPiece, PieceAuth, Property, type Action, type Trigger } from '@activepieces/pieces-framework'
import type { AnyToolDefinition, OptionsLoader, Region, ToolContext } from '../../types'
import { coerceParamText } from '../../blocks/intercom'
import { BlockValueError } from '../../blocks/errors'
import { INTERCOM_ICON } from '../../blocks/icon'
import type { ParamInfo } from '../../blocks/schema'
import { executeTool } from '../../tools/executor'
import { listTools } from '../../tools/registry'
import { CREDENTIAL_DESCRIPTIONS, IntercomToolError, REGION_CHOICES, contextOfCredential, errorText, fieldsOfOperation, loadOptionsOf, toolParams } from '../shared'
import { operationIdOf, titleOf } from '../../blocks/fields'

export { IntercomToolError } from '../shared'

/** The connection: an access token, the region, and an optional base URL (a proxy or the sandbox). */
export const intercomAuth = PieceAuth.CustomAuth({
  displayName: 'Intercom',
  description: 'An Intercom access token and the region of the workspace.',
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
        throw new IntercomToolError({ code: 'validation_error', field: error.field, message: error.message, retryable: false })
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

export interface IntercomPieceOptions {
  /**
   * The piece's triggers. The block has none yet: once trigger definitions exist in the package,
   * they are derived here the way actions are; until then a host may pass its own.
   */
  triggers?: Trigger[]
}

/** The piece: every tool as an action, the connection, the icon. */
export function createIntercomPiece(options: IntercomPieceOptions = {}) {
  return createPiece({
    displayName: 'Intercom',
    description: 'Contacts, companies, conversations, tickets, messages, tags, notes and events in Intercom.',
    logoUrl: `data:image/svg+xml;base64,${btoa(INTERCOM_ICON)}`,
    authors: ['intercom-blocks'],
    categories: ['CUSTOMER_SUPPORT'] as unknown as Parameters<typeof createPiece>[0]['categories'],
    auth: intercomAuth,
    actions: intercomActions(),
    triggers: options.triggers ?? [],
  })
}

/** The piece, ready to export from a piece package. */
export const intercomPiece = createIntercomPiece()
