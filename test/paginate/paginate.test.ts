import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../sandbox'
import { executeTool } from '../../tools/executor'
import { ToolFailure } from '../../tools/errors'
import { collect, paginate, paginationOf } from '../../tools/paginate'
import { listTools } from '../../tools/registry'
import type { ToolContext } from '../../types'
import { bigWorkspaceFile } from '../helpers/big-workspace'

const CONTACTS = 360
const COMPANIES = 250
/** Intercom lists only companies with contacts: one seeded company has none. */
let visibleCompanies: number

/** Params that match every item, for the tools that need some (searches); others take none. */
const MATCH_ALL: Record<string, Record<string, unknown>> = {
  intercom_search_contacts: { query: { field: 'role', operator: 'IN', value: ['user', 'lead'] } },
  intercom_search_conversations: { query: { field: 'state', operator: 'IN', value: ['open', 'closed', 'snoozed'] } },
  intercom_search_tickets: { query: { field: 'created_at', operator: '>', value: 0 } },
}

let sandbox: Sandbox
let context: ToolContext
let calls: Array<{ path: string; query: string; body: string }>

beforeAll(async () => {
  sandbox = await startSandbox({ data: bigWorkspaceFile(CONTACTS, COMPANIES), rateLimit: { limit: 1_000_000, windowMs: 10_000 } })
  calls = []
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    calls.push({ path: url.pathname, query: url.search, body: request.method === 'GET' ? '' : await request.clone().text() })
    return fetch(request)
  }
  context = { accessToken: sandbox.token, baseUrl: sandbox.url, fetch: recording, maxRetries: 0 }
  const state = sandbox.state.snapshot()
  const attached = new Set(state.contacts.flatMap((contact) => contact.company_ids))
  visibleCompanies = state.companies.filter((company) => attached.has(company.id)).length
  // The tools that list what belongs to one record walk the record with the most of it.
  const most = <T>(items: T[], count: (item: T) => number): T => items.reduce((best, item) => (count(item) > count(best) ? item : best))
  const notesOf = (id: string) => state.notes.filter((note) => note.contact_id === id).length
  MATCH_ALL.intercom_list_contact_notes = { contactId: most(state.contacts, (contact) => notesOf(contact.id)).id }
  MATCH_ALL.intercom_list_contact_tags = { contactId: most(state.contacts, (contact) => contact.tag_ids.length).id }
  MATCH_ALL.intercom_list_contact_companies = { contactId: most(state.contacts, (contact) => contact.company_ids.length).id }
  const contactsOf = (id: string) => state.contacts.filter((contact) => contact.company_ids.includes(id)).length
  MATCH_ALL.intercom_list_company_contacts = { companyId: most(state.companies, (company) => contactsOf(company.id)).id }
})
afterAll(async () => {
  await sandbox?.close()
})

/** An item's identity: its id, or for data attributes (the built-in ones have none) the model and full name. */
function idsOf(items: Array<Record<string, unknown>>): string[] {
  return items.map((item) => (item.id !== undefined && item.id !== null ? String(item.id) : `${String(item.model)}:${String(item.full_name ?? item.name)}`))
}

async function gather(toolId: string, params: Record<string, unknown>, limit?: number): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = []
  for await (const item of paginate(toolId, params, context, limit === undefined ? {} : { limit })) items.push(item)
  return items
}

/** What a single call with the largest page returns, walked by hand from the tool's own output (the reference). */
async function byHand(toolId: string, params: Record<string, unknown>): Promise<string[]> {
  const tool = listTools().find((entry) => entry.id === toolId)!
  const pagination = paginationOf(tool)!
  const out: string[] = []
  let current = { ...params }
  for (let guard = 0; guard < 100; guard++) {
    const result = await executeTool(toolId, current, context)
    if (!result.success) throw new Error(JSON.stringify(result.error))
    const items = result.output[pagination.items] as Array<Record<string, unknown>>
    out.push(...idsOf(items))
    const pages = result.output.pages as { page?: number; total_pages?: number; next?: { starting_after?: string } } | undefined
    if (pagination.style === 'cursor' && pages?.next?.starting_after) current = { ...current, starting_after: pages.next.starting_after }
    else if (pagination.style === 'page' && (pages?.page ?? 1) < (pages?.total_pages ?? 0)) current = { ...current, page: (pages?.page ?? 1) + 1 }
    else return out
  }
  throw new Error('too many pages')
}

describe('paginate over every list and search tool (sandbox)', () => {
  const listing = listTools().filter((tool) => {
    const pagination = paginationOf(tool)
    return pagination !== undefined && pagination.style !== 'scroll'
  })

  it('finds the list and search tools from their definitions', () => {
    const ids = listing.map((tool) => tool.id)
    for (const id of ['intercom_list_contacts', 'intercom_search_contacts', 'intercom_list_companies', 'intercom_list_conversations', 'intercom_search_conversations', 'intercom_list_admins', 'intercom_list_tags']) {
      expect(ids).toContain(id)
    }
    expect(paginationOf(listTools().find((tool) => tool.id === 'intercom_get_contact')!)).toBeUndefined()
    expect(paginationOf(listTools().find((tool) => tool.id === 'intercom_create_contact')!)).toBeUndefined()
  })

  for (const tool of listTools()) {
    const pagination = paginationOf(tool)
    if (!pagination || pagination.style === 'scroll') continue
    it(`${tool.id}: yields every item once, the same as walking the pages by hand, with small pages and with the largest`, async () => {
      const params = MATCH_ALL[tool.id] ?? {}
      expect(tool.params.safeParse(params).success, `${tool.id} needs params that match everything: add them to MATCH_ALL`).toBe(true)
      const reference = await byHand(tool.id, params)
      expect(reference.length).toBeGreaterThan(0)
      const all = idsOf(await gather(tool.id, params))
      expect(new Set(all).size).toBe(all.length)
      expect([...all].sort()).toEqual([...reference].sort())
      if (pagination.maxPerPage !== undefined) {
        const small = idsOf(await gather(tool.id, { ...params, per_page: 7 }))
        expect([...small].sort()).toEqual([...reference].sort())
      }
      // With a limit (≤ 10,000) every tool walks its own listing, in the listing's order.
      const listed = idsOf(await gather(tool.id, params, 5_000))
      expect(listed).toEqual(reference)
      expect(idsOf(await gather(tool.id, params, 3))).toEqual(reference.slice(0, 3))
    })
  }
})

describe('paginate: page sizes and call counts', () => {
  it(`walks ${CONTACTS} contacts in 3 calls of the largest page (150), where the default page would take 8`, async () => {
    calls.length = 0
    const items = await gather('intercom_list_contacts', {})
    expect(items).toHaveLength(CONTACTS)
    expect(calls).toHaveLength(3)
    expect(calls.every((call) => call.query.includes('per_page=150'))).toBe(true)
    calls.length = 0
    expect(await byHand('intercom_list_contacts', {})).toHaveLength(CONTACTS)
    expect(calls).toHaveLength(8)
  })

  it('asks for no more than the limit needs and stops there', async () => {
    calls.length = 0
    expect(await gather('intercom_list_contacts', {}, 20)).toHaveLength(20)
    expect(calls).toHaveLength(1)
    expect(calls[0]?.query).toContain('per_page=20')
    calls.length = 0
    expect(await gather('intercom_search_contacts', MATCH_ALL.intercom_search_contacts!, 151)).toHaveLength(151)
    expect(calls).toHaveLength(2)
    expect(JSON.parse(calls[0]!.body).pagination).toEqual({ per_page: 150 })
  })

  it('keeps the per_page the caller set', async () => {
    calls.length = 0
    expect(await gather('intercom_list_contacts', { per_page: 100 })).toHaveLength(CONTACTS)
    expect(calls).toHaveLength(4)
    expect(calls.every((call) => call.query.includes('per_page=100'))).toBe(true)
  })

  it('pages companies by number with the largest page the companies listing serves, when a limit or order is given', async () => {
    calls.length = 0
    const ordered = await gather('intercom_list_companies', { order: 'asc' })
    expect(ordered).toHaveLength(visibleCompanies)
    expect(calls.map((call) => call.path)).toEqual(Array(Math.ceil(visibleCompanies / 60)).fill('/companies/list'))
    expect(calls[0]?.query).toContain('per_page=60')
    calls.length = 0
    expect(await gather('intercom_list_companies', {}, 61)).toHaveLength(61)
    expect(calls.map((call) => call.query)).toEqual(['?per_page=60', '?page=2&per_page=60'])
  })

  it('goes through the scroll for every company, and collect gathers them in the tool\'s own output shape', async () => {
    calls.length = 0
    const result = await collect('intercom_list_companies', {}, context)
    expect(result.success).toBe(true)
    if (!result.success) return
    const companies = result.output.companies as Array<Record<string, unknown>>
    expect(companies).toHaveLength(visibleCompanies)
    expect(new Set(idsOf(companies)).size).toBe(visibleCompanies)
    expect(calls.every((call) => call.path === '/companies/scroll')).toBe(true)
    // Batches of 100 and the closing empty batch.
    expect(calls).toHaveLength(Math.ceil(visibleCompanies / 100) + 1)
    expect(calls[0]?.query).toBe('')
    expect(calls[1]?.query).toMatch(/^\?scroll_param=/)
  })

  it('refuses a bad limit, a tool without items and an unknown tool, naming the problem; collect never throws', async () => {
    await expect(gather('intercom_list_contacts', {}, 0)).rejects.toMatchObject({ error: { code: 'validation_error', field: 'limit' } })
    await expect(gather('intercom_list_contacts', {}, 2.5)).rejects.toBeInstanceOf(ToolFailure)
    await expect(gather('intercom_get_contact', { contactId: 'x' })).rejects.toMatchObject({ error: { code: 'validation_error', field: 'toolId' } })
    await expect(gather('intercom_nope', {})).rejects.toMatchObject({ error: { code: 'unknown_tool' } })
    expect(await collect('intercom_list_contacts', { per_page: 0 }, context)).toMatchObject({ success: false, error: { code: 'validation_error', field: 'per_page' } })
    expect(await collect('intercom_list_contacts', {}, { ...context, accessToken: '' })).toMatchObject({ success: false, error: { field: 'accessToken' } })
  })

  it('stops with an error instead of looping when Intercom repeats a cursor', async () => {
    const page = { type: 'list', data: [{ type: 'contact', id: 'a' }], total_count: 9, pages: { type: 'pages', next: { starting_after: 'same' } } }
    const looping: ToolContext = {
      accessToken: 'token-1234',
      fetch: async () => new Response(JSON.stringify(page), { status: 200, headers: { 'content-type': 'application/json' } }),
    }
    const seen: unknown[] = []
    const failure = await (async () => {
      for await (const item of paginate('intercom_list_contacts', {}, looping)) seen.push(item)
    })().catch((error: ToolFailure) => error.error)
    expect(failure).toMatchObject({ code: 'invalid_response' })
    expect(seen).toHaveLength(2)
  })
})

describe('intercom_scroll_companies', () => {
  it('opens one scroll per app: a second one while it is open fails with a clear error; the scroll ends with an empty batch', async () => {
    const first = await executeTool('intercom_scroll_companies', {}, context)
    expect(first.success).toBe(true)
    if (!first.success) return
    expect((first.output.companies as unknown[]).length).toBe(100)
    const param = first.output.scroll_param as string
    expect(param).toEqual(expect.any(String))

    const second = await executeTool('intercom_scroll_companies', {}, context)
    expect(second.success).toBe(false)
    if (second.success) return
    expect(second.error.code).toBe('scroll_exists')
    expect(second.error.message).toMatch(/only one company scroll open at a time/)
    expect(second.error.message).toMatch(/expires one minute after its last call/)

    let total = 100
    for (;;) {
      const next = await executeTool('intercom_scroll_companies', { scroll_param: param }, context)
      expect(next.success).toBe(true)
      if (!next.success) return
      const batch = next.output.companies as unknown[]
      total += batch.length
      if (batch.length === 0) break
    }
    expect(total).toBe(visibleCompanies)
    const expired = await executeTool('intercom_scroll_companies', { scroll_param: param }, context)
    expect(expired).toMatchObject({ success: false, error: { status: 404 } })
    if (!expired.success) expect(expired.error.message).toMatch(/start a new scroll without scroll_param/)
  })

  it('paginate through a scroll fails clearly when another scroll of the app is open', async () => {
    const open = await executeTool('intercom_scroll_companies', {}, context)
    expect(open.success).toBe(true)
    const result = await collect('intercom_list_companies', {}, context)
    expect(result).toMatchObject({ success: false, error: { code: 'scroll_exists' } })
    // Finish the open scroll so that later suites start clean.
    if (open.success) for await (const _ of paginate('intercom_scroll_companies', { scroll_param: open.output.scroll_param ?? undefined }, context)) void _
  })
})
