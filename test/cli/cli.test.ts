import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../cli/main'
import type { CliIo } from '../../cli/io'
import { listTools } from '../../index'

// The embedded sandbox's kept state goes to a temp folder, never the user's cache.
const stateFolder = mkdtempSync(join(tmpdir(), 'intercom-cli-state-'))
afterAll(() => rmSync(stateFolder, { recursive: true, force: true }))
const STATE_ENV = { INTERCOM_BLOCKS_SANDBOX_STATE: join(stateFolder, 'sandbox.json') }

function capture(extra: Record<string, string | undefined> = {}) {
  const env = { ...STATE_ENV, ...extra }
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = { stdout: (text) => void out.push(text), stderr: (text) => void err.push(text), env }
  return { io, stdout: () => out.join(''), stderr: () => err.join('') }
}

describe('intercom-blocks run', () => {
  it('without a token starts the embedded sandbox, says so on stderr, and prints the output as JSON on stdout', async () => {
    const cli = capture()
    const code = await main(['run', 'intercom_list_admins'], cli.io)
    expect(cli.stderr()).toContain('embedded Intercom sandbox')
    expect(code).toBe(0)
    const output = JSON.parse(cli.stdout()) as { admins: Array<{ id: string; type: string }>; type: string }
    expect(output.type).toBe('admin.list')
    expect(output.admins.length).toBeGreaterThan(0)
    expect(output.admins[0]?.type).toBe('admin')
  })

  it('reads --<param> flags with the block coercion rules and --params JSON', async () => {
    const cli = capture()
    const code = await main(['run', 'intercom_list_contacts', '--per_page', '2'], cli.io)
    expect(code).toBe(0)
    const output = JSON.parse(cli.stdout()) as { contacts: unknown[]; pages: { per_page: number; next?: { starting_after: string } } }
    expect(output.contacts).toHaveLength(2)
    expect(output.pages.per_page).toBe(2)

    const search = capture()
    const query = JSON.stringify({ field: 'role', operator: '=', value: 'lead' })
    expect(await main(['run', 'intercom_search_contacts', '--params', JSON.stringify({ query, per_page: 3 })], search.io)).toBe(0)
    const found = JSON.parse(search.stdout()) as { contacts: Array<{ role: string }> }
    expect(found.contacts.length).toBeGreaterThan(0)
    expect(found.contacts.every((contact) => contact.role === 'lead')).toBe(true)
  })

  it.each([
    [['run', 'intercom_list_contacts', '--per_page', 'ten'], 'per_page'],
    [['run', 'intercom_list_contacts', '--per-page', '10'], 'per-page'],
    [['run', 'intercom_list_contacts', '--params', '{"per_page":'], '--params is not valid JSON'],
    [['run', 'intercom_list_contacts', '--params', '[1]'], '--params must be a JSON object'],
    [['run', 'intercom_list_contacts', '--per_page', '5', '--params', '{"per_page":5}'], 'given both'],
    [['run', 'intercom_nope'], 'there is no tool "intercom_nope"'],
    [['run'], 'run needs a tool id'],
    [['run', 'intercom_list_contacts', 'extra'], 'unexpected argument'],
    [['run', 'intercom_list_contacts', '--region', 'mars'], '--region'],
    [['run', 'intercom_list_admins', '--token', ''], '--token is empty'],
    [['run', 'intercom_list_admins', '--base-url', 'http://127.0.0.1:9'], '--base-url needs a token'],
    [['run', 'intercom_list_admins', '--region', 'eu'], '--region needs a token'],
    [['describe'], 'exactly one tool id'],
    [['frobnicate'], 'unknown command'],
    [['sandbox', '--port', 'abc'], '--port'],
  ])('%j exits 2 naming the problem', async (argv, text) => {
    const cli = capture()
    expect(await main(argv, cli.io)).toBe(2)
    expect(cli.stderr()).toContain(text)
    expect(cli.stdout()).toBe('')
  })

  it('bad params that the tool refuses exit 1 with the validation error on stderr, nothing on stdout', async () => {
    const cli = capture()
    expect(await main(['run', 'intercom_get_contact', '--contactId', '..'], cli.io)).toBe(1)
    expect(cli.stderr()).toContain('validation_error')
    expect(cli.stderr()).toContain('contactId')
    expect(cli.stdout()).toBe('')
  })

  it('an Intercom error exits 1 with its code', async () => {
    const cli = capture()
    expect(await main(['run', 'intercom_get_contact', '--contactId', 'no-such-contact'], cli.io)).toBe(1)
    expect(cli.stderr()).toContain('[not_found]')
  })

  it('uses the token and region from the environment, and never prints the token', async () => {
    const token = 'env-token-SECRET-123456'
    const cli = capture({ INTERCOM_ACCESS_TOKEN: token, INTERCOM_REGION: 'eu' })
    // A base URL nothing listens on: the call fails fast, without reaching any real host.
    const code = await main(['run', 'intercom_list_admins', '--base-url', 'http://127.0.0.1:9'], cli.io)
    expect(code).toBe(1)
    expect(cli.stderr()).toContain('network_error')
    expect(cli.stderr()).not.toContain('embedded')
    expect(cli.stderr() + cli.stdout()).not.toContain(token)
  })
})

describe('intercom-blocks tools and describe', () => {
  it('lists every tool with its read-only flag', async () => {
    const cli = capture()
    expect(await main(['tools'], cli.io)).toBe(0)
    const lines = cli.stdout().trim().split('\n')
    expect(lines).toHaveLength(listTools().length)
    expect(lines.find((line) => line.startsWith('intercom_get_contact '))).toContain('read-only')
    expect(lines.find((line) => line.startsWith('intercom_delete_contact '))).toContain('destructive')
    expect(lines.find((line) => line.startsWith('intercom_create_contact '))).toContain('writes')

    const json = capture()
    expect(await main(['tools', '--json'], json.io)).toBe(0)
    expect((JSON.parse(json.stdout()) as unknown[]).length).toBe(listTools().length)
  })

  it("describes a tool's params and outputs", async () => {
    const cli = capture()
    expect(await main(['describe', 'intercom_search_contacts'], cli.io)).toBe(0)
    const text = cli.stdout()
    for (const name of ['--query', '--per_page', '--starting_after', '--sort_field', '--sort_order', 'contacts', 'pages', 'total_count']) {
      expect(text).toContain(name)
    }
    const json = capture()
    expect(await main(['describe', 'intercom_search_contacts', '--json'], json.io)).toBe(0)
    const parsed = JSON.parse(json.stdout()) as { parameters: { required: string[] } }
    expect(parsed.parameters.required).toEqual(['query'])
  })
})

describe('intercom-blocks demo and sandbox', () => {
  it('demo runs the support workflow end to end and exits 0', async () => {
    const cli = capture()
    const code = await main(['demo'], cli.io)
    expect(cli.stderr()).not.toContain('Demo failed')
    expect(code).toBe(0)
    const steps = cli.stdout().trim().split('\n')
    expect(steps.length).toBeGreaterThanOrEqual(14)
    expect(cli.stdout()).toMatch(/Close\s+state=closed/)
    expect(cli.stdout()).toMatch(/Snooze for an hour\s+state=snoozed/)
    expect(cli.stdout()).toMatch(/Search closed conversations\s+found 1/)
  })

  it('sandbox serves until stopped and prints its URL on stdout', async () => {
    const controller = new AbortController()
    const cli = capture()
    const running = main(['sandbox', '--port', '0', '--seed', '7'], cli.io, controller.signal)
    let url = ''
    for (let tries = 0; tries < 100 && url === ''; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      url = cli.stdout().trim()
    }
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const me = await fetch(`${url}/me`, { headers: { Authorization: 'Bearer any' } })
    expect(me.status).toBe(200)
    controller.abort()
    expect(await running).toBe(0)
    await expect(fetch(`${url}/me`)).rejects.toThrow()
  })
})

const bin = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))

describe('the built intercom-blocks binary', () => {
  it('exists: npm test and npm install build it', () => {
    expect(existsSync(bin), `${bin} is missing: run npm run build`).toBe(true)
  })

  it.runIf(existsSync(bin))('runs a tool on the sandbox as a separate process with no token in its environment', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...STATE_ENV }
    delete env.INTERCOM_ACCESS_TOKEN
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, 'run', 'intercom_list_tags'], { env, timeout: 20_000 })
    expect(stderr).toContain('embedded Intercom sandbox')
    const output = JSON.parse(stdout) as { tags: Array<{ type: string }>; type: string }
    expect(output.type).toBe('list')
    expect(output.tags.length).toBeGreaterThan(0)
  })
})
