import { FORBIDDEN_KEY_MESSAGE, forbiddenKeyPath } from '../tools/params'
import { BlockValueError } from './errors'
import type { ParamField } from './fields'

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
const MAX_QUOTED = 60

function quote(value: unknown): string {
  let text: string
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value))
  } catch {
    text = String(value)
  }
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text
}

/**
 * Whether a field was left empty: `undefined`, `null` or `''`, and for a JSON field also text of
 * only white space (what an untouched code editor holds). `0`, `false` and `' '` in a text field
 * are values.
 */
export function isEmptyValue(value: unknown, field: ParamField['field']): boolean {
  if (value === undefined || value === null || value === '') return true
  return field.valueKind === 'json' && typeof value === 'string' && value.trim() === ''
}

/**
 * Turns what a UI delivers (mostly text) into the param value the tool's schema takes. Only the
 * conversions a form needs are made; anything else is passed on for the tool's own validation to
 * judge, or refused here with an error naming the field.
 */
export function coerceValue({ field, enumValues }: ParamField, value: unknown): unknown {
  const fail = (message: string): never => {
    throw new BlockValueError(field.id, `${field.id}: ${message}`)
  }
  switch (field.valueKind) {
    case 'integer':
    case 'number': {
      if (typeof value === 'number') return value
      if (typeof value !== 'string' || !DECIMAL.test(value.trim())) {
        return fail(`must be ${field.valueKind === 'integer' ? 'a whole number' : 'a number'}, got ${quote(value)}`)
      }
      return Number(value.trim())
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value
      const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined
      if (text === 'true') return true
      if (text === 'false') return false
      return fail(`must be true or false, got ${quote(value)}`)
    }
    case 'enum': {
      const allowed = enumValues ?? []
      const match = allowed.find((option) => option === value || String(option) === value)
      if (match === undefined) return fail(`must be one of ${allowed.map((option) => quote(option)).join(', ')}, got ${quote(value)}`)
      return match
    }
    case 'json': {
      if (typeof value !== 'string') return value
      let parsed: unknown
      try {
        parsed = JSON.parse(value)
      } catch (error) {
        return fail(`is not valid JSON (${(error as Error).message})`)
      }
      const forbidden = forbiddenKeyPath(parsed)
      if (forbidden) {
        const where = forbidden.length > 1 ? ` (at ${forbidden.slice(0, -1).map(String).join('.')})` : ''
        return fail(`${FORBIDDEN_KEY_MESSAGE}${where}`)
      }
      return parsed
    }
    case 'text':
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : value
    default:
      return value
  }
}
