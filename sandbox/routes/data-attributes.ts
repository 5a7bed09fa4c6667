/**
 * GET /data_attributes: the built-in and custom attributes of contacts and companies.
 * GET /conversations/attributes: a fixed set of conversation attributes.
 */
import { ApiError, invalid } from '../errors'
import { ok, route, type Route, type SandboxRequest } from '../router'
import { DAY, SEED_EPOCH } from '../seed-text'
import type { DataAttributeRecord, JsonObject } from '../types'

export const dataAttributeRoutes: Route[] = [
  route('GET', '/data_attributes', listDataAttributes),
  route('GET', '/conversations/attributes', listConversationAttributes),
]

type Model = 'contact' | 'company'

/** Built-in attributes: [name, label, data_type, api_writable]. */
const BUILT_IN: Record<Model, Array<[string, string, DataAttributeRecord['data_type'], boolean]>> = {
  contact: [
    ['name', 'Name', 'string', true],
    ['email', 'Email', 'string', true],
    ['phone', 'Phone', 'string', true],
    ['external_id', 'User ID', 'string', true],
    ['role', 'Role', 'string', true],
    ['signed_up_at', 'Signed up', 'date', true],
    ['last_seen_at', 'Last seen', 'date', true],
    ['owner_id', 'Owner', 'string', true],
    ['unsubscribed_from_emails', 'Unsubscribed from emails', 'boolean', true],
  ],
  company: [
    ['name', 'Company name', 'string', true],
    ['company_id', 'Company ID', 'string', false],
    ['plan', 'Plan', 'string', true],
    ['size', 'Company size', 'integer', true],
    ['website', 'Website', 'string', true],
    ['industry', 'Industry', 'string', true],
    ['monthly_spend', 'Monthly spend', 'float', true],
    ['remote_created_at', 'Company created at', 'date', true],
  ],
}

function builtIn(model: Model): JsonObject[] {
  return BUILT_IN[model].map(([name, label, dataType, writable]) => ({
    type: 'data_attribute',
    name,
    full_name: name,
    label,
    description: label,
    data_type: dataType,
    api_writable: writable,
    ui_writable: writable,
    messenger_writable: model === 'contact',
    custom: false,
    archived: false,
    model,
  }))
}

function custom(record: DataAttributeRecord, index: number): JsonObject {
  return {
    type: 'data_attribute',
    id: index + 1,
    name: record.name,
    full_name: `custom_attributes.${record.name}`,
    label: record.name,
    description: '',
    data_type: record.data_type,
    api_writable: true,
    ui_writable: true,
    messenger_writable: false,
    custom: true,
    archived: record.archived === true,
    model: record.model ?? 'contact',
  }
}

/** The include_archived query value: absent or false → false; anything but true/false → 400. */
function includeArchived(query: URLSearchParams): boolean {
  const archived = query.get('include_archived')
  if (archived !== null && archived !== 'true' && archived !== 'false') throw invalid('include_archived', 'must be true or false')
  return archived === 'true'
}

function listDataAttributes({ query, store }: SandboxRequest) {
  const model = query.get('model')
  if (model === 'conversation') {
    throw new ApiError(422, 'parameter_invalid', 'Conversation attributes are no longer returned by this endpoint. Use GET /conversations/attributes instead.', 'model')
  }
  if (model !== null && model !== 'contact' && model !== 'company') throw invalid('model', 'must be contact or company')
  const archived = includeArchived(query)
  const models: Model[] = model === null ? ['contact', 'company'] : [model]
  const data = models.flatMap((entry) => [
    ...builtIn(entry),
    ...store.data.data_attributes
      .map(custom)
      .filter((attribute) => attribute.model === entry && (archived || attribute.archived === false)),
  ])
  return ok({ type: 'list', data })
}

/**
 * The workspace's conversation attributes: fixed, the same for every seed and data file (the
 * seeded generator is not drawn from). Each entry is the attribute without `type` and
 * `admin_id`, which are added when it is rendered.
 */
const CONVERSATION_ATTRIBUTES: readonly JsonObject[] = [
  {
    id: 1,
    name: 'issue_type',
    description: 'What the conversation is about',
    data_type: 'list',
    required: false,
    visible_to_team_ids: [],
    archived: false,
    created_at: SEED_EPOCH - 300 * DAY,
    updated_at: SEED_EPOCH - 40 * DAY,
    options: [
      { id: '3f0c1d6e-2a41-4b7e-9c55-0d1e8a7b6c01', label: 'Billing', archived: false },
      { id: '3f0c1d6e-2a41-4b7e-9c55-0d1e8a7b6c02', label: 'Bug', archived: false },
      { id: '3f0c1d6e-2a41-4b7e-9c55-0d1e8a7b6c03', label: 'Feature request', archived: false },
      { id: '3f0c1d6e-2a41-4b7e-9c55-0d1e8a7b6c04', label: 'Other', archived: true },
    ],
  },
  {
    id: 2,
    name: 'order_number',
    description: 'The order the conversation is about',
    data_type: 'integer',
    required: false,
    visible_to_team_ids: [],
    archived: false,
    created_at: SEED_EPOCH - 300 * DAY,
    updated_at: SEED_EPOCH - 300 * DAY,
  },
  {
    id: 3,
    name: 'reason',
    description: 'Why the customer wrote in, in a few words',
    data_type: 'string',
    required: false,
    visible_to_team_ids: [],
    archived: false,
    created_at: SEED_EPOCH - 250 * DAY,
    updated_at: SEED_EPOCH - 250 * DAY,
    multiline: false,
  },
  {
    id: 4,
    name: 'escalated',
    description: 'Whether the conversation was escalated to engineering',
    data_type: 'boolean',
    required: false,
    visible_to_team_ids: [],
    archived: false,
    created_at: SEED_EPOCH - 200 * DAY,
    updated_at: SEED_EPOCH - 200 * DAY,
  },
  {
    id: 5,
    name: 'legacy_priority',
    description: 'Priority from the previous help desk (archived)',
    data_type: 'string',
    required: false,
    visible_to_team_ids: [],
    archived: true,
    created_at: SEED_EPOCH - 390 * DAY,
    updated_at: SEED_EPOCH - 100 * DAY,
    multiline: false,
  },
]

/** GET /conversations/attributes: the active attributes, or all of them with include_archived=true. */
function listConversationAttributes({ query, store }: SandboxRequest) {
  const archived = includeArchived(query)
  const adminId = store.data.admins[0]?.id
  const data = CONVERSATION_ATTRIBUTES.filter((attribute) => archived || attribute.archived === false).map(
    (attribute): JsonObject => ({ type: 'conversation_attribute', ...structuredClone(attribute), ...(adminId === undefined ? {} : { admin_id: adminId }) }),
  )
  return ok({ type: 'list', data })
}
