/**
 * OpenAI and Anthropic function-calling entries, OpenAI strict mode checked against OpenAI's
 * published rules for strict schemas (written out here, independently of agents/strict.ts), and
 * the call runners against the embedded sandbox.
 */
import Ajv2020Module from 'ajv/dist/2020'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { agentToolSchema, type JsonSchema } from '../../agents/json-schema'
import { fromStrictArguments } from '../../agents/strict'
import { anthropicTools, listTools, openAiTools, runAnthropicToolUse, runOpenAiToolCall } from '../../index'
import { startSandbox, type Sandbox } from '../../sandbox'
import { CONTEXT_FIELDS, propertyNames } from '../helpers/agents'
import { samples } from '../samples'

const Ajv2020 = (Ajv2020Module as unknown as { default?: typeof Ajv2020Module }).default ?? Ajv2020Module
const ajv = new Ajv2020({ strict: false, allowUnionTypes: true, allErrors: true })
const tools = listTools()

/**
 * OpenAI's rules for a strict function schema (platform.openai.com/docs/guides/structured-outputs,
 * "Supported schemas"): the root is an object and not an anyOf; every object sets
 * additionalProperties to false and lists every property as required; only the supported
 * keywords and string formats are used. Returns every breach with its path.
 */
const SUPPORTED = ['type', 'properties', 'required', 'additionalProperties', 'items', 'anyOf', 'enum', 'const', 'description', 'title', '$ref', '$defs', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems']
const FORMATS = ['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']

function strictBreaches(schema: JsonSchema, path = '#', isRoot = true): string[] {
  const breaches: string[] = []
  if (isRoot && (schema.type !== 'object' || schema.anyOf !== undefined)) breaches.push(`${path}: the root must be an object, not anyOf`)
  for (const key of Object.keys(schema)) if (!SUPPORTED.includes(key)) breaches.push(`${path}: unsupported keyword ${key}`)
  if (schema.format !== undefined && !FORMATS.includes(String(schema.format))) breaches.push(`${path}: unsupported format ${String(schema.format)}`)
  const types = Array.isArray(schema.type) ? schema.type : [schema.type]
  if (Array.isArray(schema.type) && !(schema.type.length === 2 && schema.type.includes('null'))) breaches.push(`${path}: a type list must be [type, "null"]`)
  if (types.includes('object') || schema.properties !== undefined) {
    if (schema.additionalProperties !== false) breaches.push(`${path}: additionalProperties must be false`)
    const keys = Object.keys((schema.properties ?? {}) as object).sort()
    if (JSON.stringify([...((schema.required ?? []) as string[])].sort()) !== JSON.stringify(keys)) breaches.push(`${path}: every property must be required`)
  }
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) breaches.push(...strictBreaches(property, `${path}/properties/${name}`, false))
  if (schema.items && typeof schema.items === 'object') breaches.push(...strictBreaches(schema.items as JsonSchema, `${path}/items`, false))
  for (const [index, branch] of ((schema.anyOf ?? []) as JsonSchema[]).entries()) breaches.push(...strictBreaches(branch, `${path}/anyOf/${index}`, false))
  for (const [name, def] of Object.entries((schema.$defs ?? {}) as Record<string, JsonSchema>)) breaches.push(...strictBreaches(def, `${path}/$defs/${name}`, false))
  return breaches
}

/** Whether a schema has an object with free-form keys that is not one branch beside its JSON text. */
function hasBareFreeFormObject(schema: JsonSchema): boolean {
  const freeForm = (node: JsonSchema) => (node.type === 'object' || node.properties !== undefined) && node.additionalProperties !== undefined && node.additionalProperties !== false
  const walk = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(walk)
    if (!node || typeof node !== 'object') return false
    const object = node as JsonSchema
    if (freeForm(object)) return true
    if (Array.isArray(object.anyOf)) {
      const branches = object.anyOf as JsonSchema[]
      const hasText = branches.some((branch) => branch.type === 'string' && branch.contentMediaType === 'application/json')
      if (branches.some((branch) => !(hasText && freeForm(branch)) && walk(branch))) return true
    }
    return Object.entries(object).some(([key, value]) => key !== 'anyOf' && walk(value))
  }
  return walk(schema)
}

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  return typeof schema.$ref === 'string' ? resolve((root.$defs as Record<string, JsonSchema>)[schema.$ref.replace('#/$defs/', '')] as JsonSchema, root) : schema
}

/**
 * How a model in strict mode would send these params: every left-out property as null, and an
 * object that the strict schema only takes as JSON text as that text. Also returns the params the
 * tool should then receive (the same, without the added nulls).
 */
function strictForm(value: unknown, schema: JsonSchema, root: JsonSchema): { sent: unknown; expected: unknown } {
  const resolved = resolve(schema, root)
  const branches = Array.isArray(resolved.anyOf) ? (resolved.anyOf as JsonSchema[]).map((branch) => resolve(branch, root)) : [resolved]
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : undefined
  const fits = (candidate: JsonSchema) =>
    kind !== 'object' ||
    Object.entries(value as object).every(([key, item]) => {
      const property = (candidate.properties as Record<string, JsonSchema> | undefined)?.[key]
      return property !== undefined && (!Array.isArray(property.enum) || property.enum.includes(item))
    })
  const branch = branches.find((candidate) => kind !== undefined && (candidate.type === kind || (Array.isArray(candidate.type) && candidate.type.includes(kind))) && fits(candidate))
  if (kind === 'object' || kind === 'array') {
    if (!branch) return { sent: JSON.stringify(value), expected: JSON.stringify(value) }
    if (kind === 'array') {
      const items = (value as unknown[]).map((item) => strictForm(item, branch.items as JsonSchema, root))
      return { sent: items.map((item) => item.sent), expected: items.map((item) => item.expected) }
    }
    const sent: Record<string, unknown> = {}
    const expected: Record<string, unknown> = {}
    for (const [name, property] of Object.entries((branch.properties ?? {}) as Record<string, JsonSchema>)) {
      if (!Object.hasOwn(value as object, name)) sent[name] = null
      else {
        const inner = strictForm((value as Record<string, unknown>)[name], property, root)
        sent[name] = inner.sent
        expected[name] = inner.expected
      }
    }
    return { sent, expected }
  }
  return { sent: value, expected: value }
}

describe('openAiTools', () => {
  it('gives Chat Completions and Responses entries for every tool, from the derived schemas', () => {
    const chat = openAiTools()
    const responses = openAiTools({ api: 'responses' })
    expect(chat.map((entry) => entry.function.name)).toEqual(tools.map((tool) => tool.id))
    for (const [index, tool] of tools.entries()) {
      const schema = agentToolSchema(tool)
      expect(chat[index]).toEqual({ type: 'function', function: { name: tool.id, description: tool.description, parameters: schema.parameters, strict: false } })
      expect(responses[index]).toEqual({ type: 'function', name: tool.id, description: tool.description, parameters: schema.parameters, strict: false })
    }
    expect(openAiTools({ readOnly: true }).map((entry) => entry.function.name)).toEqual(tools.filter((tool) => tool.annotations.readOnly).map((tool) => tool.id))
    expect(() => openAiTools({ tools: ['intercom_nope'] })).toThrow(/intercom_nope/)
  })

  it('in strict mode, every schema follows OpenAI strict rules (or the tool says strict: false)', () => {
    const strict = openAiTools({ strict: true })
    const plain = openAiTools()
    for (const [index, entry] of strict.entries()) {
      if (entry.function.strict) expect(strictBreaches(entry.function.parameters), entry.function.name).toEqual([])
      else {
        // Only a schema strict mode cannot express is offered as it is: one with a free-form object and no JSON text alternative.
        expect(entry.function.parameters, entry.function.name).toEqual(plain[index]!.function.parameters)
        expect(hasBareFreeFormObject(entry.function.parameters), entry.function.name).toBe(true)
      }
    }
    // Free-form objects that can also be given as JSON text (custom_attributes) keep strict mode.
    const createContact = strict.find((entry) => entry.function.name === 'intercom_create_contact')!
    expect(createContact.function.strict).toBe(true)
    expect(strict.filter((entry) => entry.function.strict).length).toBeGreaterThan(0)
  })

  it("in strict mode, each tool's samples, as a strict model sends them, validate and come back to the same params", () => {
    let checked = 0
    for (const entry of openAiTools({ strict: true }).filter((candidate) => candidate.function.strict)) {
      const tool = tools.find((candidate) => candidate.id === entry.function.name)!
      const original = agentToolSchema(tool).parameters
      const validate = ajv.compile(entry.function.parameters)
      for (const sample of samples[tool.id] ?? []) {
        const { sent, expected } = strictForm(sample, entry.function.parameters, entry.function.parameters)
        expect(validate(sent), `${tool.id} ${JSON.stringify(sent)}: ${ajv.errorsText(validate.errors)}`).toBe(true)
        const back = fromStrictArguments(sent, original)
        expect(back, tool.id).toEqual(expected)
        expect(tool.params.safeParse(back).success, `${tool.id} ${JSON.stringify(back)}`).toBe(true)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(0)
  })

  it('keeps 0, false, empty text and nulls the params accept; drops only nulls standing for left-out params', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { a: { type: 'integer' }, b: { type: 'boolean' }, c: { type: 'string' }, d: { type: ['string', 'null'] }, e: { type: 'string' }, f: { type: 'object', properties: { g: { type: 'string' } } } },
      required: ['e'],
    }
    expect(fromStrictArguments({ a: 0, b: false, c: '', d: null, e: null, f: { g: null } }, schema)).toEqual({ a: 0, b: false, c: '', d: null, e: null, f: {} })
  })

  it('no schema of any face holds a credential, base URL or region', () => {
    const schemas = [
      ...openAiTools().map((entry) => entry.function.parameters),
      ...openAiTools({ strict: true }).map((entry) => entry.function.parameters),
      ...anthropicTools().map((entry) => entry.input_schema),
    ]
    for (const schema of schemas) expect(propertyNames(schema).filter((name) => CONTEXT_FIELDS.includes(name))).toEqual([])
  })
})

describe('anthropicTools', () => {
  it('gives { name, description, input_schema } for every selected tool', () => {
    expect(anthropicTools()).toEqual(tools.map((tool) => ({ name: tool.id, description: tool.description, input_schema: agentToolSchema(tool).parameters })))
    expect(anthropicTools({ excludeDestructive: true }).map((entry) => entry.name)).toEqual(tools.filter((tool) => !tool.annotations.destructive).map((tool) => tool.id))
  })
})

describe('running model tool calls against the sandbox', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, tokens: ['fc-token-4242'] })
  })
  afterAll(async () => {
    await sandbox?.close()
  })
  const context = () => ({ accessToken: 'fc-token-4242', baseUrl: sandbox.url })

  it('runOpenAiToolCall: a strict call with nulls for left-out params runs; the same nulls without strict are named as wrong', async () => {
    const call = { id: 'call_1', type: 'function', function: { name: 'intercom_list_contacts', arguments: JSON.stringify({ per_page: 2, starting_after: null }) } }
    const output = JSON.parse(await runOpenAiToolCall(call, context(), { strict: true })) as { contacts: unknown[] }
    expect(output.contacts).toHaveLength(2)
    const refused = JSON.parse(await runOpenAiToolCall(call, context())) as { error: { code: string; field: string } }
    expect(refused.error).toMatchObject({ code: 'validation_error', field: 'starting_after' })
  })

  it('runOpenAiToolCall: Responses API items, invalid JSON, Intercom errors, unselected tools', async () => {
    const item = { type: 'function_call', call_id: 'c', name: 'intercom_list_admins', arguments: '{}' }
    expect((JSON.parse(await runOpenAiToolCall(item, context())) as { admins: unknown[] }).admins.length).toBeGreaterThan(0)
    const invalid = JSON.parse(await runOpenAiToolCall({ name: 'intercom_list_admins', arguments: '{"per_page":' }, context())) as { error: { field: string } }
    expect(invalid.error.field).toBe('arguments')
    const wrongToken = await runOpenAiToolCall(item, { accessToken: 'bad-token-7777', baseUrl: sandbox.url })
    expect(JSON.parse(wrongToken)).toMatchObject({ error: { code: 'unauthorized', status: 401 } })
    expect(wrongToken).not.toContain('bad-token-7777')
    const unselected = JSON.parse(await runOpenAiToolCall({ name: 'intercom_delete_contact', arguments: '{"contactId":"1"}' }, context(), { selection: { readOnly: true } })) as { error: { code: string } }
    expect(unselected.error.code).toBe('unknown_tool')
  })

  it('runAnthropicToolUse: a tool_result with the output, or is_error with the error object', async () => {
    const ok = await runAnthropicToolUse({ id: 'toolu_1', name: 'intercom_create_tag', input: { name: 'from-claude' } }, context())
    expect(ok).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_1' })
    expect(ok.is_error).toBeUndefined()
    expect(JSON.parse(ok.content)).toMatchObject({ name: 'from-claude' })
    const bad = await runAnthropicToolUse({ id: 'toolu_2', name: 'intercom_create_tag', input: { label: 'x' } }, context())
    expect(bad.is_error).toBe(true)
    expect(JSON.parse(bad.content)).toMatchObject({ error: { code: 'validation_error' } })
  })
})
