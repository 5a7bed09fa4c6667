import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { closestName } from '../../cli/flags'
import type { CliIo } from '../../cli/io'
import { main } from '../../cli/main'
import { sandboxStatePath } from '../../cli/state'
import { listTools } from '../../index'

const folder = mkdtempSync(join(tmpdir(), 'intercom-cli-edges-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
let states = 0

function capture(extra: Record<string, string | undefined> = {}) {
  states++
  const env = { INTERCOM_BLOCKS_SANDBOX_STATE: join(folder, `state-${states}.json`), ...extra }
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = { stdout: (text) => void out.push(text), stderr: (text) => void err.push(text), env }
  return { io, env, stdout: () => out.join(''), stderr: () => err.join('') }
}

/** A port something already listens on. */
async function busyPort(): Promise<{ server: Server; port: number }> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return { server, port: address.port }
}

describe('unknown flags', () => {
  it.each([
    [['run', 'intercom_get_contact', '--contactid', 'x'], 'unknown parameter --contactid for intercom_get_contact (did you mean --contactId?)'],
    [['run', 'intercom_get_contact', '--contactld', 'x'], 'unknown parameter --contactld for intercom_get_contact (did you mean --contactId?)'],
    [['run', 'intercom_list_contacts', '--per-page', '5'], 'unknown parameter --per-page for intercom_list_contacts (did you mean --per_page?)'],
    [['run', 'intercom_list_contacts', '--per_page=5', '--tokn', 'x'], 'unknown parameter --tokn for intercom_list_contacts (did you mean --token?)'],
    [['sandbox', '--prot', '4010'], 'unknown option --prot for sandbox (did you mean --port?)'],
    [['tools', '--jsno'], 'unknown option --jsno for tools (did you mean --json?)'],
  ])('%j: one line naming the flag and the nearest one, exit 2', async (argv, line) => {
    const cli = capture()
    expect(await main(argv, cli.io)).toBe(2)
    expect(cli.stderr().split('\n')[0]).toBe(`intercom-blocks: ${line}`)
    // Not Node's parser message, and not the whole usage.
    expect(cli.stderr()).not.toContain('Usage:')
    expect(cli.stderr()).not.toContain('Unknown option')
    expect(cli.stdout()).toBe('')
  })

  it('an unknown flag near nothing gets no suggestion, and points at the tool help', async () => {
    const cli = capture()
    expect(await main(['run', 'intercom_get_contact', '--bogus', 'x'], cli.io)).toBe(2)
    expect(cli.stderr()).toBe('intercom-blocks: unknown parameter --bogus for intercom_get_contact\nintercom-blocks run intercom_get_contact --help lists its params\n')
  })

  it('a value that starts with a dash is a value, not a flag', async () => {
    const cli = capture()
    expect(await main(['run', 'intercom_create_note', '--contactId=-x', '--body', 'hi', '--admin_idd', '1'], cli.io)).toBe(2)
    expect(cli.stderr()).toContain('unknown parameter --admin_idd')
  })

  it('closestName prefers another case, then a near spelling, and gives up on far names', () => {
    expect(closestName('CONTACTID', ['contactId', 'contact'])).toBe('contactId')
    expect(closestName('per-page', ['per_page', 'page'])).toBe('per_page')
    expect(closestName('emial', ['email', 'name'])).toBe('email')
    expect(closestName('zzzzzz', ['email', 'name'])).toBeUndefined()
  })
})

describe('run <tool> --help', () => {
  it.each([['--help'], ['-h']])("%s prints the tool's params and exits 0, starting nothing", async (flag) => {
    const cli = capture()
    expect(await main(['run', 'intercom_get_contact', flag], cli.io)).toBe(0)
    expect(cli.stdout()).toContain('intercom_get_contact')
    expect(cli.stdout()).toContain('--contactId')
    expect(cli.stdout()).toContain('required')
    expect(cli.stderr()).toBe('')
  })
})

describe('<command> --help', () => {
  it.each([['tools'], ['describe'], ['sandbox'], ['demo']])('%s --help prints the usage and exits 0', async (command) => {
    const cli = capture()
    expect(await main([command, '--help'], cli.io)).toBe(0)
    expect(cli.stdout()).toContain('Usage:')
    expect(cli.stderr()).toBe('')
  })
})

describe('refused input', () => {
  it('a missing required param says "contactId is required", exit 1, with no sandbox notice', async () => {
    const cli = capture()
    expect(await main(['run', 'intercom_get_contact'], cli.io)).toBe(1)
    expect(cli.stderr()).toContain('contactId is required')
    expect(cli.stderr()).not.toContain('expected string')
    expect(cli.stderr()).not.toContain('sandbox')
    expect(existsSync(cli.env.INTERCOM_BLOCKS_SANDBOX_STATE as string)).toBe(false)
  })

  it('a bad id is refused before the sandbox starts, too', async () => {
    const cli = capture()
    expect(await main(['run', 'intercom_get_contact', '--contactId', '..'], cli.io)).toBe(1)
    expect(cli.stderr()).toContain('validation_error')
    expect(cli.stderr()).not.toContain('embedded')
  })

  it('"__proto__" inside --params is refused by name, exit 2', async () => {
    const cli = capture()
    const params = '{"email":"a@b.c","custom_attributes":{"__proto__":{"x":1},"plan":"pro"}}'
    expect(await main(['run', 'intercom_create_contact', '--params', params], cli.io)).toBe(2)
    expect(cli.stderr()).toContain('"__proto__"')
    expect(cli.stderr()).toContain('custom_attributes')
  })

  it('"__proto__" inside a JSON flag is refused by name', async () => {
    const cli = capture()
    expect(await main(['run', 'intercom_create_contact', '--email', 'a@b.c', '--custom_attributes', '{"__proto__":{"x":1}}'], cli.io)).toBe(2)
    expect(cli.stderr()).toContain('"__proto__"')
  })
})

describe('the embedded sandbox keeps its state between runs', () => {
  it('a contact created by one run is found by the next; --reset starts afresh; the notice says where state is kept', async () => {
    const env = { INTERCOM_BLOCKS_SANDBOX_STATE: join(folder, 'kept.json') }
    const create = capture(env)
    expect(await main(['run', 'intercom_create_contact', '--email', 'kept@example.com'], create.io)).toBe(0)
    expect(create.stderr()).toContain(`kept between runs in ${env.INTERCOM_BLOCKS_SANDBOX_STATE}`)
    expect(create.stderr()).toContain('--reset')
    const { contactId } = JSON.parse(create.stdout()) as { contactId: string }

    const get = capture(env)
    expect(await main(['run', 'intercom_get_contact', '--contactId', contactId], get.io)).toBe(0)
    expect((JSON.parse(get.stdout()) as { contact: { email: string } }).contact.email).toBe('kept@example.com')

    const reset = capture(env)
    expect(await main(['run', 'intercom_get_contact', '--contactId', contactId, '--reset'], reset.io)).toBe(1)
    expect(reset.stderr()).toContain('[not_found]')
    expect(reset.stderr()).toContain('reset to the seed')
  })

  it('--reset with a token is refused: it applies to the sandbox only', async () => {
    const cli = capture({ INTERCOM_ACCESS_TOKEN: 'tok-123456' })
    expect(await main(['run', 'intercom_list_admins', '--reset'], cli.io)).toBe(2)
    expect(cli.stderr()).toContain('--reset applies to the embedded sandbox only')
  })

  it('the state path follows the override, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(sandboxStatePath({ INTERCOM_BLOCKS_SANDBOX_STATE: '/x/s.json', XDG_CACHE_HOME: '/c' })).toBe('/x/s.json')
    expect(sandboxStatePath({ XDG_CACHE_HOME: '/c' })).toBe(join('/c', 'intercom-blocks', 'sandbox.json'))
    expect(sandboxStatePath({ HOME: '/home/u' })).toBe(join('/home/u', '.cache', 'intercom-blocks', 'sandbox.json'))
  })
})

describe('a busy port', () => {
  // Every command that listens: one line, exit 1, nothing on stdout and no notice before it.
  it.each([
    ['sandbox', ['sandbox', '--host', '127.0.0.1']],
    ['playground', ['playground', '--host', '127.0.0.1']],
    ['mcp --http', ['mcp', '--http', '--host', '127.0.0.1']],
    ['listen', ['listen', '--secret', 's', '--host', '127.0.0.1']],
  ])('%s on a port in use prints one clear line and exits 1', async (_, args) => {
    const { server, port } = await busyPort()
    try {
      const cli = capture()
      const controller = new AbortController()
      expect(await main([...args, '--port', String(port)], cli.io, controller.signal)).toBe(1)
      expect(cli.stderr()).toBe(`intercom-blocks: port 127.0.0.1:${port} is already in use; stop what uses it, or choose another with --port (0 picks a free one)\n`)
      expect(cli.stdout()).toBe('')
    } finally {
      server.close()
    }
  })
})

describe('the options of every command', () => {
  it.each([
    [['playground', '--prot', '1'], 'unknown option --prot for playground (did you mean --port?)'],
    [['mcp', '--read-onyl'], 'unknown option --read-onyl for mcp (did you mean --read-only?)'],
    [['mcp', '--tool', 'x'], 'unknown option --tool for mcp (did you mean --tools?)'],
    [['listen', '--secrte', 's'], 'unknown option --secrte for listen (did you mean --secret?)'],
    [['sandbox', '--sede', '1'], 'unknown option --sede for sandbox (did you mean --seed?)'],
  ])('%j is refused in one line naming the nearest option, exit 2', async (args, message) => {
    const cli = capture()
    expect(await main(args, cli.io)).toBe(2)
    expect(cli.stderr()).toBe(`intercom-blocks: ${message}\nintercom-blocks --help shows the usage\n`)
  })

  it.each(['tools', 'describe', 'sandbox', 'demo', 'playground', 'mcp', 'listen'])('%s --help prints the usage and exits 0', async (command) => {
    const cli = capture()
    expect(await main([command, '--help'], cli.io)).toBe(0)
    expect(cli.stdout()).toContain(`intercom-blocks ${command}`)
  })
})

describe('tools', () => {
  it('shows whole summaries (an "e.g." does not end them) and marks read-only, writes and destructive tools', async () => {
    const cli = capture()
    expect(await main(['tools'], cli.io)).toBe(0)
    const lines = cli.stdout().trim().split('\n')
    const line = (id: string) => lines.find((entry) => entry.startsWith(`${id} `)) ?? ''
    expect(line('intercom_search_contacts')).toMatch(/read-only\s+Find contacts with Intercom's query language, e\.g\. by email.*or a date\.$/)
    for (const tool of listTools()) {
      const mark = tool.annotations.readOnly ? 'read-only' : tool.annotations.destructive ? 'destructive' : 'writes'
      expect(line(tool.id), tool.id).toMatch(new RegExp(`^${tool.id}\\s+${mark}\\s`))
      // Every summary ends a sentence: nothing is cut mid-way.
      expect(line(tool.id), tool.id).toMatch(/[.)!?"]$/)
    }
    const json = capture()
    expect(await main(['tools', '--json'], json.io)).toBe(0)
    const rows = JSON.parse(json.stdout()) as Array<{ id: string; destructive: boolean; readOnly: boolean }>
    expect(rows.find((row) => row.id === 'intercom_delete_contact')).toMatchObject({ destructive: true, readOnly: false })
  })
})

const bin = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))

describe('the built binary: exit codes', () => {
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const env: NodeJS.ProcessEnv = { ...process.env, INTERCOM_BLOCKS_SANDBOX_STATE: join(folder, 'bin-state.json') }
      delete env.INTERCOM_ACCESS_TOKEN
      execFile(process.execPath, [bin, ...args], { env, timeout: 20_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr })
      })
    })

  it('exists: npm test builds it', () => {
    expect(existsSync(bin), `${bin} is missing: run npm run build`).toBe(true)
  })

  it.runIf(existsSync(bin))('an unknown parameter exits 2 with the one-line message', async () => {
    const result = await run(['run', 'intercom_get_contact', '--contactid', 'x'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('unknown parameter --contactid for intercom_get_contact (did you mean --contactId?)')
  })

  it.runIf(existsSync(bin))('a busy port exits 1 with one line and no stack', async () => {
    const { server, port } = await busyPort()
    try {
      const result = await run(['sandbox', '--host', '127.0.0.1', '--port', String(port)])
      expect(result.code).toBe(1)
      expect(result.stderr.trim().split('\n')).toEqual([`intercom-blocks: port 127.0.0.1:${port} is already in use; stop what uses it, or choose another with --port (0 picks a free one)`])
    } finally {
      server.close()
    }
  })

  it.runIf(existsSync(bin))('a missing required param exits 1 saying it is required, with no sandbox notice', async () => {
    const result = await run(['run', 'intercom_get_contact'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('contactId is required')
    expect(result.stderr).not.toContain('embedded')
  })
})

describe('runs at the same time', () => {
  it('share the kept state one after the other: every contact they create is kept', async () => {
    const env = { INTERCOM_BLOCKS_SANDBOX_STATE: join(folder, 'parallel.json') }
    const runs = Array.from({ length: 4 }, (_, n) => {
      const cli = capture(env)
      return main(['run', 'intercom_create_contact', '--email', `parallel-${n}@example.com`], cli.io).then((code) => ({ code, cli }))
    })
    const results = await Promise.all(runs)
    expect(results.map((result) => result.code)).toEqual([0, 0, 0, 0])
    const ids = results.map(({ cli }) => (JSON.parse(cli.stdout()) as { contactId: string; contact: { email: string } }))
    expect(new Set(ids.map((entry) => entry.contactId)).size).toBe(4)
    for (const { contactId, contact } of ids) {
      const get = capture(env)
      expect(await main(['run', 'intercom_get_contact', '--contactId', contactId], get.io)).toBe(0)
      expect((JSON.parse(get.stdout()) as { contact: { email: string } }).contact.email).toBe(contact.email)
    }
  })
})
