import type { OptionsLoader } from '../types'

// Two things a zod schema cannot say about a param, declared once by param name. Everything
// else about a field (type, options, label, requirement, conditions) is derived from the schemas.

/**
 * Option lists the block loads through our own tools instead of asking people to paste ids.
 * The tool must be read-only, take no required params, and return the list under `list`.
 */
export const OPTION_LOADERS = {
  admins: { tool: 'intercom_list_admins', list: 'admins', value: 'id', label: 'name' },
  tags: { tool: 'intercom_list_tags', list: 'tags', value: 'id', label: 'name' },
  ticketTypes: { tool: 'intercom_list_ticket_types', list: 'ticket_types', value: 'id', label: 'name' },
  ticketStates: { tool: 'intercom_list_ticket_states', list: 'ticket_states', value: 'id', label: 'internal_label' },
  // An assignee is an admin or a team: both lists, each under its heading.
  assignees: {
    tool: 'intercom_list_admins',
    list: 'admins',
    value: 'id',
    label: 'name',
    group: 'Admins',
    also: [{ tool: 'intercom_list_teams', list: 'teams', value: 'id', label: 'name', group: 'Teams' }],
  },
} as const satisfies Record<string, OptionsLoader>

/** Which params offer which loaded options. */
export const PARAM_OPTIONS: Readonly<Record<string, keyof typeof OPTION_LOADERS>> = {
  admin_id: 'admins',
  owner_id: 'admins',
  from_id: 'admins',
  adminId: 'admins',
  tagId: 'tags',
  ticket_type_id: 'ticketTypes',
  ticket_state_id: 'ticketStates',
  assignee_id: 'assignees',
}

/** The custom attributes of one resource, as hints for the keys of a custom_attributes editor. */
const customAttributes = (model: 'contact' | 'company'): OptionsLoader => ({
  tool: 'intercom_list_data_attributes',
  params: { model },
  where: { custom: true },
  list: 'data_attributes',
  value: 'name',
  label: 'label',
})

/**
 * The active conversation attributes (Intercom lists them apart from the data attributes, at
 * `GET /conversations/attributes`, and has no label besides the name).
 */
const conversationAttributes: OptionsLoader = {
  tool: 'intercom_list_conversation_attributes',
  list: 'conversation_attributes',
  value: 'name',
  label: 'name',
}

/**
 * JSON object params whose keys are names the workspace defines, by param name and then by the
 * resource a tool's route addresses (its first path segment): a tool added under /contacts,
 * /companies or /conversations gets the hints without an edit here.
 */
export const KEY_HINT_LOADERS: Readonly<Record<string, Readonly<Record<string, OptionsLoader>>>> = {
  custom_attributes: { contacts: customAttributes('contact'), companies: customAttributes('company'), conversations: conversationAttributes },
}

/** Text params that hold prose (message bodies, notes), shown as a multi-line field. */
export const LONG_TEXT_PARAMS: ReadonlySet<string> = new Set(['body'])
