import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox, SandboxData } from './index'
import { started, type Call } from './test-support'

let sandbox: Sandbox
let call: Call
let seed: SandboxData
beforeAll(async () => {
  ;({ sandbox, call } = await started({ seed: 4 }))
  seed = sandbox.state.snapshot()
})
afterAll(() => sandbox.close())

const attached = (): string[] => {
  const ids = new Set(sandbox.state.snapshot().contacts.flatMap((contact) => contact.company_ids))
  return seed.companies.filter((company) => ids.has(company.id)).map((company) => company.id)
}

describe('POST /companies/list (page numbers)', () => {
  it('lists only companies with contacts, 15 per page by default', async () => {
    expect(seed.companies).toHaveLength(8)
    const answer = await call('POST', '/companies/list')
    expect(answer.status).toBe(200)
    expect(answer.body.total_count).toBe(7)
    expect(answer.body.pages).toEqual({ type: 'pages', next: null, page: 1, per_page: 15, total_pages: 1 })
    expect(answer.body.data.map((company: { id: string }) => company.id).sort()).toEqual(attached().sort())
    expect(answer.body.data.every((company: { user_count: number }) => company.user_count > 0)).toBe(true)
  })

  it('pages by number: every company once, then an empty page', async () => {
    const seen: string[] = []
    for (let page = 1; page <= 3; page++) {
      const answer = await call('POST', `/companies/list?per_page=3&page=${page}`)
      expect(answer.body.pages).toMatchObject({ page, per_page: 3, total_pages: 3 })
      expect(answer.body.data).toHaveLength(page < 3 ? 3 : 1)
      seen.push(...answer.body.data.map((company: { id: string }) => company.id))
    }
    expect(new Set(seen).size).toBe(7)
    const beyond = await call('POST', '/companies/list?per_page=3&page=4')
    expect(beyond.body.data).toEqual([])
    expect(beyond.body.total_count).toBe(7)
  })

  it('orders by last_request_at, desc by default, asc on request', async () => {
    const desc = (await call('POST', '/companies/list')).body.data.map((company: { last_request_at: number }) => company.last_request_at)
    expect(desc).toEqual([...desc].sort((a: number, b: number) => b - a))
    const asc = (await call('POST', '/companies/list?order=asc')).body.data.map((company: { last_request_at: number }) => company.last_request_at)
    expect(asc).toEqual([...desc].reverse())
  })

  it('refuses bad query values and a body', async () => {
    expect((await call('POST', '/companies/list?order=sideways')).body.errors[0]).toMatchObject({ code: 'parameter_invalid', field: 'order' })
    expect((await call('POST', '/companies/list?page=0')).status).toBe(400)
    expect((await call('POST', '/companies/list', { page: 2 })).status).toBe(400)
    expect((await call('POST', '/companies/list', {})).status).toBe(200)
  })
})

describe('POST /companies (upsert on company_id) and GET /companies/{id}', () => {
  let id: string

  it('creates a company and truncates monthly_spend', async () => {
    const answer = await call('POST', '/companies', {
      company_id: 'newco',
      name: 'NewCo',
      plan: 'Growth',
      size: 12,
      website: 'https://newco.example.com',
      industry: 'Retail',
      monthly_spend: 99.9,
      custom_attributes: { region: 'EMEA' },
      remote_created_at: 1_700_000_000,
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ type: 'company', company_id: 'newco', name: 'NewCo', size: 12, monthly_spend: 99, user_count: 0, custom_attributes: { region: 'EMEA' }, remote_created_at: 1_700_000_000 })
    expect(answer.body.plan).toMatchObject({ type: 'plan', name: 'Growth' })
    expect(answer.body.id).toMatch(/^[0-9a-f]{24}$/)
    id = answer.body.id
  })

  it('updates the same company when company_id is sent again', async () => {
    const answer = await call('POST', '/companies', { company_id: 'newco', name: 'NewCo Ltd', update_last_request_at: true })
    expect(answer.body).toMatchObject({ id, name: 'NewCo Ltd', size: 12, industry: 'Retail' })
    expect(answer.body.last_request_at).toBeGreaterThan(seed.app.created_at)
    expect((await call('GET', `/companies/${id}`)).body.name).toBe('NewCo Ltd')
  })

  it('keeps a company out of lists until a contact is attached', async () => {
    const listed = async (): Promise<string[]> => (await call('POST', '/companies/list?per_page=50')).body.data.map((company: { id: string }) => company.id)
    expect(await listed()).not.toContain(id)
    await call('POST', `/contacts/${seed.contacts[0]!.id}/companies`, { id })
    expect(await listed()).toContain(id)
  })

  it('refuses a missing company_id and wrong types; 404s an unknown id', async () => {
    expect((await call('POST', '/companies', { name: 'Nameless' })).body.errors[0]).toMatchObject({ code: 'parameter_not_found', field: 'company_id' })
    expect((await call('POST', '/companies', { company_id: 'x', size: 'big' })).body.errors[0]).toMatchObject({ code: 'parameter_invalid', field: 'size' })
    expect((await call('POST', '/companies', { company_id: 'x', custom_attributes: { a: { b: 1 } } })).status).toBe(400)
    const missing = await call('GET', '/companies/ffffffffffffffffffffffff')
    expect(missing.status).toBe(404)
    expect(missing.body.errors).toEqual([{ code: 'company_not_found', message: 'Company Not Found' }])
  })

  it('finds one company by company_id with GET /companies', async () => {
    const acme = seed.companies.find((company) => company.company_id === 'acme')!
    expect((await call('GET', '/companies?company_id=acme')).body).toMatchObject({ type: 'company', id: acme.id, name: 'Acme Corp' })
    expect((await call('GET', '/companies?company_id=nope')).body.errors[0].code).toBe('company_not_found')
  })
})
