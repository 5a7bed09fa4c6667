/**
 * `intercom-blocks mcp`: serves the tools to MCP clients over stdio (the default) or Streamable
 * HTTP (`--http`). Loaded by main.ts only when this command runs, so that the other commands
 * never load the MCP SDK.
 */
import { parseArgs } from 'node:util'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import { createMcpServer } from '../agents/mcp'
import { serveMcpHttp } from '../agents/mcp-http'
import { selectTools, UnknownToolError } from '../agents/select'
import { startSandbox } from '../sandbox'
import type { Region, ToolContext } from '../types'
import { refuseUnknownFlags } from './flags'
import { CliUsageError, SEE_USAGE, type CliIo } from './io'

/** The token the embedded sandbox is called with. */
const SANDBOX_TOKEN = 'sandbox-token'

const OPTIONS = {
  http: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  tools: { type: 'string' },
  'read-only': { type: 'boolean' },
  'exclude-destructive': { type: 'boolean' },
  token: { type: 'string' },
  region: { type: 'string' },
  'base-url': { type: 'string' },
  'intercom-version': { type: 'string' },
} as const

/** Resolves when the process is asked to stop (or the test's signal aborts). */
function untilStopped(signal: AbortSignal | undefined, extra?: (stop: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => resolve()
    if (signal) signal.addEventListener('abort', stop, { once: true })
    else {
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    }
    extra?.(stop)
  })
}

export async function commandMcp(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const names = Object.keys(OPTIONS) as Array<keyof typeof OPTIONS>
  refuseUnknownFlags(
    args,
    { values: names.filter((name) => OPTIONS[name].type === 'string'), booleans: names.filter((name) => OPTIONS[name].type === 'boolean') },
    'mcp',
    'option',
    SEE_USAGE,
  )
  let values: { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string }
  try {
    const parsed = parseArgs({ args, options: OPTIONS, allowPositionals: false, strict: true })
    values = parsed.values
  } catch (error) {
    throw new CliUsageError((error as Error).message)
  }

  if (!values.http) {
    for (const flag of ['port', 'host'] as const) {
      if (values[flag] !== undefined) throw new CliUsageError(`--${flag} is for --http; stdio mode has no port`)
    }
  }
  let port = 3000
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) throw new CliUsageError(`--port must be a whole number from 0 to 65535, got ${JSON.stringify(values.port)}`)
    port = Number(values.port)
  }
  if (values.host !== undefined && values.host.trim() === '') throw new CliUsageError('--host is empty')

  let tools: string[] | undefined
  if (values.tools !== undefined) {
    tools = values.tools.split(',').map((id) => id.trim())
    if (tools.some((id) => id === '')) throw new CliUsageError(`--tools must be tool ids separated by commas, got ${JSON.stringify(values.tools)}`)
  }
  const selection = { ...(tools ? { tools } : {}), readOnly: values['read-only'] === true, excludeDestructive: values['exclude-destructive'] === true }
  try {
    if (selectTools(selection).length === 0) throw new CliUsageError('the selection leaves no tool to serve')
  } catch (error) {
    if (error instanceof UnknownToolError) throw new CliUsageError(`--tools: ${error.message}`)
    throw error
  }

  const region = values.region ?? io.env.INTERCOM_REGION
  if (region !== undefined && !['us', 'eu', 'au'].includes(region)) {
    throw new CliUsageError(`--region (or INTERCOM_REGION) must be us, eu or au, got ${JSON.stringify(region)}`)
  }
  if (values.token !== undefined && values.token.trim() === '') {
    throw new CliUsageError('--token is empty; leave it out (and INTERCOM_ACCESS_TOKEN unset) to use the embedded sandbox')
  }
  const envToken = io.env.INTERCOM_ACCESS_TOKEN?.trim() ? io.env.INTERCOM_ACCESS_TOKEN : undefined
  const token = values.token ?? envToken
  const baseUrl = values['base-url'] ?? io.env.INTERCOM_BASE_URL
  // Where Intercom is: for the server's token and, over HTTP, for a request's own bearer token.
  const intercom: Omit<ToolContext, 'accessToken'> = {
    ...(region ? { region: region as Region } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    ...(values['intercom-version'] ? { version: values['intercom-version'] } : {}),
  }
  if (!token && !values.http) {
    for (const flag of ['base-url', 'region'] as const) {
      if (values[flag] !== undefined) throw new CliUsageError(`--${flag} needs a token (--token or INTERCOM_ACCESS_TOKEN); without one, mcp uses the embedded sandbox`)
    }
    if (io.env.INTERCOM_BASE_URL) throw new CliUsageError('INTERCOM_BASE_URL needs a token (--token or INTERCOM_ACCESS_TOKEN); without one, mcp uses the embedded sandbox')
  }

  let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined
  let context: ToolContext
  // Said once the server is up (a port that is taken is only that error, one line).
  let notice = ''
  if (token) context = { ...intercom, accessToken: token }
  else {
    sandbox = await startSandbox({ port: 0 })
    context = { accessToken: SANDBOX_TOKEN, baseUrl: sandbox.url }
    notice = values.http
      ? `No INTERCOM_ACCESS_TOKEN (or --token): requests without an Authorization header run on the embedded Intercom sandbox at ${sandbox.url} (seeded sample data); a request's own "Authorization: Bearer <token>" goes to Intercom.\n`
      : `No INTERCOM_ACCESS_TOKEN (or --token): the tools run on the embedded Intercom sandbox at ${sandbox.url} (seeded sample data, nothing leaves this machine).\n`
  }
  const count = selectTools(selection).length

  try {
    if (values.http) {
      const http = await serveMcpHttp({ ...selection, context, bearerContext: intercom, port, ...(values.host ? { host: values.host } : {}), log: (line) => io.stderr(`${line}\n`) })
      io.stderr(notice)
      io.stderr(`MCP server (Streamable HTTP) serving ${count} tools at ${http.url}. Stop with Ctrl-C.\n`)
      io.stdout(`${http.url}\n`)
      await untilStopped(signal)
      await http.close()
      return 0
    }
    // stdio: stdout carries the protocol and nothing else; notices go to stderr.
    const server = createMcpServer({ ...selection, context })
    const transport = new StdioServerTransport()
    await server.connect(transport)
    io.stderr(notice)
    io.stderr(`MCP server (stdio) serving ${count} tools.\n`)
    await untilStopped(signal, (stop) => {
      process.stdin.once('end', stop)
      process.stdin.once('close', stop)
    })
    await server.close()
    return 0
  } finally {
    await sandbox?.close()
  }
}
