/**
 * The sandbox's journal records what handlers change without being told: after the scripted
 * support workflow (contacts, conversations, replies, assignment, snooze, close, tags, notes,
 * tickets, events...) on a sandbox with a data file, the workspace read back from disk (base plus
 * journal) equals the one in memory, and so does the one after a compaction.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runDemo } from '../../cli/demo'
import { clearAdminCache } from '../../tools/executor'
import { startSandbox } from '../../sandbox'
import { loadDataFile } from '../../sandbox/persist'

const folder = mkdtempSync(join(tmpdir(), 'intercom-sandbox-tracking-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('change tracking of the data file', () => {
  it('the workflow leaves on disk exactly the workspace in memory', async () => {
    const file = join(folder, 'demo.json')
    const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', data: file, seed: 3 })
    try {
      const before = sandbox.state.snapshot()
      const io = { stdout: () => {}, stderr: () => {}, env: {} }
      const steps = await runDemo({ accessToken: sandbox.token, baseUrl: sandbox.url }, io)
      expect(steps.length).toBeGreaterThan(10)
      const after = sandbox.state.snapshot()
      expect(after).not.toEqual(before)
      expect(loadDataFile(file)).toEqual(after)
    } finally {
      clearAdminCache()
      await sandbox.close()
    }
    // Restarted on the file, the sandbox holds the same workspace.
    const again = await startSandbox({ port: 0, host: '127.0.0.1', data: file })
    try {
      expect(again.state.snapshot()).toEqual(loadDataFile(file))
    } finally {
      await again.close()
    }
  })
})
