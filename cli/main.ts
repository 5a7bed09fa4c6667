import { parseArgs } from 'node:util'
import { startSandbox } from '../sandbox'
import { redactError } from '../tools/errors'
import { checkParams, executeTool } from '../tools/executor'
import { getTool, listTools } from '../tools/registry'
import { PACKAGE_VERSION } from '../tools/version'
import type { Region, ToolContext, ToolError } from '../types'
import { cliParams } from './params'
import { describeTool, toolList } from './describe'
import { DemoError, runDemo } from './demo'
import { refuseUnknownFlags } from './flags'
import { CliUsageError, processIo, SEE_USAGE, type CliIo } from './io'
import { commandPlayground, PLAYGROUND_PORT } from './playground'
import { resetSandboxState, sandboxStatePath } from './state'
import { commandListen, LISTEN_USAGE } from './listen'
import { startDemoTriggers } from './demo-triggers'

/** The token the embedded sandbox is started with when no real token is given. */
export const SANDBOX_TOKEN = 'sandbox-token'

const USAGE = `intercom-blocks ${PACKAGE_VERSION}: Intercom tools for workflows and agents

Usage:
  intercom-blocks demo [--seed N]                  run a scripted support workflow on the embedded sandbox
  intercom-blocks tools [--json]                   list the tools
  intercom-blocks describe <tool-id> [--json]      show a tool's params and outputs
  intercom-blocks run <tool-id> [--<param> value ...] [--params '<json>']
                  [--token T] [--region us|eu|au] [--base-url URL] [--intercom-version V] [--reset]
                                                   run a tool and print its output as JSON
  intercom-blocks run <tool-id> --help             show the tool's params
  intercom-blocks sandbox [--port 4010] [--seed N] [--data state.json]
                  [--webhook URL --webhook-secret S]  serve the Intercom sandbox until stopped
                                                   (and send signed webhooks of every change to URL)
  intercom-blocks playground [--port 4020] [--host 127.0.0.1] [--seed N]
                                                   serve a page to build and run Intercom blocks
  intercom-blocks mcp [--http [--port 3000] [--host 127.0.0.1]] [--tools id,...] [--read-only] [--exclude-destructive]
                                                   serve the tools to MCP clients (stdio, or Streamable HTTP at /mcp)
${LISTEN_USAGE}

Token and region come from INTERCOM_ACCESS_TOKEN and INTERCOM_REGION (or the flags). Without a
token, run starts the embedded sandbox in-process and says so on stderr; its workspace is kept
between runs in $XDG_CACHE_HOME/intercom-blocks/sandbox.json (or ~/.cache/...; override with
INTERCOM_BLOCKS_SANDBOX_STATE), and --reset starts it afresh from the seed.
`

function integerFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new CliUsageError(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`)
  }
  return Number(value)
}

/** Runs `parseArgs`, turning its errors (unknown flag, missing value) into usage errors. */
function guard<T>(parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    throw new CliUsageError((error as Error).message)
  }
}

/** One line pointing at the full usage, printed instead of it after a flag mistake. */

async function commandTools(args: string[], io: CliIo): Promise<number> {
  refuseUnknownFlags(args, { values: [], booleans: ['json'] }, 'tools', 'option', SEE_USAGE)
  const { values, positionals } = guard(() => parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: false, strict: true }))
  void positionals
  io.stdout(toolList(listTools(), values.json === true))
  return 0
}

async function commandDescribe(args: string[], io: CliIo): Promise<number> {
  refuseUnknownFlags(args, { values: [], booleans: ['json'] }, 'describe', 'option', SEE_USAGE)
  const { values, positionals } = guard(() => parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true }))
  const [id, ...extra] = positionals
  if (!id || extra.length > 0) throw new CliUsageError('describe takes exactly one tool id, e.g. intercom-blocks describe intercom_get_contact')
  const tool = getTool(id)
  if (!tool) throw new CliUsageError(`there is no tool ${JSON.stringify(id)}; intercom-blocks tools lists them`)
  io.stdout(describeTool(tool, values.json === true))
  return 0
}

const RUN_OPTIONS = ['params', 'token', 'region', 'base-url', 'intercom-version'] as const
const RUN_SWITCHES = ['help', 'reset'] as const

function printFailure(io: CliIo, id: string, error: ToolError): void {
  io.stderr(`${id} failed: [${error.code}] ${error.message}\n${JSON.stringify(error)}\n`)
}

async function commandRun(args: string[], io: CliIo): Promise<number> {
  const [id, ...rest] = args
  if (!id || id.startsWith('-')) throw new CliUsageError('run needs a tool id first, e.g. intercom-blocks run intercom_list_admins')
  const tool = getTool(id)
  if (!tool) throw new CliUsageError(`there is no tool ${JSON.stringify(id)}; intercom-blocks tools lists them`)
  const paramNames = Object.keys(tool.params.shape)
  const seeHelp = `intercom-blocks run ${id} --help lists its params`
  refuseUnknownFlags(rest, { values: [...paramNames, ...RUN_OPTIONS], booleans: RUN_SWITCHES }, id, 'parameter', seeHelp)
  const options: Record<string, { type: 'string' } | { type: 'boolean'; short?: string }> = {}
  for (const name of [...paramNames, ...RUN_OPTIONS]) options[name] = { type: 'string' }
  options.help = { type: 'boolean', short: 'h' }
  options.reset = { type: 'boolean' }
  const { values, positionals } = guard(() => parseArgs({ args: rest, options, allowPositionals: true, strict: true }))
  if (values.help === true) {
    io.stdout(describeTool(tool, false))
    return 0
  }
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument ${JSON.stringify(positionals[0])}: give params as --<param> value`, seeHelp)

  const flags = values as Record<string, string | undefined>
  const params = cliParams(tool, flags, paramNames)

  const region = flags.region ?? io.env.INTERCOM_REGION
  if (region !== undefined && !['us', 'eu', 'au'].includes(region)) {
    throw new CliUsageError(`--region (or INTERCOM_REGION) must be us, eu or au, got ${JSON.stringify(region)}`)
  }
  if (flags.token !== undefined && flags.token.trim() === '') {
    throw new CliUsageError('--token is empty; leave it out (and INTERCOM_ACCESS_TOKEN unset) to use the embedded sandbox')
  }
  const token = flags.token ?? io.env.INTERCOM_ACCESS_TOKEN
  const useSandbox = !token || token.trim() === ''
  const context: ToolContext = { accessToken: token ?? SANDBOX_TOKEN }
  if (region) context.region = region as Region
  if (flags['base-url']) context.baseUrl = flags['base-url']
  if (flags['intercom-version']) context.version = flags['intercom-version']
  if (useSandbox) {
    for (const flag of ['base-url', 'region'] as const) {
      if (flags[flag] !== undefined) {
        throw new CliUsageError(`--${flag} needs a token (--token or INTERCOM_ACCESS_TOKEN); without one, run uses the embedded sandbox`)
      }
    }
  } else if (values.reset === true) {
    throw new CliUsageError('--reset applies to the embedded sandbox only, which run uses when no token is given')
  }

  // Refused input is reported before anything starts, so no notice claims a run that never happened.
  const checked = checkParams(tool, params)
  if (!checked.success) {
    printFailure(io, id, redactError(checked.error, token))
    return 1
  }

  let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined
  if (useSandbox) {
    const state = sandboxStatePath(io.env)
    if (values.reset === true) resetSandboxState(state)
    sandbox = await startKeptSandbox(state)
    context.accessToken = SANDBOX_TOKEN
    context.baseUrl = sandbox.url
    io.stderr(
      `No INTERCOM_ACCESS_TOKEN (or --token): running against the embedded Intercom sandbox (sample data, nothing leaves this machine). ` +
        `Its workspace is kept between runs in ${state}${values.reset === true ? ' (reset to the seed for this run)' : '; --reset starts it afresh'}.\n`,
    )
  }
  try {
    const result = await executeTool(id, params, context)
    if (!result.success) {
      printFailure(io, id, result.error)
      return 1
    }
    io.stdout(`${JSON.stringify(result.output, null, 2)}\n`)
    return 0
  } finally {
    await sandbox?.close()
  }
}

/** How long `run` waits for another `run` to let go of the kept sandbox state. */
const STATE_WAIT_MS = 30_000

/** Starts the sandbox on the kept state, waiting while another `run` holds it. */
async function startKeptSandbox(state: string): Promise<Awaited<ReturnType<typeof startSandbox>>> {
  const deadline = Date.now() + STATE_WAIT_MS
  for (;;) {
    try {
      return await startSandbox({ port: 0, data: state })
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EDATAFILEBUSY' || Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100))
    }
  }
}

async function commandSandbox(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  refuseUnknownFlags(args, { values: ['port', 'seed', 'data', 'host', 'webhook', 'webhook-secret'] }, 'sandbox', 'option', SEE_USAGE)
  const { values } = guard(() => parseArgs({
    args,
    options: { port: { type: 'string' }, seed: { type: 'string' }, data: { type: 'string' }, host: { type: 'string' }, webhook: { type: 'string' }, 'webhook-secret': { type: 'string' } },
    allowPositionals: false,
    strict: true,
  }))
  const port = integerFlag('port', values.port, 0, 65535) ?? 4010
  const seed = integerFlag('seed', values.seed, 0, 2 ** 31 - 1)
  if ((values.webhook === undefined) !== (values['webhook-secret'] === undefined)) throw new CliUsageError('--webhook URL and --webhook-secret S go together')
  if (values.webhook !== undefined && !/^https?:\/\/[^/]/.test(values.webhook)) throw new CliUsageError(`--webhook must be an http or https URL, got ${JSON.stringify(values.webhook)}`)
  if (values['webhook-secret'] === '') throw new CliUsageError('--webhook-secret is empty')
  const webhooks = values.webhook === undefined ? {} : { webhooks: [{ url: values.webhook, topics: ['*'], clientSecret: values['webhook-secret'] as string }] }
  const sandbox = await startSandbox({ port, ...(seed === undefined ? {} : { seed }), ...(values.data ? { data: values.data } : {}), ...(values.host ? { host: values.host } : {}), ...webhooks })
  io.stderr(`Intercom sandbox listening; any bearer token works. Stop with Ctrl-C.\n`)
  io.stdout(`${sandbox.url}\n`)
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    if (signal) signal.addEventListener('abort', stop, { once: true })
    else {
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    }
  })
  await sandbox.close()
  io.stderr('Sandbox stopped.\n')
  return 0
}

async function commandDemo(args: string[], io: CliIo): Promise<number> {
  refuseUnknownFlags(args, { values: ['seed'] }, 'demo', 'option', SEE_USAGE)
  const { values } = guard(() => parseArgs({ args, options: { seed: { type: 'string' } }, allowPositionals: false, strict: true }))
  const seed = integerFlag('seed', values.seed, 0, 2 ** 31 - 1)
  io.stderr('Starting the embedded Intercom sandbox (the demo never touches a real workspace)...\n')
  const triggers = await startDemoTriggers(io)
  const sandbox = await startSandbox({ port: 0, ...(seed === undefined ? {} : { seed }), webhooks: triggers.webhooks })
  io.stderr(`Sandbox at ${sandbox.url}, sending signed webhooks to a local trigger endpoint. Running a support workflow through executeTool (⚡ = a trigger its change started):\n`)
  try {
    const steps = await runDemo({ accessToken: SANDBOX_TOKEN, baseUrl: sandbox.url }, io, { afterStep: () => sandbox.webhooks.idle() })
    io.stderr(`Demo finished: ${steps.length} steps, ${new Set(steps.map((step) => step.toolId)).size} different tools, ${triggers.fired.length} trigger events.\n`)
    io.stderr(`Build and run blocks yourself: npx intercom-blocks playground, then open http://127.0.0.1:${PLAYGROUND_PORT}/\n`)
    return 0
  } catch (error) {
    if (error instanceof DemoError) {
      io.stderr(`Demo failed: ${error.message}\n`)
      return 1
    }
    throw error
  } finally {
    await sandbox.close()
    await triggers.close()
  }
}

/**
 * One line for a server that could not listen (any command that starts one): the port is taken,
 * or not ours to take. Undefined for any other error.
 */
export function listenError(error: unknown): string | undefined {
  const { code, port, address } = (error ?? {}) as { code?: unknown; port?: unknown; address?: unknown }
  const where = `${typeof address === 'string' ? address : 'this host'}:${typeof port === 'number' ? port : '?'}`
  if (code === 'EADDRINUSE') return `port ${where} is already in use; stop what uses it, or choose another with --port (0 picks a free one)`
  if (code === 'EACCES') return `no permission to listen on ${where}; choose a port above 1023 with --port`
  if (code === 'EADDRNOTAVAIL') return `cannot listen on ${where}: that address is not on this machine; check --host`
  if (code === 'EDATAFILEBUSY') return (error as Error).message
  return undefined
}

/**
 * Runs the CLI with these arguments and returns the exit code: 0 on success, 1 when a tool or
 * the demo failed, 2 for a usage or input error. Never calls process.exit.
 */
export async function main(argv: string[], io: CliIo = processIo, signal?: AbortSignal): Promise<number> {
  const [command, ...args] = argv
  // `<command> --help` for the commands whose help is the usage (run has its own, per tool).
  if (['tools', 'describe', 'sandbox', 'demo', 'playground', 'mcp', 'listen'].includes(command ?? '') && args.some((arg) => arg === '--help' || arg === '-h')) {
    io.stdout(USAGE)
    return 0
  }
  try {
    switch (command) {
      case 'tools':
        return await commandTools(args, io)
      case 'describe':
        return await commandDescribe(args, io)
      case 'run':
        return await commandRun(args, io)
      case 'sandbox':
        return await commandSandbox(args, io, signal)
      case 'demo':
        return await commandDemo(args, io)
      case 'playground':
        return await commandPlayground(args, io, signal)
      case 'mcp':
        return await (await import('./mcp')).commandMcp(args, io, signal)
      case 'listen':
        return await commandListen(args, io, signal)
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE)
        return command === undefined ? 2 : 0
      case '--version':
        io.stdout(`${PACKAGE_VERSION}\n`)
        return 0
      default:
        throw new CliUsageError(`unknown command ${JSON.stringify(command)}`)
    }
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(error.hint ? `intercom-blocks: ${error.message}\n${error.hint}\n` : `intercom-blocks: ${error.message}\n\n${USAGE}`)
      return 2
    }
    const listenProblem = listenError(error)
    if (listenProblem) {
      io.stderr(`intercom-blocks: ${listenProblem}\n`)
      return 1
    }
    io.stderr(`intercom-blocks: ${(error as Error).stack ?? String(error)}\n`)
    return 1
  }
}
