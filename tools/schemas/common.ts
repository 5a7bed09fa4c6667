import { z } from 'zod'
import { invalidResponse } from '../errors'

// Output fields are nullish: Intercom sends `null` for unset values and leaves some fields out
// depending on plan and version. Entity objects are loose: a field Intercom adds later is kept
// and never fails a call it answered successfully.

export const str = (description: string) => z.string().nullish().describe(description)
export const num = (description: string) => z.number().nullish().describe(description)
export const bool = (description: string) => z.boolean().nullish().describe(description)
/** An id Intercom sends as a string in most places and as an integer in a few (see CONTRACT §G). */
export const idOut = (description: string) => z.union([z.string(), z.number()]).nullish().describe(description)
export const anyObject = (description: string) => z.record(z.string(), z.unknown()).nullish().describe(description)
export const anyArray = (description: string) => z.array(z.unknown()).nullish().describe(description)
export const object = <S extends z.ZodRawShape>(shape: S, description: string) =>
  z.looseObject(shape).nullish().describe(description)
export const list = <T extends z.ZodType>(item: T, description: string) => z.array(item).nullish().describe(description)

/** A list of related objects embedded in an entity (tags, notes, companies of a contact). */
export const embeddedList = (description: string) =>
  object(
    {
      type: str('List type identifier'),
      url: str('URL to fetch the full list'),
      data: anyArray('The objects (Intercom embeds up to 10)'),
      has_more: bool('Whether there are more items beyond this list'),
      total_count: num('Total number of items'),
    },
    description,
  )

/** Intercom's cursor pagination block. */
export const pagesSchema = object(
  {
    type: str('Pages type identifier (pages)'),
    page: num('Current page number'),
    per_page: num('Number of results per page'),
    total_pages: num('Total number of pages'),
    next: object(
      {
        per_page: num('Results per page of the next page'),
        starting_after: str('Cursor to pass as starting_after to get the next page'),
      },
      'The next page, absent on the last page',
    ),
  },
  'Pagination information',
)

/** The body as a JSON object, or an `invalid_response` failure. */
export function asObject(body: unknown, what: string): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidResponse(`Expected ${what} as a JSON object from Intercom, got ${body === undefined ? "an empty body" : body === null ? "null" : Array.isArray(body) ? "an array" : typeof body}.`)
  }
  return body as Record<string, unknown>
}

/** An array field of a list response, or an `invalid_response` failure. */
export function asArray(value: unknown, what: string): Array<Record<string, unknown>> {
  if (!Array.isArray(value)) throw invalidResponse(`Expected ${what} to be an array in Intercom's answer.`)
  return value as Array<Record<string, unknown>>
}

/** An entity's id as a string, or an `invalid_response` failure when Intercom sent none. */
export function idOf(entity: Record<string, unknown>, what: string): string {
  const id = entity.id
  if (typeof id === 'string' || typeof id === 'number') return String(id)
  throw invalidResponse(`Intercom's ${what} has no id.`)
}

/**
 * A declared list reshaping, as n8n declares a `rootProperty`: the array Intercom sends under
 * `items` becomes the output field `as`, and the fields named in `copy` (pages, total_count,
 * type) are copied as Intercom sent them. A body without the array is an `invalid_response`.
 *
 * @example transform: listTransform<ContactList>({ what: 'a contact list', items: 'data', as: 'contacts', copy: ['pages', 'total_count'] })
 */
export function listTransform<O extends Record<string, unknown>>(spec: {
  what: string
  items: string
  as: keyof O & string
  copy: ReadonlyArray<keyof O & string>
}): (body: unknown) => O {
  return (body) => {
    const list = asObject(body, spec.what)
    const out: Record<string, unknown> = { [spec.as]: asArray(list[spec.items], spec.items) }
    for (const key of spec.copy) out[key] = list[key]
    return out as O
  }
}
