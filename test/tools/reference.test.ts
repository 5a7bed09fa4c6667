import { describe, expect, it } from 'vitest'
import { toolHarness, HOSTILE_IDS, REFUSED_IDS } from '../helpers/tool-harness'

const BASE = 'https://api.intercom.io'
const t = toolHarness()

const state = { type: 'ticket_state', id: '8269', category: 'submitted', internal_label: 'Submitted', external_label: 'Submitted', archived: false }
const ticketType = {
  type: 'ticket_type',
  id: '67',
  name: 'Bug Report',
  category: 'Customer',
  ticket_type_attributes: { type: 'list', data: [{ type: 'ticket_type_attribute', id: '165', name: '_default_title_', data_type: 'string' }] },
  ticket_states: { type: 'list', data: [state] },
}

describe('intercom_list_ticket_types', () => {
  it('GETs /ticket_types and returns the types with their attributes and states', async () => {
    t.fake.reply({ status: 200, json: { type: 'list', data: [ticketType] } })
    const result = await t.run('intercom_list_ticket_types', {})
    expect(t.fake.requests[0]?.method).toBe('GET')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/ticket_types`)
    expect(result).toEqual({ success: true, output: { ticket_types: [ticketType], type: 'list' } })
    t.parseOutput('intercom_list_ticket_types', result.success && result.output)
  })

  it('takes no params and fails clearly without a data array', async () => {
    await t.expectRefused('intercom_list_ticket_types', { category: 'Customer' }, 'category', 'not a parameter')
    t.fake.reply({ status: 200, json: { type: 'list' } })
    expect(await t.run('intercom_list_ticket_types', {})).toMatchObject({ success: false, error: { code: 'invalid_response' } })
  })
})

describe('intercom_list_ticket_states', () => {
  it('GETs /ticket_states and returns the states', async () => {
    const withTypes = { ...state, ticket_types: { type: 'list', data: [{ type: 'ticket_type', id: '67', name: 'Bug Report' }] } }
    t.fake.reply({ status: 200, json: { type: 'list', data: [withTypes] } })
    const result = await t.run('intercom_list_ticket_states', {})
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/ticket_states`)
    expect(result).toEqual({ success: true, output: { ticket_states: [withTypes], type: 'list' } })
    t.parseOutput('intercom_list_ticket_states', result.success && result.output)
  })
})

describe('intercom_list_data_attributes', () => {
  const attribute = { type: 'data_attribute', id: 12, name: 'plan', full_name: 'custom_attributes.plan', label: 'Plan', data_type: 'string', custom: true, model: 'contact' }

  it('GETs /data_attributes with model and include_archived in the query, false sent as false', async () => {
    t.fake.reply({ status: 200, json: { type: 'list', data: [attribute] } })
    const result = await t.run('intercom_list_data_attributes', { model: 'contact', include_archived: false })
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/data_attributes?model=contact&include_archived=false`)
    expect(result).toEqual({ success: true, output: { data_attributes: [attribute], type: 'list' } })
    t.parseOutput('intercom_list_data_attributes', result.success && result.output)
  })

  it('sends no query without params', async () => {
    t.fake.reply({ status: 200, json: { type: 'list', data: [] } })
    await t.run('intercom_list_data_attributes', {})
    expect(t.fake.requests[0]?.url.search).toBe('')
  })

  it.each([
    [{ model: 'conversation' }, 'model'],
    [{ model: 'contacts' }, 'model'],
    [{ include_archived: 'yes' }, 'include_archived'],
  ])('refuses %j (Intercom 2.16 lists no conversation attributes here)', async (params, field) => {
    await t.expectRefused('intercom_list_data_attributes', params, field)
  })
})

describe('intercom_list_teams', () => {
  it('GETs /teams and returns the teams', async () => {
    const team = { type: 'team', id: '814865', name: 'Billing', admin_ids: [991267593] }
    t.fake.reply({ status: 200, json: { type: 'team.list', teams: [team] } })
    const result = await t.run('intercom_list_teams', {})
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/teams`)
    expect(result).toEqual({ success: true, output: { teams: [team], type: 'team.list' } })
  })
})

describe('intercom_get_admin', () => {
  const admin = { type: 'admin', id: '991267593', name: 'Ciaran', email: 'c@example.com', team_ids: [814865] }

  it('GETs /admins/{adminId}, a number sent as text', async () => {
    t.fake.reply({ status: 200, json: admin })
    const result = await t.run('intercom_get_admin', { adminId: 991267593 })
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/admins/991267593`)
    expect(result).toEqual({ success: true, output: { admin } })
  })

  it.each(HOSTILE_IDS)('encodes the hostile id %j as one segment', async (id, encoded) => {
    t.fake.reply({ status: 200, json: admin })
    await t.run('intercom_get_admin', { adminId: id })
    expect(t.fake.requests[0]?.url.pathname).toBe(`/admins/${encoded}`)
  })

  it.each(REFUSED_IDS)('refuses the id %j', async (id) => {
    await t.expectRefused('intercom_get_admin', { adminId: id }, 'adminId')
  })

  it('passes Intercom\'s 404 through', async () => {
    t.fake.reply({ status: 404, json: { type: 'error.list', errors: [{ code: 'admin_not_found', message: 'Admin not found' }] } })
    expect(await t.run('intercom_get_admin', { adminId: '1' })).toMatchObject({ success: false, error: { code: 'admin_not_found', status: 404 } })
  })
})

describe('intercom_get_current_admin', () => {
  it('GETs /me and returns the admin and its workspace', async () => {
    const app = { type: 'app', id_code: 'abc123', name: 'MyApp', region: 'US', timezone: 'Europe/Dublin' }
    const me = { type: 'admin', id: '991267459', name: 'Ciaran', email: 'c@example.com', app }
    t.fake.reply({ status: 200, json: me })
    const result = await t.run('intercom_get_current_admin', {})
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/me`)
    expect(result).toEqual({ success: true, output: { admin: me, app } })
    t.parseOutput('intercom_get_current_admin', result.success && result.output)
  })
})

describe('intercom_list_conversation_attributes', () => {
  const listed = {
    type: 'conversation_attribute',
    id: 2,
    name: 'issue_type',
    description: '',
    data_type: 'list',
    required: false,
    visible_to_team_ids: [],
    archived: false,
    created_at: 1777472538,
    updated_at: 1777537799,
    admin_id: '16',
    options: [{ id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890', label: 'Billing', archived: false }],
  }

  it('GETs /conversations/attributes, include_archived in the query (false sent as false), and returns the attributes', async () => {
    t.fake.reply({ status: 200, json: { type: 'list', data: [listed] } })
    const result = await t.run('intercom_list_conversation_attributes', { include_archived: false })
    expect(t.fake.requests[0]?.method).toBe('GET')
    expect(t.fake.requests[0]?.url.href).toBe(`${BASE}/conversations/attributes?include_archived=false`)
    expect(result).toMatchObject({ success: true, output: { conversation_attributes: [listed] } })
    t.parseOutput('intercom_list_conversation_attributes', result.success && result.output)
  })

  it('refuses a model (that is intercom_list_data_attributes) and a non-boolean include_archived, naming them', async () => {
    await t.expectRefused('intercom_list_conversation_attributes', { model: 'conversation' }, 'model', 'not a parameter')
    await t.expectRefused('intercom_list_conversation_attributes', { include_archived: 'yes' }, 'include_archived', '')
  })
})
