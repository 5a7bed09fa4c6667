/**
 * Intercom's OpenAPI 2.16 description as a test contract (CONTRACT.md §F): the spec is read
 * from ../shared (never copied into this repository), normalized from OpenAPI 3.0 to JSON
 * Schema draft-07, and compiled with ajv. Tests that use it skip, saying why, when ../shared is
 * absent.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv'
import { parse } from 'yaml'

const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule

const here = dirname(fileURLToPath(import.meta.url))
export const repoRoot = resolve(here, '../..')
export const sharedDir = resolve(repoRoot, '../shared')
export const specPath = resolve(sharedDir, 'intercom-api/openapi-2.16.yaml')
export const seedToolsPath = resolve(sharedDir, 'seed/seed-tools.json')
export const overridesPath = resolve(sharedDir, 'intercom-api/openapi-overrides.yml')
export const hasSpec = existsSync(specPath)
export const hasSeed = existsSync(seedToolsPath)
export const SKIP_SPEC = `skipped: ${specPath} is absent (the shared Intercom OpenAPI description is not beside this checkout)`
export const SKIP_SEED = `skipped: ${seedToolsPath} is absent (the shared reference is not beside this checkout)`

type Json = Record<string, unknown>
type Method = 'get' | 'post' | 'put' | 'delete'

/**
 * Request schemas whose `oneOf` branches overlap, so that a valid body matches several of them
 * and strict `oneOf` rejects it (CONTRACT.md row 26): validated as `anyOf`.
 */
const ONE_OF_AS_ANY_OF = new Set(['post /tags'])

const SCHEMA_MAP_KEYS = new Set(['properties', 'patternProperties', 'definitions'])
const DROPPED_KEYS = new Set(['example', 'examples', 'nullable', 'discriminator', 'xml', 'externalDocs', 'deprecated'])

function refTarget(ref: string): string {
  const name = ref.replace('#/components/schemas/', '')
  return `spec.json#/definitions/${name}`
}

/** OpenAPI 3.0 schema → JSON Schema draft-07, as CONTRACT.md §F describes. */
export function normalizeSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(normalizeSchema)
  if (schema === null || typeof schema !== 'object') return schema
  const source = schema as Json
  const nullable = source.nullable === true

  if (typeof source.$ref === 'string') {
    // Siblings of $ref are ignored by JSON Schema draft-07 anyway; nullable is kept as anyOf.
    const ref = { $ref: refTarget(source.$ref) }
    return nullable ? { anyOf: [ref, { type: 'null' }] } : ref
  }

  const out: Json = {}
  for (const [key, value] of Object.entries(source)) {
    if (DROPPED_KEYS.has(key) || key.startsWith('x-')) continue
    if (SCHEMA_MAP_KEYS.has(key) && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value as Json).map(([name, sub]) => [name, normalizeSchema(sub)]))
      continue
    }
    if (key === 'format') {
      if (source.type !== 'string') continue
      out.format = value === 'uri' ? 'uri-reference' : value
      continue
    }
    out[key] = normalizeSchema(value)
  }

  if (!nullable) return out
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null']
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
    return out
  }
  return { anyOf: [out, { type: 'null' }] }
}

export interface Contract {
  spec: Json
  /** The spec path template that a concrete request path matches, e.g. /contacts/{contact_id}. */
  matchPath(method: string, path: string): string | undefined
  /** ajv errors of a request body against the operation's request schema, or null when valid. */
  validateRequest(method: string, path: string, body: unknown): ErrorObject[] | null
  /**
   * The top-level property names the operation's request schema declares, through `$ref`,
   * `allOf`, `oneOf` and `anyOf` (a name declared in any branch counts), or undefined when it
   * declares none (a free-form body). The schemas allow extra keys, so `validateRequest` alone
   * lets a misspelt field through; a key outside this set is one the operation does not know.
   */
  requestProperties(method: string, path: string): Set<string> | undefined
  /** ajv errors of a response body against the operation's response schema, or null when valid. */
  validateResponse(method: string, path: string, status: number, body: unknown): ErrorObject[] | null
  /** Whether the operation documents a JSON schema for that status. */
  hasResponseSchema(method: string, path: string, status: number): boolean
  /** The named examples of an operation's request or response. */
  examples(method: string, template: string, kind: 'request' | number): Array<{ name: string; value: unknown }>
  /** Compiles any normalized component schema by name. */
  component(name: string): ValidateFunction
  /**
   * The query parameters an operation declares, in the spec or in Intercom's errata
   * (`openapi-overrides.yml`, which adds e.g. the pagination params of `GET /contacts`).
   */
  queryParams(method: string, template: string): Set<string>
}

/**
 * Known errata of the 2.16 description that the contract corrects before compiling, each one
 * documented in CONTRACT.md and in Intercom's own `openapi-overrides.yml`:
 * - event `metadata` and company `custom_attributes` (of both `POST /companies` and
 *   `PUT /companies/{id}`) are typed as maps of strings, but Intercom takes numbers, booleans and
 *   the rich link / money objects (CONTRACT.md rows 7 and 31, §G).
 */
function applyErrata(components: Json): void {
  const relax = (schemaName: string, property: string) => {
    const schema = components[schemaName] as Json | undefined
    const target = (schema?.properties as Json | undefined)?.[property] as Json | undefined
    if (!target) throw new Error(`errata: ${schemaName}.${property} is not in the spec any more`)
    target.additionalProperties = true
  }
  relax('create_data_event_request', 'metadata')
  relax('create_or_update_company_request', 'custom_attributes')
  relax('update_company_request', 'custom_attributes')
}

/**
 * A documented change to the 2.16 description, for a contract of another version: `name` keys
 * the cache, `apply` edits the parsed spec (components and paths) before it is compiled.
 */
export interface SpecDelta {
  name: string
  apply(spec: Json): void
}

const contracts = new Map<string, Contract>()

/**
 * Loads and compiles the spec once per test process; with a delta, the 2.16 description as
 * changed by it (a contract for an older version, built from its documented differences).
 */
export function loadContract(delta?: SpecDelta): Contract {
  const key = delta?.name ?? '2.16'
  const known = contracts.get(key)
  if (known) return known
  const spec = parse(readFileSync(specPath, 'utf8'), { maxAliasCount: -1 }) as Json
  const components = (spec.components as Json).schemas as Json
  applyErrata(components)
  delta?.apply(spec)
  const definitions = Object.fromEntries(Object.entries(components).map(([name, schema]) => [name, normalizeSchema(schema)]))
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false })
  ajv.addSchema({ $id: 'spec.json', definitions })

  const paths = spec.paths as Record<string, Record<string, Json>>
  const templates = Object.keys(paths).map((template) => {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`)
    const params = (template.match(/\{/g) ?? []).length
    return { template, pattern, params }
  })

  const compiled = new Map<string, ValidateFunction>()
  function compile(key: string, schema: unknown): ValidateFunction {
    let validate = compiled.get(key)
    if (!validate) {
      validate = ajv.compile(normalizeSchema(schema) as Json)
      compiled.set(key, validate)
    }
    return validate
  }

  function operation(method: string, path: string): { template: string; op: Json } {
    const template = matchPath(method, path)
    if (!template) throw new Error(`No operation ${method.toUpperCase()} ${path} in the spec`)
    const op = paths[template]?.[method.toLowerCase() as Method]
    if (!op) throw new Error(`No operation ${method.toUpperCase()} ${template} in the spec`)
    return { template, op }
  }

  function matchPath(method: string, path: string): string | undefined {
    const candidates = templates
      .filter((entry) => entry.pattern.test(path) && paths[entry.template]?.[method.toLowerCase() as Method])
      .sort((a, b) => a.params - b.params)
    return candidates[0]?.template
  }

  function jsonContent(holder: Json | undefined): Json | undefined {
    const content = holder?.content as Json | undefined
    return content?.['application/json'] as Json | undefined
  }

  function responseSchema(method: string, path: string, status: number): { key: string; schema: unknown } | undefined {
    const { template, op } = operation(method, path)
    const response = (op.responses as Json)[String(status)] as Json | undefined
    const schema = jsonContent(response)?.schema
    return schema === undefined ? undefined : { key: `res ${method} ${template} ${status}`, schema }
  }

  function errorsOf(validate: ValidateFunction, value: unknown): ErrorObject[] | null {
    return validate(value) ? null : [...(validate.errors ?? [])]
  }

  const overrides = existsSync(overridesPath)
    ? ((parse(readFileSync(overridesPath, 'utf8'), { maxAliasCount: -1, uniqueKeys: false }) as Json).paths as Record<string, Record<string, Json>> | undefined) ?? {}
    : {}

  const cached: Contract = {
    spec,
    queryParams(method, template) {
      const names = new Set<string>()
      for (const source of [paths, overrides]) {
        const op = source[template]?.[method.toLowerCase() as Method]
        for (const param of (op?.parameters as Json[] | undefined) ?? []) {
          if (param.in === 'query' && typeof param.name === 'string') names.add(param.name)
        }
      }
      return names
    },
    matchPath,
    validateRequest(method, path, body) {
      const { template, op } = operation(method, path)
      let schema = jsonContent(op.requestBody as Json | undefined)?.schema as Json | undefined
      if (schema === undefined) throw new Error(`${method.toUpperCase()} ${template} has no request schema`)
      if (ONE_OF_AS_ANY_OF.has(`${method.toLowerCase()} ${template}`) && Array.isArray(schema.oneOf)) {
        const { oneOf, ...rest } = schema
        schema = { ...rest, anyOf: oneOf }
      }
      return errorsOf(compile(`req ${method} ${template}`, schema), body)
    },
    requestProperties(method, path) {
      const { template, op } = operation(method, path)
      const schema = jsonContent(op.requestBody as Json | undefined)?.schema
      if (schema === undefined) throw new Error(`${method.toUpperCase()} ${template} has no request schema`)
      const names = declaredProperties(schema, components)
      return names.size === 0 ? undefined : names
    },
    validateResponse(method, path, status, body) {
      const found = responseSchema(method, path, status)
      if (!found) throw new Error(`${method.toUpperCase()} ${path} has no ${status} response schema`)
      return errorsOf(compile(found.key, found.schema), body)
    },
    hasResponseSchema(method, path, status) {
      return responseSchema(method, path, status) !== undefined
    },
    examples(method, template, kind) {
      const op = paths[template]?.[method.toLowerCase() as Method]
      if (!op) throw new Error(`No operation ${method.toUpperCase()} ${template} in the spec`)
      const holder = kind === 'request' ? (op.requestBody as Json | undefined) : ((op.responses as Json)[String(kind)] as Json | undefined)
      const content = jsonContent(holder)
      const out: Array<{ name: string; value: unknown }> = []
      for (const [name, example] of Object.entries((content?.examples as Json | undefined) ?? {})) {
        out.push({ name, value: (example as Json).value })
      }
      if (content?.example !== undefined) out.push({ name: 'example', value: content.example })
      return out
    },
    component(name) {
      return compile(`component ${name}`, { $ref: `#/components/schemas/${name}` })
    },
  }
  contracts.set(key, cached)
  return cached
}

/**
 * The property names an OpenAPI schema declares at its top level, following `$ref` to the
 * components and into every `allOf`, `oneOf` and `anyOf` branch.
 */
function declaredProperties(schema: unknown, components: Json, seen: Set<string> = new Set()): Set<string> {
  const names = new Set<string>()
  if (schema === null || typeof schema !== 'object') return names
  const source = schema as Json
  if (typeof source.$ref === 'string') {
    const name = source.$ref.replace('#/components/schemas/', '')
    if (seen.has(name)) return names
    return declaredProperties(components[name], components, new Set([...seen, name]))
  }
  for (const name of Object.keys((source.properties as Json | undefined) ?? {})) names.add(name)
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    for (const branch of (source[key] as unknown[] | undefined) ?? []) {
      for (const name of declaredProperties(branch, components, seen)) names.add(name)
    }
  }
  return names
}

/** A readable one-line summary of ajv errors. */
export function formatErrors(errors: ErrorObject[] | null): string {
  if (!errors) return 'valid'
  return errors.map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`).join('; ')
}
