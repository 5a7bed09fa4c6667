/**
 * The sandbox's data file under `kill -9`: a real sandbox process takes a stream of concurrent
 * writes, is killed with SIGKILL in the middle of it (saves and compactions in flight), and is
 * started again on the same file. Every write it acknowledged must still be there.
 * `npm test` builds dist/ first.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { COMPACT_BYTES_ENV } from '../../sandbox/persist'

const bin = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
const folder = mkdtempSync(join(tmpdir(), 'intercom-sandbox-kill-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

function startChild(file: string): Promise<{ child: ChildProcess; url: string }> {
  // A small compaction threshold, so that compactions happen during the stream too.
  const child = spawn(process.execPath, [bin, 'sandbox', '--port', '0', '--data', file], {
    env: { ...process.env, [COMPACT_BYTES_ENV]: '20000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const url = /http:\/\/\S+/.exec(out)?.[0]
      if (url) resolve({ child, url })
    })
    child.stderr?.on('data', (chunk: Buffer) => void (err += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before listening: ${err}`)))
  })
}

async function post(url: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { Authorization: 'Bearer any', 'Content-Type': 'application/json', 'Intercom-Version': '2.16' },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) }
}

describe('the data file across kill -9', () => {
  it('exists: npm test builds dist/cli.js', () => {
    expect(existsSync(bin), `${bin} is missing: run npm run build`).toBe(true)
  })

  it.runIf(existsSync(bin))('keeps every acknowledged write when the process is killed mid-stream, three times over', async () => {
    const file = join(folder, 'workspace.json')
    const acknowledged = new Map<string, string>()
    let next = 0
    for (let round = 0; round < 3; round++) {
      const { child, url } = await startChild(file)
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      const ackedThisRound = () => [...acknowledged.keys()].filter((email) => email.startsWith(`r${round}-`)).length
      let killed = false
      const worker = async () => {
        while (!killed) {
          const email = `r${round}-${next++}@kill.example`
          try {
            const answer = await post(url, '/contacts', { email, name: `Contact ${email}`, custom_attributes: {} })
            if (answer.status === 200) acknowledged.set(email, answer.body.id as string)
          } catch {
            // The connection died with the process: this write was never acknowledged.
            return
          }
          if (!killed && ackedThisRound() >= 120) {
            killed = true
            child.kill('SIGKILL')
          }
        }
      }
      await Promise.all(Array.from({ length: 6 }, worker))
      await exited
      expect(child.signalCode).toBe('SIGKILL')
      expect(ackedThisRound()).toBeGreaterThanOrEqual(120)
    }

    const { child, url } = await startChild(file)
    try {
      // The start cleaned up after the crash.
      expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([])
      const missing: string[] = []
      for (const [email, id] of acknowledged) {
        const response = await fetch(`${url}/contacts/${id}`, { headers: { Authorization: 'Bearer any', 'Intercom-Version': '2.16' } })
        const body = (await response.json()) as { email?: string }
        if (response.status !== 200 || body.email !== email) missing.push(email)
      }
      expect(missing).toEqual([])
      expect(acknowledged.size).toBeGreaterThanOrEqual(360)
      // Compactions happened during the stream (the base is a few generations on).
      expect((JSON.parse(readFileSync(file, 'utf8')) as { generation: number }).generation).toBeGreaterThan(2)
    } finally {
      child.kill('SIGKILL')
    }
  }, 60_000)
})
