import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { startSandbox } from './index'
import { COMPACT_BYTES_ENV, journalPath, loadDataFile } from './persist'
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
    // Every acknowledged change is already on disk (base plus journal), before close.
    expect(loadDataFile(file)?.contacts.some((contact) => contact.id === created.body.id)).toBe(true)
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

  it('saves a change by appending it to the journal: the base is left alone and each save is about the size of the change', async () => {
    const file = join(folder, 'journal.json')
    const { sandbox, call } = await started({ data: file })
    try {
      const base = statSync(file)
      const sizes: number[] = []
      for (let n = 0; n < 5; n++) {
        const before = statSync(journalPath(file)).size
        expect((await call('POST', '/tags', { name: `journal-${n}` })).status).toBe(200)
        sizes.push(statSync(journalPath(file)).size - before)
        expect(loadDataFile(file)?.tags.map((tag) => tag.name)).toContain(`journal-${n}`)
      }
      // A tag is a few dozen bytes; the workspace is far larger.
      expect(base.size).toBeGreaterThan(50_000)
      for (const size of sizes) expect(size).toBeLessThan(1_000)
      expect(statSync(file).ino).toBe(base.ino)
      expect(statSync(file).mtimeMs).toBe(base.mtimeMs)
      // A read changes nothing.
      const before = statSync(journalPath(file)).size
      expect((await call('GET', '/tags')).status).toBe(200)
      expect(statSync(journalPath(file)).size).toBe(before)
      // An update writes the one record it changed, not the list.
      const contact = sandbox.state.snapshot().contacts[3]!
      const updateBefore = statSync(journalPath(file)).size
      expect((await call('PUT', `/contacts/${contact.id}`, { name: 'Renamed' })).status).toBe(200)
      expect(statSync(journalPath(file)).size - updateBefore).toBeLessThan(JSON.stringify(contact).length + 500)
      const deleted = sandbox.state.snapshot().contacts[5]!
      expect((await call('DELETE', `/contacts/${deleted.id}`)).status).toBe(200)
      const reloaded = loadDataFile(file)
      expect(reloaded).toEqual(sandbox.state.snapshot())
    } finally {
      await sandbox.close()
    }
  })

  describe('compaction', () => {
    afterEach(() => {
      delete process.env[COMPACT_BYTES_ENV]
    })

    it('folds the journal into a new base once it outgrows the threshold, atomically, leaving no temp file', async () => {
      process.env[COMPACT_BYTES_ENV] = '2000'
      const file = join(folder, 'compact.json')
      const { sandbox, call } = await started({ data: file })
      try {
        const inode = statSync(file).ino
        for (let n = 0; n < 40; n++) expect((await call('POST', '/tags', { name: `compact-${n}` })).status).toBe(200)
        expect(statSync(file).ino).not.toBe(inode)
        expect(statSync(journalPath(file)).size).toBeLessThanOrEqual(2000)
        const base = JSON.parse(readFileSync(file, 'utf8'))
        expect(base.generation).toBeGreaterThan(0)
        expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([])
        expect(loadDataFile(file)).toEqual(sandbox.state.snapshot())
      } finally {
        await sandbox.close()
      }
    })
  })

  it('removes the temp files a crash left behind at start, and only those', async () => {
    const sub = mkdtempSync(join(folder, 'leftovers-'))
    const file = join(sub, 'w.json')
    const first = await started({ data: file })
    await first.sandbox.close()
    const leftovers = ['.w.json.123.4.tmp', '.w.json.journal.77.1.tmp']
    for (const name of leftovers) writeFileSync(join(sub, name), '{"half":')
    writeFileSync(join(sub, 'notes.tmp'), 'mine')
    const second = await started({ data: file })
    try {
      expect(readdirSync(sub).sort()).toEqual(['notes.tmp', 'w.json', 'w.json.journal', 'w.json.lock'])
    } finally {
      await second.sandbox.close()
    }
  })

  it('drops a journal line cut short by a crash (never acknowledged) and keeps every complete one', async () => {
    const file = join(folder, 'torn.json')
    const first = await started({ data: file })
    const kept = await first.call('POST', '/tags', { name: 'kept' })
    await first.sandbox.close()
    appendFileSync(journalPath(file), '[["put","tags",{"id":"999","na')
    const second = await started({ data: file })
    try {
      const names = second.sandbox.state.snapshot().tags.map((tag) => tag.name)
      expect(names).toContain('kept')
      expect(second.sandbox.state.snapshot().tags.some((tag) => tag.id === '999')).toBe(false)
      // The torn tail is cut off, so the next save starts a clean line.
      expect((await second.call('POST', '/tags', { name: 'after' })).status).toBe(200)
      expect(loadDataFile(file)?.tags.map((tag) => tag.name)).toEqual(expect.arrayContaining(['kept', 'after']))
      expect(kept.status).toBe(200)
    } finally {
      await second.sandbox.close()
    }
  })

  it('refuses a journal damaged before its last line', async () => {
    const file = join(folder, 'damaged.json')
    const first = await started({ data: file })
    await first.call('POST', '/tags', { name: 'one' })
    await first.call('POST', '/tags', { name: 'two' })
    await first.sandbox.close()
    const lines = readFileSync(journalPath(file), 'utf8').split('\n')
    lines[1] = '{garbage'
    writeFileSync(journalPath(file), lines.join('\n'))
    await expect(startSandbox({ data: file })).rejects.toThrow(/damaged at line 2/)
  })

  it('ignores a journal older than its base (a crash between writing the base and replacing the journal)', async () => {
    const file = join(folder, 'stale.json')
    const first = await started({ data: file })
    await first.call('POST', '/tags', { name: 'in-both' })
    await first.sandbox.close()
    const journal = readFileSync(journalPath(file), 'utf8')
    const data = loadDataFile(file)!
    // The base already holds the change, one generation on; the journal still holds it too.
    writeFileSync(file, JSON.stringify({ format: 'intercom-blocks-sandbox', version: 1, generation: 1, data }))
    writeFileSync(journalPath(file), journal)
    // An append is not idempotent: replayed over the newer base it would duplicate the event.
    const event = { event_name: 'stale', created_at: 1_700_000_000, contact_id: data.contacts[0]!.id, metadata: {} }
    appendFileSync(journalPath(file), `${JSON.stringify([['append', 'events', [event]]])}\n`)
    writeFileSync(file, JSON.stringify({ format: 'intercom-blocks-sandbox', version: 1, generation: 1, data: { ...data, events: [...data.events, event] } }))
    const second = await started({ data: file })
    try {
      expect(second.sandbox.state.snapshot().tags.filter((tag) => tag.name === 'in-both')).toHaveLength(1)
      expect(second.sandbox.state.snapshot().events.filter((entry) => entry.event_name === 'stale')).toHaveLength(1)
    } finally {
      await second.sandbox.close()
    }
  })

  it('keeps a second sandbox off a data file in use, and takes over a lock left by a process that is gone', async () => {
    const file = join(folder, 'locked.json')
    const first = await started({ data: file })
    try {
      await expect(startSandbox({ data: file })).rejects.toThrow(/in use by process/)
    } finally {
      await first.sandbox.close()
    }
    expect(existsSync(`${file}.lock`)).toBe(false)
    // A pid no process has (the kernel's pid limit is far below this).
    writeFileSync(`${file}.lock`, '2147483646')
    const second = await started({ data: file })
    await second.sandbox.close()
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
