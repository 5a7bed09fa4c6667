/**
 * OpenAI's strict mode (Structured Outputs for function calling) takes a subset of JSON Schema:
 * every object lists all its properties in `required` and has `additionalProperties: false`, an
 * optional property is emulated by also accepting null, and only some keywords are supported.
 * These two pure functions carry a derived params schema into that subset and carry a strict
 * call's arguments back (a null standing for a left-out optional param is left out again).
 */
import type { JsonSchema } from './json-schema'

/** The keywords strict mode supports (others are refused by the API). */
export const STRICT_KEYWORDS = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'anyOf', 'enum', 'const',
  'description', 'title', '$ref', '$defs', 'pattern', 'format',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems',
])

/** The string formats strict mode supports. */
export const STRICT_FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid'])

/** A part of a schema that strict mode cannot express (an object with free-form keys). */
class NotStrict extends Error {}

function isObject(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function acceptsNull(schema: JsonSchema): boolean {
  const { type } = schema
  if (type === 'null' || (Array.isArray(type) && type.includes('null'))) return true
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true
  if (schema.const === null) return true
  return Array.isArray(schema.anyOf) && schema.anyOf.some((branch) => isObject(branch) && acceptsNull(branch))
}

/** Adds null to what a property accepts: the strict way of saying "may be left out". */
function nullable(schema: JsonSchema): JsonSchema {
  if (acceptsNull(schema)) return schema
  if (Array.isArray(schema.anyOf)) return { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] }
  const { description, title, ...rest } = schema
  return { ...(description === undefined ? {} : { description }), ...(title === undefined ? {} : { title }), anyOf: [rest, { type: 'null' }] }
}

function strictNode(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {}
  for (const [key, value] of Object.entries(schema)) {
    if (!STRICT_KEYWORDS.has(key)) continue
    if (key === 'format' && !STRICT_FORMATS.has(String(value))) continue
    out[key] = value
  }
  // What a dropped keyword said stays with the model as text.
  if (schema.default !== undefined) out.description = `${out.description ? `${String(out.description)} ` : ''}Default: ${JSON.stringify(schema.default)}.`
  // Several types become anyOf: strict mode documents a type list only for [type, "null"].
  if (Array.isArray(out.type) && out.type.filter((type) => type !== 'null').length > 1 && Object.keys(out).every((key) => ['type', 'description', 'title'].includes(key))) {
    const { type, ...rest } = out
    return { ...rest, anyOf: (type as string[]).map((single) => ({ type: single })) }
  }

  if (Array.isArray(out.anyOf)) {
    const branches: JsonSchema[] = []
    for (const branch of out.anyOf as JsonSchema[]) {
      try {
        branches.push(strictNode(branch))
      } catch (error) {
        // A branch strict mode cannot express (e.g. a free-form object beside its JSON text) is left out.
        if (!(error instanceof NotStrict)) throw error
      }
    }
    if (branches.length === 0) throw new NotStrict()
    if (branches.length === 1 && Object.keys(out).every((key) => ['anyOf', 'description', 'title'].includes(key))) {
      const { anyOf: _anyOf, ...rest } = out
      return { ...(branches[0] as JsonSchema), ...rest }
    }
    out.anyOf = branches
  }
  const isObjectType = out.type === 'object' || (Array.isArray(out.type) && out.type.includes('object'))
  if (isObjectType || isObject(out.properties)) {
    if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) throw new NotStrict()
    if (isObject(schema.patternProperties) || isObject(schema.propertyNames)) throw new NotStrict()
    const properties = (isObject(out.properties) ? out.properties : {}) as Record<string, JsonSchema>
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : [])
    out.properties = Object.fromEntries(
      Object.entries(properties).map(([name, property]) => {
        const strict = strictNode(property)
        return [name, required.has(name) ? strict : nullable(strict)]
      }),
    )
    out.required = Object.keys(properties)
    out.additionalProperties = false
  }
  if (isObject(out.items)) out.items = strictNode(out.items)
  if (isObject(out.$defs)) {
    out.$defs = Object.fromEntries(Object.entries(out.$defs as Record<string, JsonSchema>).map(([name, def]) => [name, strictNode(def)]))
  }
  return out
}

/**
 * The params schema in OpenAI's strict subset, or `undefined` when it has a part strict mode
 * cannot express (that tool is then offered with `strict: false`). Optional params become
 * required and nullable; a free-form object that can also be given as JSON text keeps only the
 * JSON text; unsupported keywords are dropped (the executor still checks them).
 */
export function toStrictSchema(schema: JsonSchema): JsonSchema | undefined {
  try {
    return strictNode(schema)
  } catch (error) {
    if (error instanceof NotStrict) return undefined
    throw error
  }
}

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = schema.$ref
  if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) return schema
  const target = (root.$defs as Record<string, JsonSchema> | undefined)?.[ref.slice('#/$defs/'.length)]
  return target ? resolve(target, root) : schema
}

/** The branches of a schema that describe a value of this JSON kind. */
function branchesFor(schema: JsonSchema, value: unknown, root: JsonSchema): JsonSchema[] {
  const resolved = resolve(schema, root)
  if (Array.isArray(resolved.anyOf)) return (resolved.anyOf as JsonSchema[]).flatMap((branch) => branchesFor(branch, value, root))
  const kind = Array.isArray(value) ? 'array' : 'object'
  const { type } = resolved
  const matches = type === kind || (Array.isArray(type) && type.includes(kind)) || (type === undefined && (kind === 'object' ? isObject(resolved.properties) : isObject(resolved.items)))
  return matches && (kind === 'array' || fitsObject(resolved, value as Record<string, unknown>, root)) ? [resolved] : []
}

/** Whether an object value can be of this object schema: its keys are properties, fixed choices hold. */
function fitsObject(schema: JsonSchema, value: Record<string, unknown>, root: JsonSchema): boolean {
  if (!isObject(schema.properties)) return true
  const properties = schema.properties as Record<string, JsonSchema>
  return Object.entries(value).every(([key, item]) => {
    const property = properties[key]
    if (!property) return schema.additionalProperties !== false
    const resolved = resolve(property, root)
    return !Array.isArray(resolved.enum) || item === null || resolved.enum.includes(item)
  })
}

/**
 * A strict call's arguments as the params schema (the original, not the strict one) reads them:
 * a null given for a property that the original schema leaves optional and that does not accept
 * null is removed, at any depth. Every other value, null included, is passed on as given.
 */
export function fromStrictArguments(args: unknown, schema: JsonSchema, root: JsonSchema = schema): unknown {
  if (Array.isArray(args)) {
    const [branch] = branchesFor(schema, args, root)
    return branch && isObject(branch.items) ? args.map((item) => fromStrictArguments(item, branch.items as JsonSchema, root)) : args
  }
  if (!isObject(args)) return args
  const [branch] = branchesFor(schema, args, root)
  if (!branch || !isObject(branch.properties)) return args
  const properties = branch.properties as Record<string, JsonSchema>
  const required = new Set(Array.isArray(branch.required) ? (branch.required as string[]) : [])
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(args)) {
    const property = properties[key]
    if (!property) {
      out[key] = value
      continue
    }
    if (value === null && !required.has(key) && !acceptsNull(resolve(property, root))) continue
    out[key] = fromStrictArguments(value, property, root)
  }
  return out
}
