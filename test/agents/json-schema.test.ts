import Ajv2020Module from 'ajv/dist/2020'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { listTools, listToolSchemas, toolJsonSchema } from '../../index'
import { paramsOf } from '../../blocks/schema'
import { samples } from '../samples'

const Ajv2020 = (Ajv2020Module as unknown as { default?: typeof Ajv2020Module }).default ?? Ajv2020Module
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true })

const tools = listTools()
const CONTEXT_FIELDS = ['accessToken', 'token', 'region', 'baseUrl', 'version', 'fetch', 'signal']

/** A value of the wrong JSON type for a param, chosen from the param's kind (not from its JSON Schema). */
function wrongValue(kind: string): unknown {
  switch (kind) {
    case 'integer':
    case 'number':
      return 'twenty-five'
    case 'boolean':
      return 'yes'
    case 'enum':
      return 'not-one-of-the-options'
    case 'json':
      return 42
    default:
      return { not: 'text' }
  }
}

describe.each(tools.map((tool) => [tool.id, tool] as const))('%s: JSON Schema', (toolId, tool) => {
  const schema = toolJsonSchema(toolId)
  const validate = ajv.compile(schema)

  it('is a strict draft 2020-12 object schema of exactly the tool params', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.type).toBe('object')
    expect(schema.additionalProperties).toBe(false)
    expect(Object.keys(schema.properties as object).sort()).toEqual(Object.keys((tool.params as z.ZodObject).shape).sort())
    const required = paramsOf(tool).filter((info) => info.required).map((info) => info.name)
    expect(((schema.required ?? []) as string[]).slice().sort()).toEqual(required.sort())
  })

  it('leaves the credential and region to the context', () => {
    for (const field of CONTEXT_FIELDS) expect(Object.keys(schema.properties as object)).not.toContain(field)
  })

  it('accepts every sample params of the tool', () => {
    for (const sample of samples[toolId] ?? []) {
      expect(validate(sample), `${JSON.stringify(sample)}: ${ajv.errorsText(validate.errors)}`).toBe(true)
    }
  })

  it('rejects a param of the wrong type, as the tool itself does', () => {
    const sample = samples[toolId]?.[0] ?? {}
    const params = paramsOf(tool)
    for (const info of params) {
      const wrong = { ...sample, [info.name]: wrongValue(info.kind) }
      expect(tool.params.safeParse(wrong).success, `zod refuses ${info.name}: ${JSON.stringify(wrong[info.name])}`).toBe(false)
      expect(validate(wrong), `the JSON Schema refuses ${info.name}: ${JSON.stringify(wrong[info.name])}`).toBe(false)
    }
    expect(validate({ ...sample, not_a_param: 1 })).toBe(false)
  })
})

describe('toolJsonSchema', () => {
  it('accepts a json param as an object or as JSON text, and nothing else', () => {
    const validate = ajv.compile(toolJsonSchema('intercom_search_contacts'))
    const filter = { field: 'email', operator: '=', value: 'jane@example.com' }
    expect(validate({ query: filter })).toBe(true)
    expect(validate({ query: JSON.stringify(filter) })).toBe(true)
    expect(validate({ query: { operator: 'AND', value: [filter, { field: 'role', operator: '=', value: 'user' }] } })).toBe(true)
    expect(validate({ query: 42 })).toBe(false)
    expect(validate({ query: { field: 'email', operator: 'LIKE', value: 'x' } })).toBe(false)
    expect(validate({ query: filter, per_page: '25' })).toBe(false)
    expect(validate({ query: filter, per_page: 25.5 })).toBe(false)
    expect(validate({})).toBe(false)
  })

  it('gives a json param one JSON text branch and keeps its description', () => {
    const query = (toolJsonSchema('intercom_search_contacts').properties as Record<string, Record<string, unknown>>).query
    const branches = query?.anyOf as Array<Record<string, unknown>>
    expect(branches.filter((branch) => branch.contentMediaType === 'application/json')).toEqual([
      { type: 'string', contentMediaType: 'application/json', description: 'The same value as JSON text.' },
    ])
    expect(query?.description).toMatch(/search query/)
    const attributes = (toolJsonSchema('intercom_create_contact').properties as Record<string, Record<string, unknown>>).custom_attributes
    expect((attributes?.anyOf as Array<Record<string, unknown>>).map((branch) => branch.type)).toEqual(['object', 'string'])
  })

  it('describes an id as text or a whole number', () => {
    const validate = ajv.compile(toolJsonSchema('intercom_get_contact'))
    expect(validate({ contactId: '6762f0dd1bb69f9f2193bb83' })).toBe(true)
    expect(validate({ contactId: 42 })).toBe(true)
    expect(validate({ contactId: true })).toBe(false)
    expect(validate({ contactId: -1 })).toBe(false)
  })

  it('throws for an unknown tool', () => {
    expect(() => toolJsonSchema('intercom_delete_workspace')).toThrow(/no tool "intercom_delete_workspace"/)
  })
})

describe('listToolSchemas', () => {
  const schemas = listToolSchemas()

  it('lists every tool in the shape function-calling APIs take', () => {
    expect(schemas.map((entry) => entry.name)).toEqual(tools.map((tool) => tool.id))
    for (const [index, entry] of schemas.entries()) {
      const tool = tools[index]
      expect(Object.keys(entry).sort()).toEqual(['annotations', 'description', 'name', 'parameters'])
      expect(entry.description).toBe(tool?.description)
      expect(entry.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/)
      expect(entry.parameters.$schema).toBeUndefined()
      const { $schema: _schema, ...expected } = toolJsonSchema(entry.name)
      expect(entry.parameters).toEqual(expected)
      expect(entry.annotations).toEqual({
        title: tool?.name,
        readOnlyHint: tool?.annotations.readOnly,
        destructiveHint: tool?.annotations.destructive,
        idempotentHint: tool?.annotations.idempotent,
        openWorldHint: true,
      })
    }
  })

  it('marks reads and deletes as such', () => {
    const byName = new Map(schemas.map((entry) => [entry.name, entry]))
    expect(byName.get('intercom_get_contact')?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false })
    expect(byName.get('intercom_delete_contact')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true })
  })
})
