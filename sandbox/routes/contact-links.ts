/** What hangs off a contact: tags, notes (and GET /notes/{id}) and companies. */
import { id, objectBody, queryInt, required, requiredText, str } from '../body'
import { ApiError, notFound } from '../errors'
import { numberedPage, sortBy } from '../paging'
import { asHtml, renderCompany, renderNote, renderTag } from '../render'
import { ok, route, type Route, type SandboxRequest } from '../router'
import type { NoteRecord } from '../types'

/** Intercom's limit of companies per contact. */
const MAX_COMPANIES_PER_CONTACT = 1000

/** Notes and companies of a contact per page: Intercom's default (its examples); the sandbox's maximum. */
export const CONTACT_LINKS_PER_PAGE = { default: 50, max: 150 } as const

function pageParams(query: URLSearchParams): { page: number; perPage: number } {
  return {
    page: queryInt(query, 'page', 1, Number.MAX_SAFE_INTEGER) ?? 1,
    perPage: queryInt(query, 'per_page', 1, CONTACT_LINKS_PER_PAGE.max) ?? CONTACT_LINKS_PER_PAGE.default,
  }
}

export const contactLinkRoutes: Route[] = [
  route('GET', '/contacts/{contact_id}/tags', ({ params, store }) => {
    const contact = store.requireContact(params.contact_id ?? '')
    return ok({ type: 'list', data: contact.tag_ids.flatMap((tagId) => { const tag = store.tag(tagId); return tag ? [renderTag(tag)] : [] }) })
  }),
  route('POST', '/contacts/{contact_id}/tags', ({ params, body: raw, store }: SandboxRequest) => {
    const contact = store.requireContact(params.contact_id ?? '')
    const body = objectBody(raw, ['id'])
    const tag = store.requireTag(required(id(body, 'id'), 'id'))
    if (!contact.tag_ids.includes(tag.id)) {
      contact.tag_ids.push(tag.id)
      store.touch()
    }
    return ok(renderTag(tag))
  }),
  route('DELETE', '/contacts/{contact_id}/tags/{tag_id}', ({ params, store }) => {
    const contact = store.requireContact(params.contact_id ?? '')
    const tag = store.requireTag(params.tag_id ?? '')
    if (contact.tag_ids.includes(tag.id)) {
      contact.tag_ids = contact.tag_ids.filter((tagId) => tagId !== tag.id)
      store.touch()
    }
    return ok(renderTag(tag))
  }),
  route('GET', '/contacts/{contact_id}/notes', ({ params, query, store }) => {
    const contact = store.requireContact(params.contact_id ?? '')
    const { page, perPage } = pageParams(query)
    const notes = sortBy(store.data.notes.filter((note) => note.contact_id === contact.id), (note) => [note.created_at, Number(note.id)], [true, true])
    const slice = numberedPage(notes, page, perPage)
    return ok({ type: 'list', data: slice.items.map((note) => renderNote(store, note)), total_count: notes.length, pages: slice.pages })
  }),
  route('GET', '/notes/{note_id}', ({ params, store }) => {
    const note = store.data.notes.find((candidate) => candidate.id === params.note_id)
    if (!note) throw notFound('not_found', 'Resource Not Found')
    return ok(renderNote(store, note))
  }),
  route('POST', '/contacts/{contact_id}/notes', ({ params, body: raw, store }: SandboxRequest) => {
    const contact = store.requireContact(params.contact_id ?? '')
    const body = objectBody(raw, ['body', 'admin_id'])
    const text = requiredText(str(body, 'body'), 'body')
    const adminId = id(body, 'admin_id')
    const author = adminId === undefined ? store.me() : store.requireAdmin(adminId)
    const note: NoteRecord = {
      id: store.nextId('note'),
      contact_id: contact.id,
      author_id: author.id,
      body: asHtml(text),
      created_at: store.now(),
    }
    store.data.notes.push(note)
    store.touch()
    return ok(renderNote(store, note))
  }),
  // The companies come under `companies`, as the 2.16 schema (contact_attached_companies) and the
  // SDK read them; Intercom's example shows `data` (see sandbox/DIFFERENCES.md).
  route('GET', '/contacts/{contact_id}/companies', ({ params, query, store }) => {
    const contact = store.requireContact(params.contact_id ?? '')
    const { page, perPage } = pageParams(query)
    const companies = contact.company_ids.flatMap((companyId) => { const company = store.company(companyId); return company ? [company] : [] })
    const slice = numberedPage(companies, page, perPage)
    return ok({ type: 'list', companies: slice.items.map((company) => renderCompany(store, company)), total_count: companies.length, pages: slice.pages })
  }),
  route('POST', '/contacts/{contact_id}/companies', ({ params, body: raw, store }: SandboxRequest) => {
    const contact = store.requireContact(params.contact_id ?? '')
    const body = objectBody(raw, ['id'])
    const companyId = id(body, 'id')
    if (companyId === undefined) throw new ApiError(400, 'parameter_not_found', 'company not specified', 'id')
    const company = store.requireCompany(companyId)
    if (!contact.company_ids.includes(company.id)) {
      if (contact.company_ids.length >= MAX_COMPANIES_PER_CONTACT) {
        throw new ApiError(400, 'contact_company_limit_exceeded', `Contact has reached the maximum of ${MAX_COMPANIES_PER_CONTACT} company associations`)
      }
      contact.company_ids.push(company.id)
      store.touch()
    }
    return ok(renderCompany(store, company))
  }),
  route('DELETE', '/contacts/{contact_id}/companies/{company_id}', ({ params, store }) => {
    const contact = store.requireContact(params.contact_id ?? '')
    const company = store.requireCompany(params.company_id ?? '')
    if (contact.company_ids.includes(company.id)) {
      contact.company_ids = contact.company_ids.filter((companyId) => companyId !== company.id)
      store.touch()
    }
    return ok(renderCompany(store, company))
  }),
]
