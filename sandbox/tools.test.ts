import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clearAdminCache, executeTool } from '../tools/executor'
import { listTools } from '../tools/registry'
import type { ToolContext } from '../types'
import { servesRoute, type Sandbox } from './index'
import { started } from './test-support'

let sandbox: Sandbox
let context: ToolContext
beforeAll(async () => {
  ;({ sandbox } = await started({ seed: 6 }))
  context = { accessToken: sandbox.token, baseUrl: sandbox.url, maxRetries: 0 }
})
afterAll(async () => {
  clearAdminCache()
  await sandbox.close()
})

describe('the tools of this package against the sandbox', () => {
  it('serves the route of every registered tool', () => {
    const tools = listTools()
    expect(tools.length).toBeGreaterThan(0)
    expect(tools.filter((tool) => !servesRoute(tool.route)).map((tool) => `${tool.id}: ${tool.route}`)).toEqual([])
    expect(servesRoute('GET /nowhere/{id}')).toBe(false)
  })

  it('creates, reads, updates, lists, searches and deletes a contact through the tools', async () => {
    const company = sandbox.state.snapshot().companies[0]!
    const created = await executeTool('intercom_create_contact', { email: 'tool@example.com', name: 'Tool User', custom_attributes: '{"plan":"pro"}', company_id: company.id }, context)
    expect(created.success, JSON.stringify(created)).toBe(true)
    if (!created.success) return
    const contactId = created.output.contactId as string
    expect((created.output.contact as { companies: { data: Array<{ id: string }> } }).companies.data.map((entry) => entry.id)).toEqual([company.id])

    const read = await executeTool('intercom_get_contact', { contactId }, context)
    expect(read.success && (read.output.contact as { name: string }).name).toBe('Tool User')
    const updated = await executeTool('intercom_update_contact', { contactId, name: 'Renamed Tool' }, context)
    expect(updated.success && (updated.output.contact as { name: string }).name).toBe('Renamed Tool')

    const listed = await executeTool('intercom_list_contacts', { per_page: 5 }, context)
    expect(listed.success && (listed.output.contacts as unknown[]).length).toBe(5)
    const found = await executeTool('intercom_search_contacts', { query: { field: 'email', operator: '=', value: 'tool@example.com' } }, context)
    expect(found.success && (found.output.contacts as Array<{ id: string }>).map((contact) => contact.id)).toEqual([contactId])

    const conflict = await executeTool('intercom_create_contact', { email: 'tool@example.com' }, context)
    expect(conflict.success).toBe(false)
    if (!conflict.success) expect(conflict.error.message).toContain(contactId)

    const deleted = await executeTool('intercom_delete_contact', { contactId }, context)
    expect(deleted.success && deleted.output).toEqual({ id: contactId, deleted: true })
    const gone = await executeTool('intercom_get_contact', { contactId }, context)
    expect(gone.success).toBe(false)
  })
})
