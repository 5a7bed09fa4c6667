/**
 * Intercom's search query language: a filter `{field, operator, value}` or a group
 * `{operator: 'AND' | 'OR', value: [...]}`, at most 2 levels of groups and 15 entries per group.
 * Each field has a type; the operators a type takes and the way values compare follow
 * Intercom's tables for contacts and conversations (see report for the choices made).
 */
import { words } from './html'
import { ApiError, invalid } from './errors'

/**
 * - `string`: case-insensitive text; `text`: the same, but `=` matches any one word (source.body)
 * - `date`: contact timestamps, matched by UTC calendar day, operators `=`, `<`, `>` only
 * - `timestamp`: conversation timestamps, compared as numbers (`>` and `<` include the value)
 * - `tag`: a list of ids that takes `=` and `!=` only; `list`: a list of ids
 */
export type FieldType = 'string' | 'text' | 'integer' | 'float' | 'boolean' | 'date' | 'timestamp' | 'tag' | 'list'

export interface FieldSpec<T> {
  type: FieldType
  get(record: T): unknown
}

export type FieldLookup<T> = (name: string) => FieldSpec<T> | undefined

export const MAX_GROUP_DEPTH = 2
export const MAX_FILTERS_PER_GROUP = 15

const OPERATORS: Record<FieldType, readonly string[]> = {
  string: ['=', '!=', 'IN', 'NIN', '~', '!~', '^', '$'],
  text: ['=', '!=', 'IN', 'NIN', '~', '!~', '^', '$'],
  integer: ['=', '!=', 'IN', 'NIN', '<', '<=', '>', '>='],
  float: ['=', '!=', 'IN', 'NIN', '<', '<=', '>', '>='],
  boolean: ['=', '!=', 'IN', 'NIN'],
  date: ['=', '<', '>'],
  timestamp: ['=', '!=', 'IN', 'NIN', '<', '<=', '>', '>='],
  tag: ['=', '!='],
  list: ['=', '!=', 'IN', 'NIN'],
}
const ALL_OPERATORS = ['=', '!=', 'IN', 'NIN', '<', '<=', '>', '>=', '~', '!~', '^', '$']
const DAY = 86_400

type Scalar = string | number | boolean | null
type Predicate<T> = (record: T) => boolean

function queryError(message: string, field = 'query'): ApiError {
  return new ApiError(400, 'parameter_invalid', message, field)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Turns a query into a predicate, or throws Intercom's 400 for an invalid query. */
export function compileQuery<T>(query: unknown, lookup: FieldLookup<T>): Predicate<T> {
  return compileNode(query, lookup, 0, 'query')
}

function compileNode<T>(node: unknown, lookup: FieldLookup<T>, depth: number, path: string): Predicate<T> {
  if (!isObject(node)) throw queryError(`${path} must be a filter or an AND/OR group object`, path)
  const operator = node.operator
  if (operator === 'AND' || operator === 'OR') {
    if ('field' in node) throw queryError(`${path} is an ${operator} group and cannot have a field`, path)
    const unknown = Object.keys(node).find((key) => key !== 'operator' && key !== 'value')
    if (unknown !== undefined) throw queryError(`${path}.${unknown} is not part of a search group`, `${path}.${unknown}`)
    if (depth + 1 > MAX_GROUP_DEPTH) {
      throw queryError(`Queries can nest at most ${MAX_GROUP_DEPTH} levels of AND/OR groups`, path)
    }
    const children = node.value
    if (!Array.isArray(children) || children.length === 0) {
      throw queryError(`${path}.value of an ${operator} group must be a non-empty array of filters`, `${path}.value`)
    }
    if (children.length > MAX_FILTERS_PER_GROUP) {
      throw queryError(`An ${operator} group can hold at most ${MAX_FILTERS_PER_GROUP} filters, got ${children.length}`, `${path}.value`)
    }
    const predicates = children.map((child, index) => compileNode(child, lookup, depth + 1, `${path}.value[${index}]`))
    return operator === 'AND'
      ? (record) => predicates.every((predicate) => predicate(record))
      : (record) => predicates.some((predicate) => predicate(record))
  }
  return compileFilter(node, lookup, path)
}

function compileFilter<T>(node: Record<string, unknown>, lookup: FieldLookup<T>, path: string): Predicate<T> {
  const unknown = Object.keys(node).find((key) => key !== 'field' && key !== 'operator' && key !== 'value')
  if (unknown !== undefined) throw queryError(`${path}.${unknown} is not part of a search filter`, `${path}.${unknown}`)
  const { field, operator } = node
  if (typeof field !== 'string' || field === '') throw queryError(`${path}.field is required`, `${path}.field`)
  if (typeof operator !== 'string' || !ALL_OPERATORS.includes(operator)) {
    throw queryError(`${path}.operator must be one of ${[...ALL_OPERATORS, 'AND', 'OR'].join(' ')}`, `${path}.operator`)
  }
  if (!('value' in node)) throw queryError(`${path}.value is required`, `${path}.value`)
  const spec = lookup(field)
  if (!spec) throw queryError(`${field} is not a searchable field`, `${path}.field`)
  if (!OPERATORS[spec.type].includes(operator)) {
    throw queryError(`The operator ${operator} cannot be used with ${field} (a ${spec.type} field)`, `${path}.operator`)
  }

  const raw = node.value
  if (operator === 'IN' || operator === 'NIN') {
    if (!Array.isArray(raw) || raw.length === 0) throw queryError(`${operator} needs a non-empty array value`, `${path}.value`)
    const values = raw.map((item) => coerce(item, spec.type, field, `${path}.value`))
    const matchesAny = (record: T): boolean => values.some((value) => equals(spec, record, value))
    return operator === 'IN' ? matchesAny : (record) => !matchesAny(record)
  }
  if (Array.isArray(raw)) throw queryError(`An array value needs the operator IN or NIN, not ${operator}`, `${path}.value`)
  const value = coerce(raw, spec.type, field, `${path}.value`)
  if (value === null && operator !== '=' && operator !== '!=') {
    throw queryError(`A null value can only be used with = and !=`, `${path}.value`)
  }
  return comparison(spec, operator, value)
}

function coerce(value: unknown, type: FieldType, field: string, path: string): Scalar {
  if (value === null) return null
  const wrong = (): ApiError => invalid(path, `does not match the type of ${field} (${type})`)
  switch (type) {
    case 'string':
    case 'text':
    case 'tag':
    case 'list':
      if (typeof value === 'string') return value
      if (typeof value === 'number') return String(value)
      throw wrong()
    case 'integer':
    case 'float':
    case 'date':
    case 'timestamp': {
      const number = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value
      if (typeof number !== 'number' || !Number.isFinite(number)) throw wrong()
      if (type !== 'float' && !Number.isInteger(number)) throw wrong()
      return number
    }
    case 'boolean':
      if (typeof value === 'boolean') return value
      if (value === 'true' || value === 'false') return value === 'true'
      throw wrong()
  }
}

function lower(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  return String(value).toLowerCase()
}

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map((item) => String(item)) : []
}

function numberOf(value: unknown): number | null {
  return typeof value === 'number' ? value : null
}

function equals<T>(spec: FieldSpec<T>, record: T, value: Scalar): boolean {
  const actual = spec.get(record)
  switch (spec.type) {
    case 'tag':
    case 'list': {
      const list = listOf(actual)
      return value === null ? list.length === 0 : list.includes(String(value))
    }
    case 'text':
      return value === null ? lower(actual) === null : words(String(actual ?? '')).includes(String(value).toLowerCase())
    case 'string':
      return lower(actual) === (value === null ? null : String(value).toLowerCase())
    case 'date': {
      const stamp = numberOf(actual)
      if (value === null || stamp === null) return value === null && stamp === null
      const day = Math.floor((value as number) / DAY) * DAY
      return stamp >= day && stamp < day + DAY
    }
    default:
      return value === null ? actual === null || actual === undefined : actual === value
  }
}

function comparison<T>(spec: FieldSpec<T>, operator: string, value: Scalar): Predicate<T> {
  switch (operator) {
    case '=':
      return (record) => equals(spec, record, value)
    case '!=':
      return (record) => !equals(spec, record, value)
    case '~':
    case '!~':
    case '^':
    case '$': {
      const needle = String(value).toLowerCase()
      const test = (text: string): boolean =>
        operator === '^' ? text.startsWith(needle) : operator === '$' ? text.endsWith(needle) : text.includes(needle)
      return (record) => {
        const raw = spec.get(record)
        const text = spec.type === 'text' ? words(String(raw ?? '')).join(' ') : lower(raw)
        if (text === null) return operator === '!~'
        return operator === '!~' ? !test(text) : test(text)
      }
    }
    default:
      return numericComparison(spec, operator, value as number)
  }
}

function numericComparison<T>(spec: FieldSpec<T>, operator: string, value: number): Predicate<T> {
  if (spec.type === 'date') {
    const day = Math.floor(value / DAY) * DAY
    // `>` starts at the next day, `<` ends before the day (Intercom matches dates by day).
    return operator === '>'
      ? (record) => (numberOf(spec.get(record)) ?? -Infinity) >= day + DAY
      : (record) => (numberOf(spec.get(record)) ?? Infinity) < day
  }
  // Conversation timestamps: Intercom documents `>` and `<` as "greater (or equal)" and
  // "lower (or equal)".
  const inclusive = spec.type === 'timestamp'
  return (record) => {
    const actual = numberOf(spec.get(record))
    if (actual === null) return false
    switch (operator) {
      case '>':
        return inclusive ? actual >= value : actual > value
      case '<':
        return inclusive ? actual <= value : actual < value
      case '>=':
        return actual >= value
      default:
        return actual <= value
    }
  }
}

/** Reads `sort{field, order}`: order must be ascending or descending (400 invalid_sort_order). */
export function readSort<T>(
  sort: unknown,
  lookup: FieldLookup<T>,
): { spec: FieldSpec<T>; descending: boolean } | undefined {
  if (sort === undefined) return undefined
  if (!isObject(sort)) throw invalid('sort', 'must be an object {field, order}')
  const unknown = Object.keys(sort).find((key) => key !== 'field' && key !== 'order')
  if (unknown !== undefined) throw invalid(`sort.${unknown}`, 'is not part of sort')
  const order = sort.order ?? 'descending'
  if (order !== 'ascending' && order !== 'descending') {
    throw new ApiError(400, 'invalid_sort_order', `Invalid sort order '${String(order)}'. Must be one of: ascending, descending`, 'sort.order')
  }
  if (typeof sort.field !== 'string' || sort.field === '') throw new ApiError(400, 'parameter_not_found', 'sort.field is required', 'sort.field')
  const spec = lookup(sort.field)
  if (!spec || spec.type === 'list' || spec.type === 'tag') throw invalid('sort.field', `${sort.field} is not a sortable field`)
  return { spec, descending: order === 'descending' }
}
