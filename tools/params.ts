import { z } from 'zod'

/**
 * Marks params whose form needs more than their JSON Schema type to be understood:
 * - `json`: an object or array that may also be given as JSON text (UIs and the reference send text);
 * - `id`: an Intercom id, sent as one encoded path segment or as a string in a body.
 * The block, the docs and the agent schemas read these marks; validation does not need them.
 */
export const paramKinds = z.registry<{ kind: 'json' | 'id'; of?: IdOf }>()

/**
 * What an id param points at, where one name means different things in different tools (the
 * `id` of create_tag is a tag, the `id` of create_event a contact): the block keeps them apart.
 */
export type IdOf = 'contact' | 'company' | 'tag' | 'admin' | 'conversation' | 'ticket'

const FORBIDDEN_SEGMENTS = new Set(['.', '..'])

/**
 * An Intercom id. Intercom's ids are strings, but models and UIs often hand over numbers, so an
 * integer is accepted and sent as its decimal text. Empty ids and the path segments `.` and `..`
 * are refused: encoded or not, they would point the request at another resource.
 *
 * @param of what the id points at, when the param's name alone does not say it.
 */
export function idParam(description: string, of?: IdOf) {
  const schema = z
    .union([z.string(), z.number().int().nonnegative()])
    .transform((value) => String(value))
    .refine((value) => value.trim() !== '', { message: 'must not be empty' })
    .refine((value) => !FORBIDDEN_SEGMENTS.has(value.trim()), {
      message: "must be an Intercom id, not '.' or '..'",
    })
    .describe(description)
  paramKinds.add(schema, of === undefined ? { kind: 'id' } : { kind: 'id', of })
  return schema
}

/**
 * The key refused inside params. JSON text can hold `"__proto__"` as an ordinary key, but copying
 * it into an object sets that object's prototype instead, so it would be silently dropped (or,
 * merged carelessly, pollute prototypes). `constructor` and `prototype` stay ordinary own keys
 * all the way and are sent as given.
 */
export const FORBIDDEN_KEY = '__proto__'

/** Says why a `__proto__` key is refused, for every face that reads params. */
export const FORBIDDEN_KEY_MESSAGE = `holds the key "${FORBIDDEN_KEY}", which cannot be sent (JavaScript would drop it silently); rename that key`

/**
 * The path to the first own `__proto__` key inside a value (objects and arrays, any depth), or
 * `undefined` when there is none. The set that guards against cycles is made only once there is
 * an object inside: flat params (most calls) cost no allocation.
 */
export function forbiddenKeyPath(value: unknown, seen?: WeakSet<object>): PropertyKey[] | undefined {
  if (value === null || typeof value !== 'object' || seen?.has(value)) return undefined
  if (Object.hasOwn(value, FORBIDDEN_KEY)) return [FORBIDDEN_KEY]
  let visited = seen
  for (const key of Object.keys(value)) {
    const child: unknown = (value as Record<string, unknown>)[key]
    if (child === null || typeof child !== 'object') continue
    if (!visited) visited = new WeakSet()
    visited.add(value)
    const inner = forbiddenKeyPath(child, visited)
    if (inner) return [Array.isArray(value) ? Number(key) : key, ...inner]
  }
  return undefined
}

function parseJsonText(value: unknown, ctx: z.RefinementCtx): unknown {
  if (typeof value !== 'string') return value
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: `is not valid JSON (${(error as Error).message})`,
    })
    return z.NEVER
  }
  const path = forbiddenKeyPath(parsed)
  if (path) {
    ctx.addIssue({ code: 'custom', path: path.slice(0, -1) as Array<string | number>, message: FORBIDDEN_KEY_MESSAGE })
    return z.NEVER
  }
  return parsed
}

/**
 * A structured param (object or array) that may also be given as JSON text. Text that is not
 * valid JSON, or JSON of the wrong shape, is refused with an error naming the field; it is
 * never dropped or replaced.
 */
export function jsonParam<T extends z.ZodType>(schema: T, description: string) {
  const wrapped = z.preprocess(parseJsonText, schema).describe(description)
  paramKinds.add(wrapped, { kind: 'json' })
  return wrapped
}

const DIGITS = /^\d+$/

/**
 * An admin id in the few places where Intercom wants it as a JSON integer (CONTRACT §G:
 * `from.id` of a message, `admin_id` of a ticket update). Admin ids are handed around as text
 * (intercom_list_admins returns them as strings), so an integer or a string of digits is accepted
 * and sent as the integer. Anything else, including digits with spaces, a sign or a fraction, and
 * numbers too large to send exactly, is refused rather than rounded or trimmed.
 */
export function integerAdminIdParam(description: string) {
  return z
    .union([z.string(), z.number()])
    .transform((value, ctx) => {
      const text = typeof value === 'number' ? (Number.isInteger(value) && value >= 0 ? String(value) : '') : value
      if (!DIGITS.test(text)) {
        ctx.addIssue({ code: 'custom', message: `must be an admin id made of digits only, e.g. 991267593 (got ${JSON.stringify(value)})` })
        return z.NEVER
      }
      const number = Number(text)
      if (!Number.isSafeInteger(number)) {
        ctx.addIssue({ code: 'custom', message: 'is too large to be sent as an exact integer' })
        return z.NEVER
      }
      return number
    })
    .describe(description)
}

/** A unix timestamp in seconds. */
export function timestampParam(description: string) {
  return z.number().int().nonnegative().describe(description)
}

/** Results per page. */
export function perPageParam(max: number, description: string) {
  return z.number().int().min(1).max(max).describe(description)
}

/** A free JSON object (custom attributes and the like). */
export const looseRecord = z.record(z.string(), z.unknown())

/** `include_archived` of the attribute lists: Intercom lists only active attributes unless it is true. */
export const includeArchivedParam = z
  .boolean()
  .optional()
  .describe('true to include archived attributes too (Intercom lists only active ones by default). Sent as the query value true or false.')

const SEARCH_OPERATORS = ['=', '!=', 'IN', 'NIN', '<', '<=', '>', '>=', '~', '!~', '^', '$'] as const
const MAX_GROUP_DEPTH = 2
const MAX_FILTERS_PER_GROUP = 15

const scalar = z.union([z.string(), z.number(), z.boolean()])

const searchFilter = z
  .strictObject({
    field: z.string().min(1).describe('The attribute to filter on, e.g. "email" or "custom_attributes.plan" for contacts, "state" or "source.body" for conversations.'),
    operator: z.enum(SEARCH_OPERATORS).describe('How to compare: = != IN NIN < <= > >= ~ (contains) !~ ^ (starts with) $ (ends with).'),
    value: z
      .union([scalar, z.array(z.union([z.string(), z.number()])), z.null()])
      .describe('The value to compare with; an array for IN and NIN.'),
  })
  .superRefine((filter, ctx) => {
    const isList = Array.isArray(filter.value)
    if ((filter.operator === 'IN' || filter.operator === 'NIN') && !isList) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `operator ${filter.operator} needs an array value` })
    }
    if (isList && filter.operator !== 'IN' && filter.operator !== 'NIN') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `an array value needs operator IN or NIN, not ${filter.operator}` })
    }
  })

type SearchNode = z.infer<typeof searchFilter> | { operator: 'AND' | 'OR'; value: SearchNode[] }

const searchGroup: z.ZodType<{ operator: 'AND' | 'OR'; value: SearchNode[] }> = z.strictObject({
  operator: z.enum(['AND', 'OR']).describe('How the filters of this group combine.'),
  get value() {
    return z
      .array(z.union([searchFilter, searchGroup]))
      .min(1)
      .max(MAX_FILTERS_PER_GROUP)
      .describe(`The filters or groups to combine, at most ${MAX_FILTERS_PER_GROUP}.`)
  },
})

function groupDepth(node: SearchNode): number {
  if (node.operator !== 'AND' && node.operator !== 'OR') return 0
  const children = (node as { value: SearchNode[] }).value
  return 1 + Math.max(0, ...children.map(groupDepth))
}

/**
 * Intercom's search query language: a filter `{field, operator, value}` or a group
 * `{operator: AND|OR, value: [...]}`, at most two levels of groups and 15 entries per group.
 */
export const searchQuery = z.union([searchFilter, searchGroup]).superRefine((query, ctx) => {
  const depth = groupDepth(query as SearchNode)
  if (depth > MAX_GROUP_DEPTH) {
    ctx.addIssue({
      code: 'custom',
      message: `nests ${depth} levels of AND/OR groups; Intercom allows at most ${MAX_GROUP_DEPTH}`,
    })
  }
})

export type SearchQuery = z.infer<typeof searchQuery>

/** The search query param: an object, or the same as JSON text. */
export function searchQueryParam(description: string) {
  return jsonParam(searchQuery, description)
}
