/** What hangs off a contact: tags, notes and companies. */
import { id, objectBody, required, requiredText, str } from '../body'
import { ApiError } from '../errors'
import { asHtml, renderCompany, renderNote, renderTag } from '../render'
import { ok, route, type Route, type SandboxRequest } from '../router'
import type { NoteRecord } from '../types'

/** Intercom's limit of companies per contact. */
const MAX_COMPANIES_PER_CONTACT = 1000

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
  route('GET', '/contacts/{contact_id}/notes', ({ params, store }) => {
    const contact = store.requireContact(params.contact_id ?? '')
    const notes = store.data.notes.filter((note) => note.contact_id === contact.id).sort((a, b) => b.created_at - a.created_at)
    return ok({
      type: 'list',
      data: notes.map((note) => renderNote(store, note)),
      total_count: notes.length,
      pages: { type: 'pages', page: 1, per_page: Math.max(notes.length, 1), total_pages: 1 },
    })
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
  route('GET', '/contacts/{contact_id}/companies', ({ params, store }) => {
    const contact = store.requireContact(params.contact_id ?? '')
    const companies = contact.company_ids.flatMap((companyId) => { const company = store.company(companyId); return company ? [company] : [] })
    return ok({
      type: 'list',
      companies: companies.map((company) => renderCompany(store, company)),
      total_count: companies.length,
      pages: { type: 'pages', next: null, page: 1, per_page: 50, total_pages: 1 },
    })
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
