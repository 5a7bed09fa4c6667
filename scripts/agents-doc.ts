/**
 * docs/agents.md: how to give the tools to agents (MCP clients, the AI SDK, OpenAI, Anthropic).
 * Pure, like the rest of renderDocs(). The code snippets are data here so that the page and the
 * tests read the same text: test/docs/agents-doc.test.ts type-checks every TypeScript snippet and
 * runs it (against the embedded sandbox, with a mock model or a scripted API answer), and starts
 * the MCP client configuration's command.
 */
import { listTools } from '../tools/registry'

/** The MCP client configuration (Claude Desktop's `claude_desktop_config.json`, Cursor's `mcp.json`, ...). */
export const MCP_CLIENT_CONFIG = `{
  "mcpServers": {
    "intercom": {
      "command": "npx",
      "args": ["-y", "intercom-blocks", "mcp", "--exclude-destructive"],
      "env": { "INTERCOM_ACCESS_TOKEN": "<your Intercom access token>", "INTERCOM_REGION": "us" }
    }
  }
}`

/** TypeScript snippets, by name. Each exports one function that the docs test runs. */
export const AGENT_SNIPPETS = {
  mcpServer: `import { createMcpServer } from 'intercom-blocks/mcp'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'

/** Your own MCP server process: only the read-only tools, on one workspace. */
export async function serveReadOnly(accessToken: string): Promise<void> {
  const server = createMcpServer({ context: { accessToken, region: 'eu' }, readOnly: true })
  await server.connect(new StdioServerTransport())
}
`,
  aiSdk: `import { generateText, stepCountIs, type LanguageModel } from 'ai'
import { aiSdkTools, type ToolContext } from 'intercom-blocks'

/** One agent run: the model may call any read-only Intercom tool, up to five steps. */
export async function askIntercom(model: LanguageModel, context: ToolContext, question: string): Promise<string> {
  const { text } = await generateText({
    model,
    tools: aiSdkTools(context, { readOnly: true }),
    stopWhen: stepCountIs(5),
    prompt: question,
  })
  return text
}
`,
  openAi: `import { openAiTools, runOpenAiToolCall, type ToolContext } from 'intercom-blocks'

type Message = { role: string; content: string | null; tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>; tool_call_id?: string }

/** A Chat Completions loop (plain fetch; the openai package takes the same tools and messages). */
export async function askWithOpenAi(question: string, context: ToolContext, apiKey: string): Promise<string | null> {
  const tools = openAiTools({ strict: true, readOnly: true })
  const messages: Message[] = [{ role: 'user', content: question }]
  for (let step = 0; step < 5; step++) {
    const response = await fetch('https://api.openai.com/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: \`Bearer \${apiKey}\`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4.1', messages, tools }),
    })
    const message = ((await response.json()) as { choices: Array<{ message: Message }> }).choices[0]!.message
    messages.push(message)
    if (!message.tool_calls?.length) return message.content
    for (const call of message.tool_calls) {
      // strict: true turns the nulls strict mode sends for left-out params back into left-out params.
      messages.push({ role: 'tool', tool_call_id: call.id, content: await runOpenAiToolCall(call, context, { strict: true }) })
    }
  }
  return null
}
`,
  anthropic: `import { anthropicTools, runAnthropicToolUse, type ToolContext } from 'intercom-blocks'

type Block = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown }

/** A Messages API loop (plain fetch; the @anthropic-ai/sdk package takes the same tools and messages). */
export async function askWithClaude(question: string, context: ToolContext, apiKey: string): Promise<string> {
  const tools = anthropicTools({ excludeDestructive: true })
  const messages: Array<{ role: 'user' | 'assistant'; content: unknown }> = [{ role: 'user', content: question }]
  for (let step = 0; step < 5; step++) {
    const response = await fetch('https://api.anthropic.com/v1/messages', {
      method: 'POST',
      headers: { 'x-api-key': apiKey, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages, tools }),
    })
    const { content, stop_reason } = (await response.json()) as { content: Block[]; stop_reason: string }
    messages.push({ role: 'assistant', content })
    if (stop_reason !== 'tool_use') return content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('')
    const uses = content.filter((block) => block.type === 'tool_use')
    messages.push({ role: 'user', content: await Promise.all(uses.map((block) => runAnthropicToolUse(block, context))) })
  }
  return ''
}
`,
} as const

const ts = (code: string) => ['```ts', code.trimEnd(), '```'].join('\n')

/** docs/agents.md. */
export function agentsPage(generated: string): string {
  const tools = listTools()
  const readOnly = tools.filter((tool) => tool.annotations.readOnly).length
  const destructive = tools.filter((tool) => tool.annotations.destructive).length
  return [
    '# Intercom tools for agents',
    '',
    generated,
    '',
    `Every tool of the registry (${tools.length} today: ${readOnly} read-only, ${destructive} destructive) is offered to agents in four forms, all derived from the same definitions: an MCP server, AI SDK tools, OpenAI function-calling entries and Anthropic tool entries. A tool's name is its id (e.g. \`intercom_search_contacts\`), its input schema is the JSON Schema of its params ([the tool pages](README.md) list them), and credentials, region and base URL are never part of any schema: they belong to the server or to the context you pass.`,
    '',
    'A failed call is never an exception across an agent boundary: the model gets `{ "error": { "code", "message", "field", "status", "requestId", "retryable" } }` (on MCP, a result with `isError: true`), and a validation error names the param at fault so the model can correct itself. The access token never appears in a result or a log line.',
    '',
    '## MCP server',
    '',
    '`npx intercom-blocks mcp` serves the tools over stdio; `npx intercom-blocks mcp --http --port 3000` serves Streamable HTTP at `http://127.0.0.1:3000/mcp` (`--host` to listen elsewhere). Each tool has its title, description, `inputSchema`, `outputSchema` (the output, or `{ error }` for a result with `isError: true`) with `structuredContent` in results, and the annotations `readOnlyHint`, `destructiveHint`, `idempotentHint` and `openWorldHint: true`.',
    '',
    'An MCP client configuration (Claude Desktop, Cursor, VS Code and others read this shape):',
    '',
    '```json',
    MCP_CLIENT_CONFIG,
    '```',
    '',
    '| Flag | Environment | Meaning |',
    '| --- | --- | --- |',
    '| `--token T` | `INTERCOM_ACCESS_TOKEN` | The Intercom access token. Without one, the tools run on the embedded sandbox (seeded sample data) and the server says so on stderr. |',
    '| `--region us\\|eu\\|au` | `INTERCOM_REGION` | The workspace\'s data centre. |',
    '| `--base-url URL` | `INTERCOM_BASE_URL` | A proxy or sandbox instead of Intercom. |',
    '| `--intercom-version V` | | The `Intercom-Version` header (default 2.16). |',
    '| `--tools id,id,...` | | Only these tools; an unknown id is a startup error naming it. |',
    '| `--read-only` | | Only the tools annotated read-only. |',
    '| `--exclude-destructive` | | Leave out the tools that delete or overwrite. |',
    '| `--http`, `--port N`, `--host H` | | Streamable HTTP at `/mcp` instead of stdio (default port 3000, host 127.0.0.1). |',
    '',
    'In stdio mode stdout carries only the protocol; notices go to stderr. Over HTTP, a request with its own `Authorization: Bearer <Intercom token>` runs with that token (so one server can serve several workspaces); a request without one uses the server\'s token, or the embedded sandbox when the server has none. On a loopback host, requests whose `Host` header names another host are refused (DNS rebinding protection).',
    '',
    'In your own process, `createMcpServer(options)` from `intercom-blocks/mcp` returns the SDK\'s `Server`, ready for any transport, and `serveMcpHttp(options)` serves it over HTTP:',
    '',
    ts(AGENT_SNIPPETS.mcpServer),
    '',
    '## Vercel AI SDK',
    '',
    '`aiSdkTools(context, { tools?, readOnly?, excludeDestructive? })` returns the object `generateText` and `streamText` take as `tools`, keyed by tool id, each `{ description, inputSchema, outputSchema, execute }`. The package does not depend on `ai` at run time. `execute` resolves to the output, or to `{ error }` for a failed call, which the model reads in its next step.',
    '',
    ts(AGENT_SNIPPETS.aiSdk),
    '',
    '## OpenAI',
    '',
    '`openAiTools({ api?, strict?, tools?, readOnly?, excludeDestructive? })` returns Chat Completions entries (`api: \'responses\'` for the Responses API). With `strict: true` the schemas follow OpenAI\'s strict-mode rules: every property is required and optional ones accept null, every object has `additionalProperties: false`, unsupported keywords are left out (the executor still checks them), and a free-form object param is taken as its JSON text. `runOpenAiToolCall(call, context, { strict })` runs a call and returns the text to send back; with `strict: true`, a null for an optional param means the param was left out.',
    '',
    ts(AGENT_SNIPPETS.openAi),
    '',
    '## Anthropic',
    '',
    '`anthropicTools(selection)` returns `{ name, description, input_schema }` entries for the Messages API, and `runAnthropicToolUse(block, context)` turns a `tool_use` block into the `tool_result` block to send back (`is_error: true` when the call failed).',
    '',
    ts(AGENT_SNIPPETS.anthropic),
    '',
  ].join('\n')
}
