/** Companies: upsert keyed on company_id, get and update by Intercom id, list by page number, scroll, filter, contacts. */
import { asJsonObject, bool, int, num, obj, objectBody, queryInt, requiredText, str, timestamp } from '../body'
import { ApiError, companyNotFound, invalid } from '../errors'
import { numberedPage, sortBy, type SortKey } from '../paging'
import { renderCompany, renderContact } from '../render'
import { ok, route, type Route, type SandboxRequest } from '../router'
import type { Store } from '../store'
import type { CompanyRecord } from '../types'

/** Companies per page: Intercom's default; the sandbox's maximum. */
export const COMPANIES_PER_PAGE = { default: 15, max: 150 } as const

const WRITABLE = [
  'name',
  'company_id',
  'plan',
  'size',
  'website',
  'industry',
  'custom_attributes',
  'remote_created_at',
  'update_last_request_at',
  'monthly_spend',
] as const

/** What PUT /companies/{id} takes (update_company_request). */
const UPDATABLE = ['name', 'plan', 'size', 'website', 'industry', 'custom_attributes', 'monthly_spend'] as const

/** Contacts of a company per page: Intercom's default; the sandbox's maximum. */
export const COMPANY_CONTACTS_PER_PAGE = { default: 50, max: 150 } as const

export const companyRoutes: Route[] = [
  route('POST', '/companies', createOrUpdateCompany),
  route('GET', '/companies', retrieveCompanies),
  route('POST', '/companies/list', listCompanies),
  route('GET', '/companies/scroll', scrollCompanies),
  route('GET', '/companies/{company_id}', ({ params, store }) => ok(renderCompany(store, store.requireCompany(params.company_id ?? '')))),
  route('PUT', '/companies/{company_id}', updateCompany),
  route('GET', '/companies/{company_id}/contacts', companyContacts),
]

function planFor(store: Store, name: string): { id: string; name: string } {
  const existing = store.data.companies.find((company) => company.plan?.name === name)?.plan
  return existing ? { ...existing } : { id: store.nextId('plan'), name }
}

/** The company fields a create or update body sets; undefined = not given. */
interface CompanyChanges {
  name?: string
  plan?: string
  size?: number
  website?: string
  industry?: string
  remote_created_at?: number
  update_last_request_at?: boolean
  monthly_spend?: number
  custom_attributes?: Record<string, unknown>
}

function readCompanyChanges(body: Record<string, unknown>): CompanyChanges {
  const changes: CompanyChanges = {
    name: str(body, 'name'),
    plan: str(body, 'plan'),
    size: int(body, 'size'),
    website: str(body, 'website'),
    industry: str(body, 'industry'),
    remote_created_at: timestamp(body, 'remote_created_at'),
    update_last_request_at: bool(body, 'update_last_request_at'),
    monthly_spend: num(body, 'monthly_spend'),
    custom_attributes: obj(body, 'custom_attributes'),
  }
  if (changes.size !== undefined && changes.size < 0) throw invalid('size', 'must not be negative')
  for (const [key, value] of Object.entries(changes.custom_attributes ?? {})) {
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      throw invalid(`custom_attributes.${key}`, 'must be a string, number or boolean')
    }
  }
  return changes
}

function applyCompanyChanges(store: Store, company: CompanyRecord, changes: CompanyChanges): void {
  const now = store.now()
  if (changes.name !== undefined) company.name = changes.name
  if (changes.plan !== undefined) company.plan = changes.plan === '' ? null : planFor(store, changes.plan)
  if (changes.size !== undefined) company.size = changes.size
  if (changes.website !== undefined) company.website = changes.website
  if (changes.industry !== undefined) company.industry = changes.industry
  if (changes.remote_created_at !== undefined) company.remote_created_at = changes.remote_created_at
  // Intercom truncates monthly_spend to a whole number.
  if (changes.monthly_spend !== undefined) company.monthly_spend = Math.trunc(changes.monthly_spend)
  if (changes.update_last_request_at === true) company.last_request_at = now
  for (const [key, value] of Object.entries(asJsonObject(changes.custom_attributes ?? {}))) {
    if (value === null) delete company.custom_attributes[key]
    else company.custom_attributes[key] = value
  }
  company.updated_at = now
  store.touch()
}

function createOrUpdateCompany({ body: raw, store }: SandboxRequest) {
  const body = objectBody(raw, WRITABLE)
  const companyId = requiredText(str(body, 'company_id'), 'company_id')
  const changes = readCompanyChanges(body)

  const now = store.now()
  let company = store.data.companies.find((candidate) => candidate.company_id === companyId)
  if (!company) {
    company = {
      id: store.nextObjectId(now),
      company_id: companyId,
      name: null,
      plan: null,
      size: null,
      website: null,
      industry: null,
      monthly_spend: 0,
      session_count: 0,
      custom_attributes: {},
      remote_created_at: null,
      created_at: now,
      updated_at: now,
      last_request_at: null,
      tag_ids: [],
    }
    store.data.companies.push(company)
  }
  applyCompanyChanges(store, company, changes)
  return ok(renderCompany(store, company))
}

/** PUT /companies/{id}: the fields of update_company_request, by Intercom's id. */
function updateCompany({ params, body: raw, store }: SandboxRequest) {
  const company = store.requireCompany(params.company_id ?? '')
  const body = objectBody(raw, UPDATABLE)
  applyCompanyChanges(store, company, readCompanyChanges(body))
  return ok(renderCompany(store, company))
}

/** GET /companies/{id}/contacts: the company's contacts, newest first, by page number. */
function companyContacts({ params, query, store }: SandboxRequest) {
  const company = store.requireCompany(params.company_id ?? '')
  const page = queryInt(query, 'page', 1, Number.MAX_SAFE_INTEGER) ?? 1
  const perPage = queryInt(query, 'per_page', 1, COMPANY_CONTACTS_PER_PAGE.max) ?? COMPANY_CONTACTS_PER_PAGE.default
  const contacts = sortBy(store.companyContacts(company.id), (contact) => [contact.created_at, contact.id], [true, true])
  const slice = numberedPage(contacts, page, perPage)
  // cursor_pages types `next` as an object: with page numbers there is none, so it is left out
  // (as in Intercom's example).
  const { next: _next, ...pages } = slice.pages
  return ok({ type: 'list', data: slice.items.map((contact) => renderContact(store, contact)), total_count: contacts.length, pages })
}

/** Companies with at least one contact: Intercom leaves the others out of lists. */
function visibleCompanies(store: Store): CompanyRecord[] {
  const attached = new Set(store.data.contacts.flatMap((contact) => contact.company_ids))
  return store.data.companies.filter((company) => attached.has(company.id))
}

function pageParams(query: URLSearchParams): { page: number; perPage: number } {
  return {
    page: queryInt(query, 'page', 1, Number.MAX_SAFE_INTEGER) ?? 1,
    perPage: queryInt(query, 'per_page', 1, COMPANIES_PER_PAGE.max) ?? COMPANIES_PER_PAGE.default,
  }
}

function listResponse(store: Store, companies: CompanyRecord[], page: number, perPage: number) {
  const slice = numberedPage(companies, page, perPage)
  return ok({
    type: 'list',
    data: slice.items.map((company) => renderCompany(store, company)),
    pages: slice.pages,
    total_count: companies.length,
  })
}

/** POST /companies/list: query parameters only, sorted by last_request_at (desc by default). */
function listCompanies({ query, body, store }: SandboxRequest) {
  if (body !== undefined && !(typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0)) {
    throw new ApiError(400, 'parameter_invalid', 'POST /companies/list takes its parameters (page, per_page, order) in the query string, not in the body')
  }
  const { page, perPage } = pageParams(query)
  const order = query.get('order') ?? 'desc'
  if (order !== 'asc' && order !== 'desc') throw invalid('order', "must be 'asc' or 'desc'")
  const key = (company: CompanyRecord): SortKey => [company.last_request_at ?? company.created_at, company.id]
  const descending = order === 'desc'
  const sorted = sortBy(visibleCompanies(store), key, [descending, descending])
  return listResponse(store, sorted, page, perPage)
}

/** GET /companies: one company by company_id or name, or a list filtered by tag_id / segment_id. */
function retrieveCompanies({ query, store }: SandboxRequest) {
  const companyId = query.get('company_id')
  const name = query.get('name')
  if (companyId !== null || name !== null) {
    const company = store.data.companies.find((candidate) =>
      companyId !== null ? candidate.company_id === companyId : candidate.name === name,
    )
    if (!company) throw companyNotFound()
    return ok(renderCompany(store, company))
  }
  const { page, perPage } = pageParams(query)
  const tagId = query.get('tag_id')
  const segmentId = query.get('segment_id')
  let companies = visibleCompanies(store)
  if (tagId !== null) companies = companies.filter((company) => company.tag_ids.includes(tagId))
  // The sandbox has no segments: a segment filter matches nothing.
  if (segmentId !== null) companies = []
  const sorted = sortBy(companies, (company) => [company.created_at, company.id], [true, true])
  return listResponse(store, sorted, page, perPage)
}

/** Companies per scroll batch (Intercom chooses its own; the sandbox uses this). */
export const SCROLL_BATCH = 100
/** A scroll closes after this long without a call, as Intercom's do. */
export const SCROLL_IDLE_MS = 60_000

interface OpenScroll {
  param: string
  /** The company ids still to serve, fixed when the scroll started. */
  rest: string[]
  lastUsed: number
}

/** One open scroll per workspace (per app, in Intercom's terms); not persisted. */
const scrolls = new WeakMap<Store, OpenScroll>()

/**
 * GET /companies/scroll: without scroll_param it opens a scroll (refused while another is open
 * and less than a minute idle); with it, the next batch. The end is an empty batch, which closes
 * the scroll.
 */
function scrollCompanies({ query, store }: SandboxRequest) {
  const now = Date.now()
  let open = scrolls.get(store)
  if (open && now - open.lastUsed > SCROLL_IDLE_MS) {
    scrolls.delete(store)
    open = undefined
  }
  const param = query.get('scroll_param')
  if (param === null || param === '') {
    if (open) throw new ApiError(400, 'scroll_exists', 'Scroll already exists for this workspace: only one scroll can be open at a time')
    const ids = sortBy(visibleCompanies(store), (company) => [company.created_at, company.id], [false, false]).map((company) => company.id)
    open = { param: store.nextUuid(), rest: ids, lastUsed: now }
    scrolls.set(store, open)
  } else if (!open || open.param !== param) {
    throw new ApiError(404, 'scroll_not_found', 'scroll_param has expired or does not exist: start a new scroll')
  }
  const batch = open.rest.splice(0, SCROLL_BATCH)
  open.lastUsed = now
  if (batch.length === 0) scrolls.delete(store)
  const companies = batch.map((id) => store.data.companies.find((company) => company.id === id)).filter((company) => company !== undefined)
  // The last, empty batch carries no scroll_param (optional in the schema): the scroll is closed,
  // and clients that page while a scroll_param comes back (the official SDK's pager) stop there.
  return ok({
    type: 'list',
    data: companies.map((company) => renderCompany(store, company)),
    pages: null,
    total_count: null,
    ...(batch.length === 0 ? {} : { scroll_param: open.param }),
  })
}
