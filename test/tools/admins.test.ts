import { describe, expect, it } from 'vitest'
import { getTool } from '../../index'
import { toolHarness } from '../helpers/tool-harness'

const admins = [
  {
    type: 'admin',
    email: 'admin7@email.com',
    id: '991267466',
    name: 'Ciaran7 Lee',
    away_mode_enabled: false,
    away_mode_reassign: false,
    has_inbox_seat: true,
    team_ids: [],
  },
  { type: 'admin', id: '991267467', name: 'Fin', email: 'fin@example.com', team_ids: [814865], avatar: 'https://picsum.photos/200/300', new_field: 'kept' },
]

const t = toolHarness()

describe('intercom_list_admins', () => {
  it('GETs /admins with no query and returns the admins and the list type as sent', async () => {
    t.fake.reply({ status: 200, json: { type: 'admin.list', admins } })
    const result = await t.run('intercom_list_admins', {})
    expect(t.fake.requests).toHaveLength(1)
    expect(t.fake.requests[0]?.method).toBe('GET')
    expect(t.fake.requests[0]?.url.href).toBe('https://api.intercom.io/admins')
    expect(t.fake.requests[0]?.body).toBeUndefined()
    expect(result).toEqual({ success: true, output: { admins, type: 'admin.list' } })
    expect(t.parseOutput('intercom_list_admins', result.success && result.output)).toMatchObject({ admins: [{}, { new_field: 'kept' }] })
  })

  it('does not invent a type Intercom did not send', async () => {
    t.fake.reply({ status: 200, json: { admins: [] } })
    const result = await t.run('intercom_list_admins', {})
    expect(result).toEqual({ success: true, output: { admins: [], type: undefined } })
  })

  it('fails clearly when the answer has no admins array', async () => {
    t.fake.reply({ status: 200, json: { type: 'admin.list' } })
    const result = await t.run('intercom_list_admins', {})
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_response' } })
  })

  it('refuses unknown params and sends nothing', async () => {
    const result = await t.run('intercom_list_admins', { per_page: 10 })
    expect(result).toMatchObject({ success: false, error: { code: 'validation_error', field: 'per_page' } })
    expect(t.fake.requests).toHaveLength(0)
  })

  it('is a read', () => {
    expect(getTool('intercom_list_admins')?.annotations).toEqual({ readOnly: true, destructive: false, idempotent: true })
  })
})
