/** GET /data_attributes: the built-in and custom attributes of contacts and companies. */
import { ApiError, invalid } from '../errors'
import { ok, route, type Route, type SandboxRequest } from '../router'
import type { DataAttributeRecord, JsonObject } from '../types'

export const dataAttributeRoutes: Route[] = [route('GET', '/data_attributes', listDataAttributes)]

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

function listDataAttributes({ query, store }: SandboxRequest) {
  const model = query.get('model')
  if (model === 'conversation') {
    throw new ApiError(422, 'parameter_invalid', 'Conversation attributes are no longer returned by this endpoint. Use GET /conversations/attributes instead.', 'model')
  }
  if (model !== null && model !== 'contact' && model !== 'company') throw invalid('model', 'must be contact or company')
  const archived = query.get('include_archived')
  if (archived !== null && archived !== 'true' && archived !== 'false') throw invalid('include_archived', 'must be true or false')
  const models: Model[] = model === null ? ['contact', 'company'] : [model]
  const data = models.flatMap((entry) => [
    ...builtIn(entry),
    ...store.data.data_attributes
      .map(custom)
      .filter((attribute) => attribute.model === entry && (archived === 'true' || attribute.archived === false)),
  ])
  return ok({ type: 'list', data })
}
