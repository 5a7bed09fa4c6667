/**
 * Intercom's two pagination styles. Cursors (contacts, conversations) are base64 of a JSON
 * array `[...sortKey, page]`, shaped like Intercom's own; the next page starts after the item
 * with that sort key, so deleting items between calls neither repeats nor skips the others.
 */
import { invalid } from './errors'
import type { Json, JsonObject } from './types'

/** One part of a sort key; null sorts first. */
export type KeyPart = string | number | boolean | null
export type SortKey = KeyPart[]

function comparePart(a: KeyPart, b: KeyPart): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const left = String(a)
  const right = String(b)
  return left < right ? -1 : left > right ? 1 : 0
}

/** Compares two sort keys; each part ascending or descending. */
export function compareKeys(a: SortKey, b: SortKey, descending: readonly boolean[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const result = comparePart(a[index] ?? null, b[index] ?? null)
    if (result !== 0) return descending[index] ? -result : result
  }
  return 0
}

/** Sorts items by a key (stable; the last key part should be the id). */
export function sortBy<T>(items: T[], key: (item: T) => SortKey, descending: readonly boolean[]): T[] {
  return items
    .map((item) => ({ item, key: key(item) }))
    .sort((a, b) => compareKeys(a.key, b.key, descending))
    .map((entry) => entry.item)
}

function encodeCursor(key: SortKey, page: number): string {
  return Buffer.from(JSON.stringify([...key, page]), 'utf8').toString('base64')
}

function decodeCursor(cursor: string, field: string, keyLength: number): { key: SortKey; page: number } {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'))
  } catch {
    throw invalid(field, 'is not a cursor this API returned')
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length === keyLength + 1 &&
    parsed.every((part) => part === null || ['string', 'number', 'boolean'].includes(typeof part)) &&
    Number.isInteger(parsed[keyLength]) &&
    (parsed[keyLength] as number) >= 1
  if (!valid) throw invalid(field, 'is not a cursor this API returned')
  const list = parsed as KeyPart[]
  return { key: list.slice(0, keyLength), page: list[keyLength] as number }
}

export interface CursorPage<T> {
  items: T[]
  pages: JsonObject
  totalCount: number
}

/**
 * One page of sorted items after the cursor. `pages.next` is present only when more items
 * remain.
 */
export function cursorPage<T>(
  sorted: T[],
  key: (item: T) => SortKey,
  descending: readonly boolean[],
  perPage: number,
  startingAfter: string | undefined,
  cursorField = 'starting_after',
): CursorPage<T> {
  let rest = sorted
  let page = 1
  if (startingAfter !== undefined) {
    const cursor = decodeCursor(startingAfter, cursorField, descending.length)
    page = cursor.page
    rest = sorted.filter((item) => compareKeys(key(item), cursor.key, descending) > 0)
  }
  const items = rest.slice(0, perPage)
  const pages: JsonObject = {
    type: 'pages',
    page,
    per_page: perPage,
    total_pages: Math.ceil(sorted.length / perPage),
  }
  const last = items[items.length - 1]
  if (rest.length > perPage && last !== undefined) {
    pages.next = { page: page + 1, starting_after: encodeCursor(key(last), page + 1) } as { [key: string]: Json }
  }
  return { items, pages, totalCount: sorted.length }
}

/** Page-number pagination (companies): `pages.next` is null, as in Intercom's examples. */
export function numberedPage<T>(items: T[], page: number, perPage: number): { items: T[]; pages: JsonObject } {
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    pages: { type: 'pages', next: null, page, per_page: perPage, total_pages: Math.ceil(items.length / perPage) },
  }
}
