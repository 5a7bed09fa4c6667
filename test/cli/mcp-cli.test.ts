/** `intercom-blocks mcp` through main(): its usage errors, and the HTTP mode stopping on a signal. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { describe, expect, it } from 'vitest'
import type { CliIo } from '../../cli/io'
import { main } from '../../cli/main'
import { listTools } from '../../index'

function capture(env: Record<string, string | undefined> = {}) {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = { stdout: (text) => void out.push(text), stderr: (text) => void err.push(text), env }
  return { io, stdout: () => out.join(''), stderr: () => err.join('') }
}

describe('intercom-blocks mcp', () => {
  it.each([
    [['mcp', '--tools', 'intercom_list_admins,intercom_nope'], {}, 'intercom_nope'],
    [['mcp', '--tools', 'intercom_list_admins,,intercom_list_tags'], {}, '--tools must be tool ids'],
    [['mcp', '--tools', 'intercom_delete_contact', '--read-only'], {}, 'leaves no tool'],
    [['mcp', '--port', '3000'], {}, '--port is for --http'],
    [['mcp', '--http', '--port', '70000'], {}, '--port must be'],
    [['mcp', '--region', 'mars'], {}, '--region'],
    [['mcp', '--token', ''], {}, '--token is empty'],
    [['mcp', '--base-url', 'http://127.0.0.1:9'], {}, '--base-url needs a token'],
    [['mcp'], { INTERCOM_BASE_URL: 'http://127.0.0.1:9' }, 'INTERCOM_BASE_URL needs a token'],
    [['mcp', '--verbose'], {}, 'verbose'],
  ])('%j is a usage error (exit 2) naming the problem, and nothing is served', async (argv, env, message) => {
    const cli = capture(env)
    expect(await main(argv, cli.io)).toBe(2)
    expect(cli.stderr()).toContain(message)
    expect(cli.stdout()).toBe('')
  })

  it('--http prints its URL on stdout, serves until stopped, and stops cleanly', async () => {
    const cli = capture()
    const controller = new AbortController()
    const running = main(['mcp', '--http', '--port', '0', '--exclude-destructive'], cli.io, controller.signal)
    let url = ''
    for (let i = 0; i < 200 && !url; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25))
      url = cli.stdout().trim()
    }
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/)
    expect(cli.stderr()).toContain('embedded Intercom sandbox')
    const client = new Client({ name: 'cli-test', version: '1' })
    await client.connect(new StreamableHTTPClientTransport(new URL(url)))
    const { tools } = await client.listTools()
    expect(tools.map((tool) => tool.name)).toEqual(listTools().filter((tool) => !tool.annotations.destructive).map((tool) => tool.id))
    await client.close()
    controller.abort()
    expect(await running).toBe(0)
  })
})
