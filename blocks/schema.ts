import type { z } from 'zod'
import type { AnyToolDefinition, FieldValueKind } from '../types'
import { paramKinds } from '../tools/params'

// Reads zod schemas (v4) for the block, the docs and the tests: which kind of value a param takes,
// whether it is required, its description and default, and the shape of an output. Everything
// the block and the docs show about a param comes from here, so they cannot disagree.

type AnySchema = z.core.$ZodType

/** The parts of a zod v4 `def` this module reads. */
interface Def {
  type: string
  innerType?: AnySchema
  in?: AnySchema
  out?: AnySchema
  defaultValue?: unknown
  entries?: Record<string, string | number>
  values?: unknown[]
  options?: AnySchema[]
  element?: AnySchema
  shape?: Record<string, AnySchema>
  getter?: () => AnySchema
}

const defOf = (schema: AnySchema): Def => schema._zod.def as unknown as Def
const MAX_WRAPPERS = 64

function descriptionOf(schema: AnySchema): string | undefined {
  const text = (schema as { description?: unknown }).description
  return typeof text === 'string' && text.trim() !== '' ? text : undefined
}

/** A schema with its wrappers (optional, default, preprocess, ...) taken off. */
export interface Peeled {
  /** The schema under the wrappers. */
  core: AnySchema
  /** The input may be left out (`.optional()`, `.default()`). */
  optional: boolean
  nullable: boolean
  /** Set when a `.default()` was found. */
  defaultValue?: { value: unknown }
  /** The outermost description. */
  description?: string
  /** The `paramKinds` mark found on the schema or one of its wrappers. */
  mark?: 'json' | 'id'
  /** For an `id` mark: what the id points at, when its tool says so. */
  idOf?: string
}

/**
 * Takes the wrappers off a schema, as its *input* side sees it: a preprocess or transform pipe is
 * read at its input (or, for a preprocess, at the schema it feeds), like `z.toJSONSchema` with
 * `io: 'input'`.
 */
export function peel(schema: AnySchema): Peeled {
  const peeled: Peeled = { core: schema, optional: false, nullable: false }
  let current = schema
  for (let depth = 0; depth < MAX_WRAPPERS; depth++) {
    peeled.description ??= descriptionOf(current)
    const found = paramKinds.get(current)
    peeled.mark ??= found?.kind
    peeled.idOf ??= found?.of
    const def = defOf(current)
    if (def.type === 'optional' && def.innerType) {
      peeled.optional = true
      current = def.innerType
    } else if (def.type === 'nullable' && def.innerType) {
      peeled.nullable = true
      current = def.innerType
    } else if ((def.type === 'default' || def.type === 'prefault') && def.innerType) {
      peeled.optional = true
      peeled.defaultValue ??= { value: def.defaultValue }
      current = def.innerType
    } else if ((def.type === 'readonly' || def.type === 'catch' || def.type === 'nonoptional') && def.innerType) {
      if (def.type === 'nonoptional') peeled.optional = false
      current = def.innerType
    } else if (def.type === 'lazy' && def.getter) {
      current = def.getter()
    } else if (def.type === 'pipe' && def.in && def.out) {
      current = defOf(def.in).type === 'transform' ? def.out : def.in
    } else {
      break
    }
  }
  peeled.core = current
  return peeled
}

/** What kind of value a param takes, as a form (and a person) sees it. */
export interface ValueShape {
  kind: FieldValueKind
  /** The allowed values of an `enum`. */
  enumValues?: Array<string | number | boolean>
  /** Whether a `json` value is an object or an array. */
  json?: 'object' | 'array'
  /** For an `id`: what it points at, when the tool says so (see `IdOf` in tools/params.ts). */
  idOf?: string
}

const TEXT_TYPES = new Set(['string', 'template_literal'])
const OBJECT_TYPES = new Set(['object', 'record', 'map', 'intersection'])
const ARRAY_TYPES = new Set(['array', 'tuple', 'set'])

function literalValues(core: AnySchema): Array<string | number | boolean> | undefined {
  const def = defOf(core)
  if (def.type === 'enum' && def.entries) return Object.values(def.entries)
  if (def.type === 'literal' && def.values) {
    const values = def.values.filter((value): value is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof value))
    return values.length === def.values.length ? values : undefined
  }
  return undefined
}

/** `z.int()` carries its format on the def, `z.number().int()` as a check. */
function isInteger(core: AnySchema): boolean {
  const def = core._zod.def as { format?: unknown; checks?: Array<{ _zod: { def: { check?: string; format?: unknown } } }> }
  const formats = [def.format, ...(def.checks ?? []).map((check) => (check._zod.def.check === 'number_format' ? check._zod.def.format : undefined))]
  return formats.some((format) => typeof format === 'string' && /int/.test(format))
}

/**
 * The kind of value a schema takes. Rules, in order:
 * an `id` mark → `id`; a `json` mark → `json`; string → `text`; number → `integer` or `number`;
 * boolean → `boolean`; enum or literal → `enum`; object/record → `json` object; array/tuple →
 * `json` array. A union of string and number (an id given either way) → `id`; any other union
 * with a string branch → `text` (the string form is meaningful, e.g. comma-separated URLs); a
 * union of only literals → `enum`; a union with objects or arrays → `json`. Anything else → `text`.
 */
export function valueShape(schema: AnySchema): ValueShape {
  const { core, mark, idOf } = peel(schema)
  if (mark === 'id') return idOf === undefined ? { kind: 'id' } : { kind: 'id', idOf }
  if (mark === 'json') {
    const inner = coreShape(core)
    return { kind: 'json', json: inner.json ?? 'object' }
  }
  return coreShape(core)
}

function coreShape(core: AnySchema): ValueShape {
  const def = defOf(core)
  if (TEXT_TYPES.has(def.type)) return { kind: 'text' }
  if (def.type === 'number' || def.type === 'int') return { kind: isInteger(core) ? 'integer' : 'number' }
  if (def.type === 'bigint') return { kind: 'integer' }
  if (def.type === 'boolean') return { kind: 'boolean' }
  const literals = literalValues(core)
  if (literals) return { kind: 'enum', enumValues: literals }
  if (OBJECT_TYPES.has(def.type)) return { kind: 'json', json: 'object' }
  if (ARRAY_TYPES.has(def.type)) return { kind: 'json', json: 'array' }
  if (def.type === 'union' && def.options) {
    const branches = def.options.map((option) => valueShape(option))
    const kinds = new Set(branches.map((branch) => branch.kind))
    const hasText = kinds.has('text') || kinds.has('id')
    const hasNumber = kinds.has('integer') || kinds.has('number')
    if (hasText && hasNumber && [...kinds].every((kind) => kind === 'text' || kind === 'id' || kind === 'integer' || kind === 'number')) {
      return { kind: 'id' }
    }
    if (hasText) return { kind: 'text' }
    if (kinds.size === 1 && kinds.has('enum')) {
      return { kind: 'enum', enumValues: [...new Set(branches.flatMap((branch) => branch.enumValues ?? []))] }
    }
    if (kinds.has('json')) {
      const jsonKinds = new Set(branches.map((branch) => branch.json).filter(Boolean))
      return { kind: 'json', json: jsonKinds.size === 1 && jsonKinds.has('array') ? 'array' : 'object' }
    }
    if (kinds.size === 1) return branches[0] as ValueShape
  }
  return { kind: 'text' }
}

/** Everything the block and the docs need to know about one param of one tool. */
export interface ParamInfo extends ValueShape {
  name: string
  required: boolean
  description: string
  defaultValue?: { value: unknown }
  schema: AnySchema
}

/** The params of a tool, in the order its schema declares them. */
export function paramsOf(tool: AnyToolDefinition): ParamInfo[] {
  const shape = (tool.params as z.ZodObject).shape as Record<string, AnySchema>
  return Object.entries(shape).map(([name, schema]) => {
    const peeled = peel(schema)
    const info: ParamInfo = {
      name,
      ...valueShape(schema),
      required: !peeled.optional,
      description: peeled.description ?? '',
      schema,
    }
    if (peeled.defaultValue) info.defaultValue = peeled.defaultValue
    return info
  })
}

/** One row of an output table: a field and, for objects and arrays of objects, its fields. */
export interface OutputField {
  name: string
  /** `string`, `number`, `boolean`, `object`, `array`, `null`, `any`, or alternatives joined by ` or `. */
  type: string
  description: string
  children: OutputField[]
}

function typeName(core: AnySchema, depth: number): string {
  const def = defOf(core)
  if (TEXT_TYPES.has(def.type)) return 'string'
  if (def.type === 'number' || def.type === 'int' || def.type === 'bigint') return 'number'
  if (def.type === 'boolean') return 'boolean'
  if (def.type === 'null') return 'null'
  if (def.type === 'date') return 'string'
  if (OBJECT_TYPES.has(def.type)) return 'object'
  if (ARRAY_TYPES.has(def.type)) return 'array'
  const literals = literalValues(core)
  if (literals) return [...new Set(literals.map((value) => typeof value))].join(' or ')
  if (def.type === 'union' && def.options && depth < 8) {
    const names = def.options.map((option) => typeName(peel(option).core, depth + 1))
    return [...new Set(names.flatMap((name) => name.split(' or ')))].join(' or ')
  }
  return 'any'
}

/** The type of a value as the docs name it: `string`, `number`, `object`, `string or array`, ... */
export function typeNameOf(schema: AnySchema): string {
  return typeName(peel(schema).core, 0)
}

const MAX_OUTPUT_DEPTH = 6

function childrenOf(core: AnySchema, depth: number): OutputField[] {
  if (depth >= MAX_OUTPUT_DEPTH) return []
  const def = defOf(core)
  if (def.type === 'object' && def.shape) return fieldsOf(def.shape, depth + 1)
  if (def.type === 'array' && def.element) {
    const item = peel(def.element).core
    const itemDef = defOf(item)
    if (itemDef.type === 'object' && itemDef.shape) return fieldsOf(itemDef.shape, depth + 1)
  }
  return []
}

function fieldsOf(shape: Record<string, AnySchema>, depth: number): OutputField[] {
  return Object.entries(shape).map(([name, schema]) => {
    const { core, description } = peel(schema)
    return { name, type: typeName(core, 0), description: description ?? '', children: childrenOf(core, depth) }
  })
}

/** The fields of a tool's output, nested fields included. */
export function outputFieldsOf(tool: AnyToolDefinition): OutputField[] {
  return outputFieldsOfSchema(tool.output as AnySchema)
}

/** The fields of an output object schema (a tool's or a trigger's), nested fields included. */
export function outputFieldsOfSchema(schema: AnySchema): OutputField[] {
  const { core } = peel(schema)
  const def = defOf(core)
  return def.type === 'object' && def.shape ? fieldsOf(def.shape, 0) : []
}
