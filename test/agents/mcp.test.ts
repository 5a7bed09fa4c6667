/**
 * The MCP server driven by the MCP SDK's own `Client`: over stdio by spawning the built CLI
 * (`dist/cli.js mcp`; `npm test` builds dist/ first), and over Streamable HTTP, against the
 * embedded sandbox.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { request } from 'node:http'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { agentToolSchema } from '../../agents/json-schema'
import { createMcpServer, serveMcpHttp, type McpHttpServer } from '../../agents/mcp-entry'
import { startSandbox, type Sandbox } from '../../sandbox'
import { listTools } from '../../index'
import type { ToolError } from '../../types'
import { CONTEXT_FIELDS, propertyNames } from '../helpers/agents'

const root = fileURLToPath(new URL('../..', import.meta.url))
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
const BUILT = existsSync(cli)
const tools = listTools()

/** The environment of a spawned CLI: no token from the developer's shell leaks in. */
function env(extra: Record<string, string> = {}): Record<string, string> {
  const base: Record<string, string> = {}
  for (const key of ['PATH', 'HOME', 'SYSTEMROOT', 'TMPDIR']) if (process.env[key]) base[key] = process.env[key] as string
  return { ...base, ...extra }
}

async function stdioClient(args: string[], extraEnv: Record<string, string> = {}): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [cli, 'mcp', ...args], env: env(extraEnv), cwd: root, stderr: 'pipe' })
  const chunks: string[] = []
  transport.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()))
  const client = new Client({ name: 'intercom-blocks-test', version: '1.0.0' })
  await client.connect(transport)
  return { client, stderr: () => chunks.join('') }
}

function errorOf(answer: unknown): ToolError {
  const result = answer as CallToolResult
  expect(result.isError).toBe(true)
  const structured = (result.structuredContent as { error: ToolError }).error
  const text = (result.content[0] as { type: 'text'; text: string }).text
  expect(JSON.parse(text)).toEqual({ error: structured })
  return structured
}

function outputOf(answer: unknown): Record<string, unknown> {
  const result = answer as CallToolResult
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy()
  const text = (result.content[0] as { type: 'text'; text: string }).text
  expect(JSON.parse(text)).toEqual(result.structuredContent)
  return result.structuredContent as Record<string, unknown>
}

function checkListing(listed: Tool[], expected = tools): void {
  expect(listed.map((tool) => tool.name)).toEqual(expected.map((tool) => tool.id))
  for (const tool of expected) {
    const entry = listed.find((item) => item.name === tool.id) as Tool
    expect(entry.title).toBe(tool.name)
    expect(entry.description).toBe(tool.description)
    expect(entry.inputSchema).toEqual(agentToolSchema(tool).parameters)
    expect(entry.outputSchema?.type).toBe('object')
    expect(entry.annotations).toEqual({
      title: tool.name,
      readOnlyHint: tool.annotations.readOnly,
      destructiveHint: tool.annotations.destructive,
      idempotentHint: tool.annotations.idempotent,
      openWorldHint: true,
    })
    expect(propertyNames(entry.inputSchema).filter((name) => CONTEXT_FIELDS.includes(name))).toEqual([])
  }
}

describe.skipIf(!BUILT && !process.env.CI)(`intercom-blocks mcp over stdio (the built CLI)${BUILT ? '' : ': skipped, dist/cli.js is missing; run npm run build'}`, () => {
  let client: Client
  let stderr: () => string

  beforeAll(async () => {
    ;({ client, stderr } = await stdioClient([]))
  })
  afterAll(async () => {
    await client?.close()
  })

  it('says on stderr that it runs on the embedded sandbox, and lists every tool with its annotations', async () => {
    const { tools: listed } = await client.listTools()
    checkListing(listed)
    expect(stderr()).toContain('embedded Intercom sandbox')
  })

  it('calls tools: structured output matching the output schema, a write then a read of the same contact', async () => {
    const admins = outputOf(await client.callTool({ name: 'intercom_list_admins', arguments: {} }))
    expect((admins.admins as unknown[]).length).toBeGreaterThan(0)

    const created = outputOf(await client.callTool({ name: 'intercom_create_contact', arguments: { role: 'user', email: 'mcp-stdio@example.com', name: 'Ada MCP' } }))
    const contact = created.contact as { id: string; email: string }
    expect(contact.email).toBe('mcp-stdio@example.com')
    const fetched = outputOf(await client.callTool({ name: 'intercom_get_contact', arguments: { contactId: contact.id } }))
    expect((fetched.contact as { name: string }).name).toBe('Ada MCP')

    const listed = outputOf(await client.callTool({ name: 'intercom_list_contacts', arguments: { per_page: 2 } }))
    expect(listed.contacts).toHaveLength(2)
  })

  it('answers bad arguments with an isError result naming the field, and never throws across the protocol', async () => {
    const wrongType = errorOf(await client.callTool({ name: 'intercom_list_contacts', arguments: { per_page: 'ten' } }))
    expect(wrongType).toMatchObject({ code: 'validation_error', field: 'per_page', retryable: false })

    const unknownParam = errorOf(await client.callTool({ name: 'intercom_list_admins', arguments: { accessToken: 'x' } }))
    expect(unknownParam).toMatchObject({ code: 'validation_error', field: 'accessToken' })

    const missing = errorOf(await client.callTool({ name: 'intercom_get_contact', arguments: {} }))
    expect(missing).toMatchObject({ code: 'validation_error', field: 'contactId' })

    const hostile = errorOf(await client.callTool({ name: 'intercom_get_contact', arguments: { contactId: '..' } }))
    expect(hostile).toMatchObject({ code: 'validation_error', field: 'contactId' })

    const notFound = errorOf(await client.callTool({ name: 'intercom_get_contact', arguments: { contactId: 'no-such-contact' } }))
    expect(notFound).toMatchObject({ code: 'not_found', status: 404 })

    const noTool = errorOf(await client.callTool({ name: 'intercom_fly_to_the_moon', arguments: {} }))
    expect(noTool.code).toBe('unknown_tool')
  })
})

describe.skipIf(!BUILT && !process.env.CI)('intercom-blocks mcp over stdio: selection, credentials, stdout', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, tokens: ['right-token-1234'] })
  })
  afterAll(async () => {
    await sandbox?.close()
  })

  it('--read-only lists only read-only tools and refuses to call the others', async () => {
    const { client } = await stdioClient(['--read-only'])
    try {
      const { tools: listed } = await client.listTools()
      const readOnly = tools.filter((tool) => tool.annotations.readOnly)
      expect(readOnly.length).toBeLessThan(tools.length)
      checkListing(listed, readOnly)
      const refused = errorOf(await client.callTool({ name: 'intercom_delete_contact', arguments: { contactId: '1' } }))
      expect(refused.code).toBe('unknown_tool')
    } finally {
      await client.close()
    }
  })

  it('--tools and --exclude-destructive narrow the list', async () => {
    const { client } = await stdioClient(['--tools', 'intercom_list_admins,intercom_delete_contact,intercom_create_tag', '--exclude-destructive'])
    try {
      const { tools: listed } = await client.listTools()
      const expected = tools.filter((tool) => ['intercom_list_admins', 'intercom_delete_contact', 'intercom_create_tag'].includes(tool.id) && !tool.annotations.destructive)
      expect(expected.length).toBeGreaterThan(0)
      checkListing(listed, expected)
    } finally {
      await client.close()
    }
  })

  it('unknown ids in --tools are a startup error naming them', async () => {
    const run = promisify(execFile)(process.execPath, [cli, 'mcp', '--tools', 'intercom_list_admins,intercom_nope,intercom_nada'], { cwd: root, env: env() })
    const failure = (await run.then(() => undefined, (error: unknown) => error)) as { code: number; stderr: string; stdout: string }
    expect(failure?.code).toBe(2)
    expect(failure.stderr).toContain('intercom_nope')
    expect(failure.stderr).toContain('intercom_nada')
    expect(failure.stdout).toBe('')
  })

  it('uses the configured token, and a 401 from Intercom is an isError result without the token in it or in the logs', async () => {
    const good = await stdioClient(['--base-url', sandbox.url], { INTERCOM_ACCESS_TOKEN: 'right-token-1234' })
    try {
      outputOf(await good.client.callTool({ name: 'intercom_list_tags', arguments: {} }))
      expect(good.stderr()).not.toContain('sandbox at')
    } finally {
      await good.client.close()
    }
    const bad = await stdioClient(['--base-url', sandbox.url, '--token', 'wrong-token-5678'])
    try {
      const result = await bad.client.callTool({ name: 'intercom_list_tags', arguments: {} })
      const error = errorOf(result as CallToolResult)
      expect(error).toMatchObject({ code: 'unauthorized', status: 401 })
      expect(JSON.stringify(result)).not.toContain('wrong-token-5678')
      expect(bad.stderr()).not.toContain('wrong-token-5678')
    } finally {
      await bad.client.close()
    }
  })

  it('writes nothing but JSON-RPC messages on stdout', async () => {
    const child: ChildProcess = spawn(process.execPath, [cli, 'mcp'], { cwd: root, env: env(), stdio: ['pipe', 'pipe', 'pipe'] })
    const lines: string[] = []
    const reader = createInterface({ input: child.stdout! })
    const answered = new Promise<void>((resolve) => {
      reader.on('line', (line) => {
        lines.push(line)
        if (lines.length === 3) resolve()
      })
    })
    const send = (message: unknown) => child.stdin!.write(`${JSON.stringify(message)}\n`)
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } })
    send({ jsonrpc: '2.0', method: 'notifications/initialized' })
    send({ jsonrpc: '2.0', id: 2, method: 'tools/list' })
    send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'intercom_list_admins', arguments: {} } })
    await answered
    child.stdin!.end()
    const exit = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(exit).toBe(0)
    expect(lines).toHaveLength(3)
    const messages = lines.map((line) => JSON.parse(line) as { jsonrpc: string; id: number; result: unknown })
    expect(messages.map((message) => [message.jsonrpc, message.id])).toEqual([['2.0', 1], ['2.0', 2], ['2.0', 3]])
  })
})

describe('the MCP server over Streamable HTTP', () => {
  let sandbox: Sandbox
  let http: McpHttpServer
  const clients: Client[] = []

  async function httpClient(token?: string): Promise<Client> {
    const transport = new StreamableHTTPClientTransport(new URL(http.url), token === undefined ? {} : { requestInit: { headers: { Authorization: `Bearer ${token}` } } })
    const client = new Client({ name: 'intercom-blocks-test', version: '1.0.0' })
    await client.connect(transport)
    clients.push(client)
    return client
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, tokens: ['server-token-1111', 'workspace-b-2222'] })
    http = await serveMcpHttp({ context: { accessToken: 'server-token-1111', baseUrl: sandbox.url } })
  })
  afterAll(async () => {
    for (const client of clients) await client.close()
    await http?.close()
    await sandbox?.close()
  })

  it('serves /mcp on 127.0.0.1, lists every tool and calls them with the server token', async () => {
    expect(http.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/)
    const client = await httpClient()
    checkListing((await client.listTools()).tools)
    const tag = outputOf(await client.callTool({ name: 'intercom_create_tag', arguments: { name: 'mcp-http' } }))
    expect(tag.name).toBe('mcp-http')
    const tags = outputOf(await client.callTool({ name: 'intercom_list_tags', arguments: {} }))
    expect((tags.tags as Array<{ name: string }>).map((item) => item.name)).toContain('mcp-http')
    expect(errorOf(await client.callTool({ name: 'intercom_create_tag', arguments: {} })).field).toBe('name')
  })

  it("uses a request's own bearer token for that request: another accepted token works, a wrong one gets Intercom's 401", async () => {
    const other = await httpClient('workspace-b-2222')
    outputOf(await other.callTool({ name: 'intercom_list_admins', arguments: {} }))
    const wrong = await httpClient('not-a-token-3333')
    const result = (await wrong.callTool({ name: 'intercom_list_admins', arguments: {} })) as CallToolResult
    expect(errorOf(result)).toMatchObject({ code: 'unauthorized', status: 401 })
    expect(JSON.stringify(result)).not.toContain('not-a-token-3333')
  })

  it('refuses a malformed Authorization header, other paths and a foreign Host header', async () => {
    const post = (path: string, headers: Record<string, string>) =>
      fetch(new URL(path, http.url), { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) })
    expect((await post('/mcp', { authorization: 'Basic abc' })).status).toBe(401)
    expect((await post('/other', {})).status).toBe(404)
    // fetch cannot set Host, node:http can.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(http.url, { method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json', accept: 'application/json, text/event-stream' } }, (res) => {
        res.resume()
        resolve(res.statusCode)
      })
      req.on('error', reject)
      req.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }))
    })
    expect(status).toBe(403)
  })

  it('a read-only server lists and runs only read-only tools', async () => {
    const readOnly = await serveMcpHttp({ context: { accessToken: 'server-token-1111', baseUrl: sandbox.url }, readOnly: true })
    try {
      const client = new Client({ name: 'intercom-blocks-test', version: '1.0.0' })
      await client.connect(new StreamableHTTPClientTransport(new URL(readOnly.url)))
      checkListing((await client.listTools()).tools, tools.filter((tool) => tool.annotations.readOnly))
      expect(errorOf((await client.callTool({ name: 'intercom_create_tag', arguments: { name: 'x' } })) as CallToolResult).code).toBe('unknown_tool')
      await client.close()
    } finally {
      await readOnly.close()
    }
  })
})

describe('createMcpServer', () => {
  it('throws on an unknown tool id, naming it', () => {
    expect(() => createMcpServer({ context: { accessToken: 't' }, tools: ['intercom_list_admins', 'intercom_typo'] })).toThrow(/intercom_typo/)
  })
})

describe.skipIf(!BUILT && !process.env.CI)('intercom-blocks mcp --http (the built CLI)', () => {
  it('prints its URL and serves the selected tools on the embedded sandbox', async () => {
    const child = spawn(process.execPath, [cli, 'mcp', '--http', '--port', '0', '--read-only'], { cwd: root, env: env(), stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve)
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)))
      })
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/)
      const client = new Client({ name: 'intercom-blocks-test', version: '1.0.0' })
      await client.connect(new StreamableHTTPClientTransport(new URL(url)))
      checkListing((await client.listTools()).tools, tools.filter((tool) => tool.annotations.readOnly))
      outputOf((await client.callTool({ name: 'intercom_list_admins', arguments: {} })) as CallToolResult)
      await client.close()
    } finally {
      child.kill('SIGTERM')
    }
    const exit = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)))
    expect(exit).toBe(0)
  })
})
