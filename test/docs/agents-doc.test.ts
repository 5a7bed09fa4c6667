/**
 * The snippets of docs/agents.md: each TypeScript snippet is type-checked with the project's
 * compiler settings and run (against the embedded sandbox, with ai's mock model or a scripted
 * OpenAI / Anthropic answer), and the MCP client configuration's command is started and listed.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { MockLanguageModelV3 } from 'ai/test'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { AGENT_SNIPPETS, MCP_CLIENT_CONFIG } from '../../scripts/agents-doc'
import { listTools } from '../../index'
import { startSandbox, type Sandbox } from '../../sandbox'
import type { ToolContext } from '../../types'

const root = fileURLToPath(new URL('../..', import.meta.url))
const dir = join(root, '.cache', 'agents-snippets')
const cli = join(root, 'dist', 'cli.js')

/** The snippet as a file of this repository: the package's names point at its sources. */
function localSource(code: string): string {
  return code.replace(/from 'intercom-blocks\/mcp'/g, "from '../../agents/mcp-entry'").replace(/from 'intercom-blocks'/g, "from '../../index'")
}

beforeAll(() => {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  for (const [name, code] of Object.entries(AGENT_SNIPPETS)) writeFileSync(join(dir, `${name}.ts`), localSource(code))
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.json', include: ['*.ts'] }))
})

async function load<T>(name: keyof typeof AGENT_SNIPPETS): Promise<T> {
  return (await import(/* @vite-ignore */ pathToFileURL(join(dir, `${name}.ts`)).href)) as T
}

describe('docs/agents.md snippets', () => {
  let sandbox: Sandbox
  let context: ToolContext
  const realFetch = globalThis.fetch

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 })
    context = { accessToken: sandbox.token, baseUrl: sandbox.url }
  })
  afterAll(async () => {
    vi.unstubAllGlobals()
    await sandbox?.close()
  })

  it('type-check with the project compiler settings', async () => {
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: root, timeout: 120_000 }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    )
    expect(result.stdout).toBe('')
    expect(result.code).toBe(0)
  }, 120_000)

  it('the AI SDK snippet runs a tool call end to end with a mock model', async () => {
    const { askIntercom } = await load<{ askIntercom: (model: MockLanguageModelV3, context: ToolContext, question: string) => Promise<string> }>('aiSdk')
    const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 1, text: 1, reasoning: undefined } }
    const model = new MockLanguageModelV3({
      doGenerate: [
        { content: [{ type: 'tool-call', toolCallId: 't1', toolName: 'intercom_list_admins', input: '{}' }], finishReason: { unified: 'tool-calls', raw: undefined }, usage, warnings: [] },
        { content: [{ type: 'text', text: 'You have admins.' }], finishReason: { unified: 'stop', raw: undefined }, usage, warnings: [] },
      ],
    })
    expect(await askIntercom(model, context, 'Who are the admins?')).toBe('You have admins.')
    const toolMessage = model.doGenerateCalls[1]!.prompt.find((message) => message.role === 'tool')!
    const output = (toolMessage.content[0] as unknown as { output: { value: { admins: unknown[] } } }).output.value
    expect(output.admins.length).toBeGreaterThan(0)
  })

  /** Answers requests to `host` with the scripted bodies in turn (recording what was sent), and lets the rest (the sandbox) through. */
  function script(host: string, answers: unknown[]): Array<Record<string, unknown>> {
    const sent: Array<Record<string, unknown>> = []
    vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input)
      if (!url.startsWith(`https://${host}/`)) return realFetch(input, init)
      sent.push(JSON.parse(String(init?.body)) as Record<string, unknown>)
      return new Response(JSON.stringify(answers[sent.length - 1]), { status: 200, headers: { 'content-type': 'application/json' } })
    })
    return sent
  }

  it('the OpenAI snippet sends strict tools and answers a strict call (nulls for left-out params) with the output', async () => {
    const { askWithOpenAi } = await load<{ askWithOpenAi: (question: string, context: ToolContext, apiKey: string) => Promise<string | null> }>('openAi')
    const args = { query: { field: 'role', operator: '=', value: 'lead' }, per_page: null, starting_after: null, sort_field: null, sort_order: null }
    const sent = script('api.openai.com', [
      { choices: [{ message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'intercom_search_contacts', arguments: JSON.stringify(args) } }] } }] },
      { choices: [{ message: { role: 'assistant', content: 'Found the leads.' } }] },
    ])
    try {
      expect(await askWithOpenAi('Which contacts are leads?', context, 'sk-test')).toBe('Found the leads.')
    } finally {
      vi.unstubAllGlobals()
    }
    const tools = sent[0]!.tools as Array<{ function: { name: string; strict: boolean } }>
    expect(tools.map((tool) => tool.function.name)).toEqual(listTools().filter((tool) => tool.annotations.readOnly).map((tool) => tool.id))
    expect(tools.every((tool) => tool.function.strict)).toBe(true)
    const reply = (sent[1]!.messages as Array<{ role: string; content: string }>).find((message) => message.role === 'tool')!
    const output = JSON.parse(reply.content) as { contacts: Array<{ role: string }> }
    expect(output.contacts.length).toBeGreaterThan(0)
    expect(output.contacts.every((contact) => contact.role === 'lead')).toBe(true)
  })

  it('the Anthropic snippet answers a tool_use with its tool_result', async () => {
    const { askWithClaude } = await load<{ askWithClaude: (question: string, context: ToolContext, apiKey: string) => Promise<string> }>('anthropic')
    const sent = script('api.anthropic.com', [
      { content: [{ type: 'tool_use', id: 'toolu_1', name: 'intercom_list_tags', input: {} }], stop_reason: 'tool_use' },
      { content: [{ type: 'text', text: 'Here are the tags.' }], stop_reason: 'end_turn' },
    ])
    try {
      expect(await askWithClaude('Which tags exist?', context, 'key')).toBe('Here are the tags.')
    } finally {
      vi.unstubAllGlobals()
    }
    const tools = sent[0]!.tools as Array<{ name: string }>
    expect(tools.map((tool) => tool.name)).toEqual(listTools().filter((tool) => !tool.annotations.destructive).map((tool) => tool.id))
    const results = (sent[1]!.messages as Array<{ role: string; content: unknown }>)[2]!.content as Array<{ type: string; tool_use_id: string; content: string; is_error?: boolean }>
    expect(results).toHaveLength(1)
    expect(results[0]).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_1' })
    expect(results[0]!.is_error).toBeUndefined()
    expect((JSON.parse(results[0]!.content) as { tags: unknown[] }).tags.length).toBeGreaterThan(0)
  })

  it.skipIf(!existsSync(cli) && !process.env.CI)('the MCP client configuration starts a server an MCP client can list (without the token: on the sandbox)', async () => {
    const config = JSON.parse(MCP_CLIENT_CONFIG) as { mcpServers: { intercom: { command: string; args: string[]; env: Record<string, string> } } }
    const { command, args, env } = config.mcpServers.intercom
    expect(command).toBe('npx')
    expect(args.slice(0, 2)).toEqual(['-y', 'intercom-blocks'])
    // npx -y intercom-blocks runs the package's bin, which is dist/cli.js.
    const { INTERCOM_ACCESS_TOKEN: _placeholder, ...rest } = env
    const transport = new StdioClientTransport({ command: process.execPath, args: [cli, ...args.slice(2)], env: { PATH: process.env.PATH ?? '', ...rest }, cwd: root, stderr: 'pipe' })
    const client = new Client({ name: 'docs-check', version: '1' })
    await client.connect(transport)
    try {
      const { tools } = await client.listTools()
      expect(tools.map((tool) => tool.name)).toEqual(listTools().filter((tool) => !tool.annotations.destructive).map((tool) => tool.id))
    } finally {
      await client.close()
    }
  })
})
