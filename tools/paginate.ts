/**
 * One generic walker over every list and search tool, as n8n declares pagination instead of
 * coding it per operation. What it needs is read from each tool's own definition:
 * - the items: the one array field of the output schema (`contacts`, `companies`, ...);
 * - the style: a `starting_after` param means cursor pages (`pages.next.starting_after`), a
 *   `page` param page numbers (`pages.page` / `pages.total_pages`), a `scroll_param` param a
 *   scroll; a list tool with none of them answers in one page;
 * - the largest page: the maximum of the `per_page` schema (or the tool's `pagination.maxPerPage`).
 */
import type { z } from 'zod'
import type { AnyToolDefinition, ToolContext, ToolError, ToolResult } from '../types'
import { ToolFailure, redactError, validationFailure } from './errors'
import { executeTool } from './executor'
import { getTool } from './registry'
import type { CheckedListToolId, CollectedOutput, ToolItem, ToolParams } from './typed'

/** How a tool pages, as read from its definition. */
export interface Pagination {
  style: 'cursor' | 'page' | 'scroll' | 'single'
  /** The output field holding the items. */
  items: string
  /** The largest `per_page` Intercom allows, when the tool takes one. */
  maxPerPage?: number
}

/** Where Intercom stops listing companies by page number. */
export const COMPANY_LISTING_CAP = 10_000
const SCROLL_TOOL = 'intercom_scroll_companies'
const COMPANY_LIST_TOOL = 'intercom_list_companies'

type Def = { type?: string; innerType?: ZodLike; in?: ZodLike; element?: ZodLike; shape?: Record<string, ZodLike>; checks?: unknown[] }
type ZodLike = { _zod?: { def?: Def }; shape?: Record<string, ZodLike>; maxValue?: number | null }

/** The schema under optional / nullable / default / pipe wrappers. */
function unwrap(schema: ZodLike | undefined): ZodLike | undefined {
  let current = schema
  for (let depth = 0; depth < 8 && current; depth++) {
    const def = current._zod?.def
    if (!def) return current
    if (def.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional'].includes(def.type ?? '')) current = def.innerType
    else if (def.type === 'pipe' && def.in) current = def.in
    else return current
  }
  return current
}

function shapeOf(schema: unknown): Record<string, ZodLike> | undefined {
  const inner = unwrap(schema as ZodLike)
  return inner?.shape ?? inner?._zod?.def?.shape
}

const cache = new WeakMap<AnyToolDefinition, Pagination | null>()

/** How a tool pages, or `undefined` when it is not a list or search tool. */
export function paginationOf(tool: AnyToolDefinition): Pagination | undefined {
  const known = cache.get(tool)
  if (known !== undefined) return known ?? undefined
  let found: Pagination | null = null
  const output = shapeOf(tool.output)
  const params = shapeOf(tool.params as z.ZodType)
  if (tool.annotations.readOnly && output && params) {
    const arrays = Object.keys(output).filter((key) => unwrap(output[key])?._zod?.def?.type === 'array')
    if (arrays.length === 1) {
      const style: Pagination['style'] =
        'starting_after' in params ? 'cursor' : 'page' in params ? 'page' : 'scroll_param' in params ? 'scroll' : 'single'
      found = { style, items: arrays[0] as string }
      const perPage = params.per_page ? unwrap(params.per_page) : undefined
      const maximum = tool.pagination?.maxPerPage ?? perPage?.maxValue
      // A whole-number schema without a documented maximum still reports the safe-integer bound:
      // that is no page size to ask for, so such a tool pages at Intercom's default.
      if (perPage && typeof maximum === 'number' && Number.isFinite(maximum) && maximum < Number.MAX_SAFE_INTEGER) found.maxPerPage = maximum
    }
  }
  cache.set(tool, found)
  return found ?? undefined
}

export interface PaginateOptions {
  /** The most items to yield, across pages. Default: all of them. */
  limit?: number
}

function failure(error: ToolError): ToolFailure {
  return new ToolFailure(error)
}

function listToolOf(toolId: string): { tool: AnyToolDefinition; pagination: Pagination } {
  const tool = typeof toolId === 'string' ? getTool(toolId) : undefined
  if (!tool) throw failure({ code: 'unknown_tool', message: `There is no tool ${JSON.stringify(String(toolId))}.`, retryable: false })
  const pagination = paginationOf(tool)
  if (!pagination) throw validationFailure('toolId', `${toolId} is not a list or search tool: it has no list of items to page through`)
  return { tool, pagination }
}

function checkLimit(limit: unknown): number {
  if (limit === undefined) return Infinity
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) throw validationFailure('limit', `must be a whole number, 1 or more (got ${JSON.stringify(limit)})`)
  return limit
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

/**
 * Whether a walk over companies should use the scroll: every company is asked for (no limit, or
 * one past the listing cap) and nothing that only the page listing understands was given.
 */
function wantsScroll(toolId: string, params: Record<string, unknown>, limit: number): boolean {
  if (toolId !== COMPANY_LIST_TOOL) return false
  if (limit <= COMPANY_LISTING_CAP) return false
  return params.page === undefined && params.order === undefined && params.per_page === undefined
}

async function page(toolId: string, params: Record<string, unknown>, context: ToolContext): Promise<Record<string, unknown>> {
  const result = await executeTool(toolId, params, context)
  if (!result.success) throw failure(result.error)
  return result.output
}

/**
 * The items of a list or search tool, page after page, asking for the largest page Intercom
 * allows unless `per_page` is given. Stops after `limit` items. For every company
 * (`intercom_list_companies` with no limit, page, order or per_page) it goes through the scroll
 * tool, past the 10,000 companies the listing reaches. Throws a `ToolFailure` (its `error` is the
 * `ToolError` of the failed page); items yielded before it stay valid.
 *
 * @example
 * for await (const contact of paginate('intercom_list_contacts', {}, context)) console.log(contact.email)
 */
export function paginate<Id extends string>(
  toolId: CheckedListToolId<Id>,
  params: ToolParams<Id>,
  context: ToolContext,
  options: PaginateOptions = {},
): AsyncGenerator<ToolItem<Id>, void, undefined> {
  return walk(toolId, params as Record<string, unknown>, context, options) as AsyncGenerator<ToolItem<Id>, void, undefined>
}

async function* walk(
  toolId: string,
  params: Record<string, unknown>,
  context: ToolContext,
  options: PaginateOptions,
): AsyncGenerator<Record<string, unknown>, void, undefined> {
  const limit = checkLimit(options?.limit)
  if (params === null || typeof params !== 'object' || Array.isArray(params)) throw validationFailure('params', 'must be an object of named parameters')
  const scroll = wantsScroll(toolId, params, limit)
  const { tool, pagination } = listToolOf(scroll ? SCROLL_TOOL : toolId)
  let current: Record<string, unknown> = scroll ? {} : { ...params }
  if (pagination.maxPerPage !== undefined && current.per_page === undefined) {
    current.per_page = Math.min(pagination.maxPerPage, limit)
  }
  let yielded = 0
  const seen = new Set<string>()
  for (;;) {
    const output = await page(tool.id, current, context)
    const items = output[pagination.items]
    if (!Array.isArray(items)) throw failure({ code: 'invalid_response', message: `${tool.id} returned no ${pagination.items} list.`, retryable: false })
    for (const item of items) {
      yield item as Record<string, unknown>
      if (++yielded >= limit) return
    }
    let next: Record<string, unknown> | undefined
    const pages = record(output.pages)
    if (pagination.style === 'cursor') {
      const cursor = record(pages?.next)?.starting_after
      if (typeof cursor === 'string' && cursor !== '' && items.length > 0) next = { ...current, starting_after: cursor }
      if (typeof cursor === 'string' && seen.has(cursor)) {
        throw failure({ code: 'invalid_response', message: `${tool.id} returned the same cursor twice; stopping instead of looping.`, retryable: false })
      }
      if (typeof cursor === 'string') seen.add(cursor)
    } else if (pagination.style === 'page') {
      const number = typeof pages?.page === 'number' ? pages.page : typeof current.page === 'number' ? current.page : 1
      const total = pages?.total_pages
      if (typeof total === 'number' && number < total && items.length > 0) next = { ...current, page: number + 1 }
    } else if (pagination.style === 'scroll') {
      const param = output.scroll_param
      if (typeof param === 'string' && param !== '' && items.length > 0) next = { ...current, scroll_param: param }
    }
    if (!next) return
    current = next
  }
}

/**
 * Gathers the items of a list or search tool (see `paginate`) into the tool's own output shape:
 * the items field holds every item (at most `limit`); `pages` and `total_count` are left out. Never throws: a failure is `success: false`, as from `executeTool`.
 */
export async function collect<Id extends string>(
  toolId: CheckedListToolId<Id>,
  params: ToolParams<Id>,
  context: ToolContext,
  options: PaginateOptions = {},
): Promise<ToolResult<CollectedOutput<Id>>> {
  const token = typeof context?.accessToken === 'string' ? context.accessToken : undefined
  try {
    const { pagination } = listToolOf(toolId)
    const items: Array<Record<string, unknown>> = []
    for await (const item of walk(toolId, params as Record<string, unknown>, context, options)) items.push(item)
    return { success: true, output: { [pagination.items]: items } as CollectedOutput<Id> }
  } catch (error) {
    if (error instanceof ToolFailure) return { success: false, error: redactError(error.error, token) }
    return { success: false, error: { code: 'internal_error', message: error instanceof Error ? error.message : String(error), retryable: false } }
  }
}
