import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startSandbox } from './index'
import { caller, started } from './test-support'

const folder = mkdtempSync(join(tmpdir(), 'intercom-sandbox-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('the data file', () => {
  it('is seeded and written at the first start, and survives a restart with every change', async () => {
    const file = join(folder, 'workspace.json')
    const first = await started({ data: file, seed: 21 })
    expect(existsSync(file)).toBe(true)
    const saved = JSON.parse(readFileSync(file, 'utf8'))
    expect(saved).toMatchObject({ format: 'intercom-blocks-sandbox', version: 1, data: { seed: 21 } })
    expect(saved.data.contacts).toHaveLength(60)

    const created = await first.call('POST', '/contacts', { email: 'kept@example.com', name: 'Kept' })
    const conversation = first.sandbox.state.snapshot().conversations[0]!
    await first.call('POST', `/conversations/${conversation.id}/parts`, { message_type: 'close', type: 'admin', admin_id: first.sandbox.state.adminId })
    const ticket = await first.call('POST', '/tickets', { ticket_type_id: first.sandbox.state.snapshot().ticket_types[0]!.id, contacts: [{ id: created.body.id }] })
    // Every acknowledged change is already on disk, before close.
    expect(JSON.parse(readFileSync(file, 'utf8')).data.contacts.some((contact: { id: string }) => contact.id === created.body.id)).toBe(true)
    await first.sandbox.close()

    // A different seed does not matter: the file wins.
    const second = await started({ data: file, seed: 99 })
    try {
      expect((await second.call('GET', `/contacts/${created.body.id}`)).body).toMatchObject({ email: 'kept@example.com', name: 'Kept' })
      expect((await second.call('GET', `/conversations/${conversation.id}`)).body.state).toBe('closed')
      expect((await second.call('GET', `/tickets/${ticket.body.id}`)).status).toBe(200)
      const another = await second.call('POST', '/tickets', { ticket_type_id: second.sandbox.state.snapshot().ticket_types[0]!.id, contacts: [{ id: created.body.id }] })
      expect(Number(another.body.id)).toBe(Number(ticket.body.id) + 1)
      expect(second.sandbox.state.snapshot().seed).toBe(21)
    } finally {
      await second.sandbox.close()
    }
  })

  it('is replaced atomically: renamed over (new inode) at each change, never a leftover temp file', async () => {
    const file = join(folder, 'atomic.json')
    const { sandbox, call } = await started({ data: file })
    try {
      for (let n = 0; n < 5; n++) {
        // The temp file is created while the old one still exists, so a rename gives the path
        // another inode; writing in place would keep it.
        const before = statSync(file).ino
        const answer = await call('POST', '/tags', { name: `atomic-${n}` })
        expect(answer.status).toBe(200)
        const parsed = JSON.parse(readFileSync(file, 'utf8'))
        expect(parsed.data.tags.map((tag: { name: string }) => tag.name)).toContain(`atomic-${n}`)
        expect(statSync(file).ino).not.toBe(before)
      }
      const before = statSync(file).ino
      expect((await call('GET', '/tags')).status).toBe(200)
      expect(statSync(file).ino).toBe(before)
      expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([])
    } finally {
      await sandbox.close()
    }
  })

  it('refuses to start from a corrupt file and leaves it alone', async () => {
    const file = join(folder, 'corrupt.json')
    writeFileSync(file, '{"format": "intercom-blocks-sandbox", "version": 1, "data": ')
    await expect(startSandbox({ data: file })).rejects.toThrow(/not valid JSON/)
    expect(readFileSync(file, 'utf8')).toBe('{"format": "intercom-blocks-sandbox", "version": 1, "data": ')
    writeFileSync(file, '{"hello": "world"}')
    await expect(startSandbox({ data: file })).rejects.toThrow(/not a sandbox data file/)
  })
})

describe('the seed', () => {
  it('gives the same data and ids for the same seed, and other ids for another seed', async () => {
    const a = await startSandbox({ host: '127.0.0.1', seed: 42 })
    const b = await startSandbox({ host: '127.0.0.1', seed: 42 })
    const c = await startSandbox({ host: '127.0.0.1', seed: 43 })
    try {
      expect(a.state.snapshot()).toEqual(b.state.snapshot())
      const pageA = await caller(a)('GET', '/contacts?per_page=5')
      const pageB = await caller(b)('GET', '/contacts?per_page=5')
      expect(pageA.body).toEqual(pageB.body)
      const conversationsA = await caller(a)('GET', '/conversations')
      expect(conversationsA.body).toEqual((await caller(b)('GET', '/conversations')).body)
      const other = c.state.snapshot()
      expect(other.contacts.map((contact) => contact.id)).not.toEqual(a.state.snapshot().contacts.map((contact) => contact.id))
      expect(other.admins[0]!.id).not.toBe(a.state.adminId)
      expect(other.contacts).toHaveLength(60)
      expect(other.conversations).toHaveLength(45)
    } finally {
      await Promise.all([a.close(), b.close(), c.close()])
    }
  })

  it('shapes ids like Intercom and dates everything in unix seconds', async () => {
    const sandbox = await startSandbox({ host: '127.0.0.1' })
    try {
      const data = sandbox.state.snapshot()
      expect([...data.contacts, ...data.companies].every((record) => /^[0-9a-f]{24}$/.test(record.id))).toBe(true)
      const numeric = [...data.conversations, ...data.tickets, ...data.tags, ...data.admins, ...data.teams, ...data.ticket_types]
      expect(numeric.every((record) => /^\d+$/.test(record.id))).toBe(true)
      const stamps = [...data.contacts.map((contact) => contact.created_at), ...data.conversations.map((conversation) => conversation.updated_at)]
      expect(stamps.every((stamp) => Number.isInteger(stamp) && stamp > 1_600_000_000 && stamp < 2_000_000_000)).toBe(true)
      expect(data.tickets.length).toBeGreaterThan(0)
      expect(data.companies.filter((company) => data.contacts.some((contact) => contact.company_ids.includes(company.id)))).toHaveLength(7)
    } finally {
      await sandbox.close()
    }
  })
})
