import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { intercomBlock, listTools, REGION_HOSTS, toolJsonSchema } from '../../index'
import { BlockValueError } from '../../blocks/errors'
import { OPTION_LOADERS, PARAM_OPTIONS } from '../../blocks/hints'
import { blockParamFields } from '../../blocks/intercom'
import { RESOURCE_GROUPS } from '../../blocks/resources'
import type { OptionsLoader, SubBlock } from '../../types'
import { samples } from '../samples'

type JsonSchema = Record<string, unknown>
type ParamFieldOf = SubBlock & { param: string; condition: { field: 'operation'; value: string[] } }

const tools = listTools()
const opOf = (toolId: string) => toolId.replace(/^intercom_/, '')
const paramFields = intercomBlock.subBlocks.filter((field): field is ParamFieldOf => field.param !== undefined)
const settingIds = ['operation', 'accessToken', 'region', 'returnAll', 'limit']

/** The field that fills `param` when `operation` is chosen; fails unless there is exactly one. */
function fieldFor(operation: string, param: string): ParamFieldOf {
  const found = paramFields.filter((field) => field.param === param && field.condition.value.includes(operation))
  expect(found.map((field) => field.id), `${operation}.${param}`).toHaveLength(1)
  return found[0] as ParamFieldOf
}

const requiredOps = (field: SubBlock) => (typeof field.required === 'object' ? field.required.value : [])

/**
 * The field type a param should get, read from zod's own JSON Schema of the tool (a derivation
 * independent of the block's): enum → dropdown, boolean → switch, integer/number → number input,
 * object/array (or their JSON text) → code editor, anything else is text (or a dropdown of loaded
 * options for admins and tags).
 */
function expectedField(property: JsonSchema): { types: string[]; enum?: string[] } {
  if (Array.isArray(property.enum)) return { types: ['dropdown'], enum: property.enum.map(String) }
  const branches = (Array.isArray(property.anyOf) ? property.anyOf : [property]) as JsonSchema[]
  const typesOf = (branch: JsonSchema): string[] => (Array.isArray(branch.type) ? branch.type : branch.type === undefined ? ['ref'] : [branch.type as string])
  const types = new Set(branches.flatMap(typesOf))
  const jsonText = branches.some((branch) => branch.contentMediaType === 'application/json')
  if (types.size === 1 && types.has('boolean')) return { types: ['switch'] }
  if ([...types].every((type) => type === 'integer' || type === 'number')) return { types: ['number-input'] }
  if (jsonText || (!types.has('string') && (types.has('object') || types.has('array') || types.has('ref')))) return { types: ['code'] }
  return { types: ['short-input', 'long-input', 'dropdown'] }
}

describe('the Intercom block', () => {
  it('has the block format fields a workflow engine reads', () => {
    expect(intercomBlock.type).toBe('intercom')
    expect(intercomBlock.name).toBe('Intercom')
    expect(intercomBlock.category).toBe('tools')
    expect(intercomBlock.bgColor).toMatch(/^#[0-9A-Fa-f]{6}$/)
    expect(intercomBlock.icon.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(intercomBlock.icon.endsWith('</svg>')).toBe(true)
    expect(intercomBlock.docsLink).toMatch(/^https:\/\//)
    for (const group of RESOURCE_GROUPS) expect(intercomBlock.description.toLowerCase()).toContain(group.label.toLowerCase())
    for (const tool of tools) expect(intercomBlock.longDescription.toLowerCase()).toContain(tool.name.toLowerCase())
  })

  it('starts with the operation, the credential (a password field) and the region', () => {
    const [operation, token, region] = intercomBlock.subBlocks
    expect(operation?.id).toBe('operation')
    expect(operation?.type).toBe('dropdown')
    expect(operation?.required).toBe(true)
    expect(token).toMatchObject({ id: 'accessToken', type: 'short-input', password: true, required: true })
    expect(region?.id).toBe('region')
    expect(region?.options?.map((option) => option.id)).toEqual(Object.keys(REGION_HOSTS))
    expect(region?.options?.map((option) => option.id)).toEqual(['us', 'eu', 'au'])
    expect(region?.defaultValue).toBe('us')
  })

  it('offers every tool as an operation, grouped by resource, with a read-only default', () => {
    const operation = intercomBlock.subBlocks[0]
    const options = operation?.options ?? []
    expect(options.map((option) => option.id).sort()).toEqual(tools.map((tool) => opOf(tool.id)).sort())
    expect(new Set(options.map((option) => option.id)).size).toBe(options.length)
    // Grouped: each group's options are contiguous and groups follow RESOURCE_GROUPS.
    const groupsInOrder = options.map((option) => option.group).filter((group, index, all) => group !== all[index - 1])
    expect(groupsInOrder).toEqual(RESOURCE_GROUPS.filter((group) => group.tools.length > 0).map((group) => group.label))
    for (const option of options) {
      const tool = tools.find((candidate) => opOf(candidate.id) === option.id)
      expect(option.label).toBe(tool?.name)
    }
    const defaultTool = tools.find((tool) => opOf(tool.id) === operation?.defaultValue)
    expect(defaultTool?.annotations.readOnly).toBe(true)
  })

  it('puts every registry tool in exactly one declared resource group', () => {
    for (const tool of tools) {
      const groups = RESOURCE_GROUPS.filter((group) => group.tools.some((candidate) => candidate.id === tool.id))
      expect(groups.map((group) => group.id), tool.id).toHaveLength(1)
    }
  })

  it('gives access to every tool, and config.tool maps each operation to its tool', () => {
    expect([...intercomBlock.tools.access].sort()).toEqual(tools.map((tool) => tool.id).sort())
    for (const tool of tools) expect(intercomBlock.tools.config.tool({ operation: opOf(tool.id) })).toBe(tool.id)
  })

  it('refuses an unknown or missing operation instead of falling back to a default tool', () => {
    for (const operation of ['explode_contact', 'intercom_get_contact', '', undefined, 42]) {
      const values = { operation, contactId: '1' }
      expect(() => intercomBlock.tools.config.tool(values)).toThrow(BlockValueError)
      const error = paramsError(values)
      expect(error.field).toBe('operation')
      expect(error.message).toContain('choose one of create_contact, get_contact')
    }
  })

  it('has unique field ids, none of them taken from the settings', () => {
    const ids = intercomBlock.subBlocks.map((field) => field.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(paramFields.map((field) => field.id).filter((id) => settingIds.includes(id))).toEqual([])
    expect(intercomBlock.subBlocks.filter((field) => field.param === undefined).map((field) => field.id)).toEqual(settingIds)
  })
})

describe.each(tools.map((tool) => [tool.id, tool] as const))('%s: block fields', (toolId, tool) => {
  const operation = opOf(toolId)
  const schema = toolJsonSchema(toolId)
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set((schema.required ?? []) as string[])

  it('reaches every param through exactly one field shown for the operation, of the right type', () => {
    const params = Object.keys((tool.params as z.ZodObject).shape)
    expect(Object.keys(properties).sort()).toEqual([...params].sort())
    for (const param of params) {
      const field = fieldFor(operation, param)
      const expected = expectedField(properties[param] as JsonSchema)
      expect(expected.types, `${param} is a ${field.type}`).toContain(field.type)
      if (expected.enum) expect(field.options?.map((option) => option.id), param).toEqual(expected.enum)
      if (field.type === 'code') expect(field.language).toBe('json')
      if (field.type === 'dropdown' && !expected.enum) expect(field.optionsLoader, `${param} needs loaded options`).toBeDefined()
      expect(requiredOps(field).includes(operation), `${param} required for ${operation}`).toBe(required.has(param))
    }
  })

  it('shows no field that fills a param the tool does not have', () => {
    const params = new Set(Object.keys(properties))
    const shown = paramFields.filter((field) => field.condition.value.includes(operation))
    expect(shown.filter((field) => !params.has(field.param)).map((field) => field.id)).toEqual([])
  })
})

describe('block fields', () => {
  it('uses every field in at least one operation, and only operations whose tool has the param', () => {
    for (const field of paramFields) {
      expect(field.condition.field).toBe('operation')
      expect(field.condition.value.length, field.id).toBeGreaterThan(0)
      for (const operation of field.condition.value) {
        const tool = tools.find((candidate) => opOf(candidate.id) === operation)
        expect(tool, `${field.id} names ${operation}`).toBeDefined()
        expect(Object.keys((tool?.params as z.ZodObject).shape)).toContain(field.param)
      }
      for (const operation of requiredOps(field)) expect(field.condition.value).toContain(operation)
    }
  })

  it('has a label, and a placeholder for every field a person types into or picks from', () => {
    for (const field of paramFields) {
      expect(field.title.trim(), field.id).not.toBe('')
      if (field.type !== 'switch') expect(field.placeholder?.trim(), field.id).toBeTruthy()
      expect(field.description?.trim(), field.id).toBeTruthy()
    }
    expect(fieldFor('get_contact', 'contactId').title).toBe('Contact ID')
    expect(fieldFor('reply_conversation', 'attachment_urls').title).toBe('Attachment URLs')
  })

  it('keeps one field for a param that means the same in several operations', () => {
    const adminId = fieldFor('reply_conversation', 'admin_id')
    for (const operation of ['close_conversation', 'update_ticket', 'tag_conversation', 'create_note']) {
      expect(fieldFor(operation, 'admin_id').id).toBe(adminId.id)
    }
    expect(adminId.id).toBe('admin_id')
    // Required where the tool requires it, optional elsewhere.
    expect(requiredOps(adminId)).toContain('close_conversation')
    expect(requiredOps(adminId)).not.toContain('reply_conversation')
    const contactId = fieldFor('get_contact', 'contactId')
    expect(fieldFor('delete_contact', 'contactId').id).toBe(contactId.id)
    // Operations that describe it differently keep their own help text.
    expect(contactId.descriptions?.delete_contact).toMatch(/delete/)
  })

  it('splits a param name that means different things, and declares which param each field fills', () => {
    const reply = fieldFor('reply_conversation', 'message_type')
    const message = fieldFor('create_message', 'message_type')
    expect(reply.id).not.toBe(message.id)
    expect(reply.options?.map((option) => option.id)).toEqual(['comment', 'note'])
    expect(message.options?.map((option) => option.id)).toContain('email')
    expect(message.param).toBe('message_type')
    expect(message.condition.value).not.toContain('reply_conversation')
    // In general: fields filling the same param never show together and differ in kind or options.
    const byParam = new Map<string, ParamFieldOf[]>()
    for (const field of paramFields) byParam.set(field.param, [...(byParam.get(field.param) ?? []), field])
    for (const [param, fields] of byParam) {
      for (const [index, a] of fields.entries()) {
        for (const b of fields.slice(index + 1)) {
          expect(a.condition.value.filter((operation) => b.condition.value.includes(operation)), param).toEqual([])
          const signature = (field: ParamFieldOf) => `${field.valueKind} ${field.idOf ?? ''} ${JSON.stringify(field.options?.map((option) => option.id).sort())}`
          expect(signature(a), param).not.toBe(signature(b))
        }
      }
    }
  })

  it('loads admin and tag ids through our own list tools instead of hard-coding options', () => {
    for (const [param, loaderName] of Object.entries(PARAM_OPTIONS)) {
      const fields = paramFields.filter((field) => field.param === param)
      expect(fields.length, `a field for ${param}`).toBeGreaterThan(0)
      for (const field of fields) {
        expect(field.type).toBe('dropdown')
        expect(field.options).toBeUndefined()
        expect(field.optionsLoader).toEqual(OPTION_LOADERS[loaderName])
      }
    }
    expect(fieldFor('tag_contact', 'tagId').optionsLoader).toEqual({ tool: 'intercom_list_tags', list: 'tags', value: 'id', label: 'name' })
    expect(fieldFor('create_message', 'from_id').optionsLoader?.tool).toBe('intercom_list_admins')
    expect(fieldFor('create_contact', 'owner_id').optionsLoader?.tool).toBe('intercom_list_admins')
  })

  it('names loaders that exist: read-only tools without required params whose output holds the list', () => {
    for (const loader of Object.values(OPTION_LOADERS).flatMap((entry): OptionsLoader[] => [entry, ...('also' in entry ? entry.also : [])])) {
      const tool = tools.find((candidate) => candidate.id === loader.tool)
      expect(tool, loader.tool).toBeDefined()
      expect(tool?.annotations.readOnly).toBe(true)
      expect(tool?.params.safeParse({}).success).toBe(true)
      const item = { [loader.value]: '7', [loader.label]: 'Seven' }
      expect(tool?.output.safeParse({ [loader.list]: [item] }).success, `${loader.tool} output.${loader.list}`).toBe(true)
      expect(tool?.output.safeParse({ [loader.list]: 'not a list' }).success).toBe(false)
    }
  })

  it('offers loaded ticket types, ticket states, assignees (admins and teams) and admins', () => {
    expect(fieldFor('create_ticket', 'ticket_type_id').optionsLoader?.tool).toBe('intercom_list_ticket_types')
    expect(fieldFor('update_ticket', 'ticket_state_id').optionsLoader?.tool).toBe('intercom_list_ticket_states')
    for (const operation of ['assign_conversation', 'update_ticket']) {
      const loader = fieldFor(operation, 'assignee_id').optionsLoader
      expect([loader?.tool, ...(loader?.also ?? []).map((entry) => entry.tool)]).toEqual(['intercom_list_admins', 'intercom_list_teams'])
    }
    expect(fieldFor('get_admin', 'adminId').optionsLoader?.tool).toBe('intercom_list_admins')
  })

  it('gives custom_attributes editors key hints from the data or conversation attributes of the resource each operation writes', () => {
    const field = fieldFor('update_contact', 'custom_attributes')
    expect(field.type).toBe('code')
    for (const operation of ['create_contact', 'update_contact']) expect(field.keyHints?.[operation]?.params).toEqual({ model: 'contact' })
    const company = fieldFor('update_company', 'custom_attributes')
    expect(company.keyHints?.update_company?.params).toEqual({ model: 'company' })
    expect(fieldFor('update_conversation', 'custom_attributes').keyHints?.update_conversation).toEqual({
      tool: 'intercom_list_conversation_attributes',
      list: 'conversation_attributes',
      value: 'name',
      label: 'name',
    })
    for (const loader of paramFields.flatMap((entry) => Object.values(entry.keyHints ?? {}))) {
      const tool = tools.find((candidate) => candidate.id === loader.tool)
      expect(tool?.annotations.readOnly).toBe(true)
      expect(tool?.params.safeParse({ ...loader.params }).success).toBe(true)
    }
  })

  it('derives enum options, JSON editors, number inputs and switches from the schemas', () => {
    expect(fieldFor('search_contacts', 'sort_order')).toMatchObject({ type: 'dropdown', valueKind: 'enum' })
    expect(fieldFor('search_contacts', 'query')).toMatchObject({ type: 'code', language: 'json', valueKind: 'json' })
    expect(fieldFor('create_ticket', 'contacts')).toMatchObject({ type: 'code', valueKind: 'json' })
    expect(fieldFor('list_contacts', 'per_page')).toMatchObject({ type: 'number-input', valueKind: 'integer' })
    expect(fieldFor('update_contact', 'unsubscribed_from_emails')).toMatchObject({ type: 'switch', valueKind: 'boolean' })
    expect(fieldFor('reply_conversation', 'body').type).toBe('long-input')
    expect(fieldFor('get_contact', 'contactId')).toMatchObject({ type: 'short-input', valueKind: 'id', placeholder: '6762f0d51bb69f9f2193bb7f' })
    // A required one-value enum starts on its only value.
    expect(fieldFor('create_message', 'from_type')).toMatchObject({ options: [{ id: 'admin', label: 'admin' }], defaultValue: 'admin' })
  })

  it('declares an input for every field and an output for every output of every tool', () => {
    for (const field of intercomBlock.subBlocks) expect(intercomBlock.inputs[field.id], field.id).toBeDefined()
    expect(Object.keys(intercomBlock.inputs)).toHaveLength(intercomBlock.subBlocks.length)
    expect(intercomBlock.inputs.per_page?.type).toBe('number')
    expect(intercomBlock.inputs.query?.type).toBe('json')
    expect(intercomBlock.inputs.unsubscribed_from_emails?.type).toBe('boolean')
    for (const tool of tools) {
      const outputs = Object.keys(((tool.output as unknown as z.ZodObject).shape ?? {}) as object)
      for (const name of outputs) expect(intercomBlock.outputs[name]?.condition?.value, `${tool.id} ${name}`).toContain(opOf(tool.id))
    }
    expect(intercomBlock.outputs.contacts?.type).toBe('array')
    expect(intercomBlock.outputs.contactId?.type).toBe('string')
  })
})

/** The error config.params throws for these values; fails the test when it does not throw. */
function paramsError(values: Record<string, unknown>): BlockValueError {
  try {
    intercomBlock.tools.config.params(values)
  } catch (error) {
    expect(error).toBeInstanceOf(BlockValueError)
    return error as BlockValueError
  }
  throw new Error(`config.params accepted ${JSON.stringify(values)}`)
}

/** What a UI holds for a param value: text for numbers, booleans and JSON; text fields as given. */
function asUiValue(field: SubBlock, value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value !== null && typeof value === 'object' && field.valueKind === 'json') return JSON.stringify(value)
  return value
}

describe('config.params', () => {
  it('turns UI text back into each sample params, for every tool with samples', () => {
    let checked = 0
    for (const tool of tools) {
      for (const sample of samples[tool.id] ?? []) {
        const operation = opOf(tool.id)
        const values: Record<string, unknown> = { operation }
        for (const [param, value] of Object.entries(sample)) values[fieldFor(operation, param).id] = asUiValue(fieldFor(operation, param), value)
        const params = intercomBlock.tools.config.params(values)
        expect(Object.keys(params).sort(), tool.id).toEqual(Object.keys(sample).sort())
        const fromBlock = tool.params.safeParse(params)
        const direct = tool.params.safeParse(sample)
        expect(direct.success, `${tool.id} sample ${JSON.stringify(sample)}`).toBe(true)
        expect(fromBlock.success, `${tool.id} from ${JSON.stringify(values)}`).toBe(true)
        expect(fromBlock.data).toEqual(direct.data)
        checked++
      }
    }
    expect(checked).toBeGreaterThanOrEqual(tools.length)
  })

  it('coerces text into numbers, booleans and JSON, and keeps 0 and false', () => {
    const params = intercomBlock.tools.config.params({
      operation: 'update_contact',
      contactId: '6762f0dd1bb69f9f2193bb83',
      signed_up_at: '0',
      last_seen_at: 1734537437,
      unsubscribed_from_emails: 'false',
      email_verified: ' TRUE ',
      custom_attributes: '{"plan":"pro","seats":0}',
      role: 'lead',
    })
    expect(params).toEqual({
      contactId: '6762f0dd1bb69f9f2193bb83',
      signed_up_at: 0,
      last_seen_at: 1734537437,
      unsubscribed_from_emails: false,
      email_verified: true,
      custom_attributes: { plan: 'pro', seats: 0 },
      role: 'lead',
    })
  })

  it('leaves out empty fields and passes only the chosen operation\'s params', () => {
    const params = intercomBlock.tools.config.params({
      operation: 'search_contacts',
      accessToken: 'tok',
      region: 'eu',
      query: '{"field":"email","operator":"=","value":"a@b.c"}',
      per_page: '',
      starting_after: null,
      sort_field: undefined,
      custom_attributes: '  ',
      contactId: 'should-not-be-sent',
      message_type: 'note',
    })
    expect(params).toEqual({ query: { field: 'email', operator: '=', value: 'a@b.c' } })
    expect(intercomBlock.tools.config.params({ operation: 'list_contacts', query: '{"x":1}', per_page: '5' })).toEqual({ per_page: 5 })
    expect(intercomBlock.tools.config.params({ operation: 'update_contact', contactId: '1', custom_attributes: '\n' })).toEqual({ contactId: '1' })
  })

  it('reads a split field under its own id and passes it as its param', () => {
    const message = fieldFor('create_message', 'message_type')
    const params = intercomBlock.tools.config.params({ operation: 'create_message', message_type: 'note', [message.id]: 'email' })
    expect(params.message_type).toBe('email')
    expect(intercomBlock.tools.config.params({ operation: 'reply_conversation', message_type: 'note', [message.id]: 'email' }).message_type).toBe('note')
  })

  it('names the field of a value it cannot read, and every such field', () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ operation: 'list_contacts', per_page: 'abc' }, 'per_page', /per_page: must be a whole number, got "abc"/],
      [{ operation: 'list_contacts', per_page: '0x10' }, 'per_page', /whole number/],
      [{ operation: 'update_contact', contactId: '1', unsubscribed_from_emails: 'maybe' }, 'unsubscribed_from_emails', /true or false/],
      [{ operation: 'update_contact', contactId: '1', custom_attributes: '{"plan":' }, 'custom_attributes', /custom_attributes: is not valid JSON/],
      [{ operation: 'search_contacts', query: '{"field":"email","operator":"=","value":"x"}', sort_order: 'sideways' }, 'sort_order', /one of "ascending", "descending"/],
    ]
    for (const [values, field, message] of cases) {
      const error = paramsError(values)
      expect(error.field, JSON.stringify(values)).toBe(field)
      expect(error.message).toMatch(message)
    }
    // Every unreadable field of the operation is named, in the tool's param order; other
    // operations' fields (open belongs to update_ticket) are not read at all.
    const error = paramsError({ operation: 'update_contact', contactId: '1', signed_up_at: 'soon', open: 'x', email_verified: 'nope' })
    expect(error.field).toBe('email_verified')
    expect(error.message).toMatch(/^email_verified: must be true or false, got "nope"; signed_up_at: must be a whole number, got "soon"$/)
  })

  it('exposes the same fields as blockParamFields, with their enum values', () => {
    expect(blockParamFields().map((entry) => entry.field)).toEqual(paramFields)
    const sortOrder = blockParamFields().find((entry) => entry.field.id === 'sort_order')
    expect(sortOrder?.enumValues).toEqual(['ascending', 'descending'])
  })
})
