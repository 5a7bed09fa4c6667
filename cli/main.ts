import { parseArgs } from 'node:util'
import { startSandbox } from '../sandbox'
import { executeTool } from '../tools/executor'
import { getTool, listTools } from '../tools/registry'
import { PACKAGE_VERSION } from '../tools/version'
import type { Region, ToolContext } from '../types'
import { cliParams } from './params'
import { describeTool, toolList } from './describe'
import { DemoError, runDemo } from './demo'
import { CliUsageError, processIo, type CliIo } from './io'
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
                  [--token T] [--region us|eu|au] [--base-url URL] [--intercom-version V]
                                                   run a tool and print its output as JSON
  intercom-blocks sandbox [--port 4010] [--seed N] [--data state.json]
                  [--webhook URL --webhook-secret S]  serve the Intercom sandbox until stopped
                                                   (and send signed webhooks of every change to URL)
${LISTEN_USAGE}

Token and region come from INTERCOM_ACCESS_TOKEN and INTERCOM_REGION (or the flags). Without a
token, run starts the embedded sandbox in-process and says so on stderr.
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

async function commandTools(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = guard(() => parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: false, strict: true }))
  void positionals
  io.stdout(toolList(listTools(), values.json === true))
  return 0
}

async function commandDescribe(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = guard(() => parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true }))
  const [id, ...extra] = positionals
  if (!id || extra.length > 0) throw new CliUsageError('describe takes exactly one tool id, e.g. intercom-blocks describe intercom_get_contact')
  const tool = getTool(id)
  if (!tool) throw new CliUsageError(`there is no tool ${JSON.stringify(id)}; intercom-blocks tools lists them`)
  io.stdout(describeTool(tool, values.json === true))
  return 0
}

const RUN_OPTIONS = ['params', 'token', 'region', 'base-url', 'intercom-version'] as const

async function commandRun(args: string[], io: CliIo): Promise<number> {
  const [id, ...rest] = args
  if (!id || id.startsWith('-')) throw new CliUsageError('run needs a tool id first, e.g. intercom-blocks run intercom_list_admins')
  const tool = getTool(id)
  if (!tool) throw new CliUsageError(`there is no tool ${JSON.stringify(id)}; intercom-blocks tools lists them`)
  const paramNames = Object.keys(tool.params.shape)
  const options: Record<string, { type: 'string' }> = {}
  for (const name of [...paramNames, ...RUN_OPTIONS]) options[name] = { type: 'string' }
  const { values, positionals } = guard(() => parseArgs({ args: rest, options, allowPositionals: true, strict: true }))
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument ${JSON.stringify(positionals[0])}: give params as --<param> value`)

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
  const context: ToolContext = { accessToken: token ?? SANDBOX_TOKEN }
  if (region) context.region = region as Region
  if (flags['base-url']) context.baseUrl = flags['base-url']
  if (flags['intercom-version']) context.version = flags['intercom-version']

  let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined
  if (!token || token.trim() === '') {
    for (const flag of ['base-url', 'region'] as const) {
      if (flags[flag] !== undefined) {
        throw new CliUsageError(`--${flag} needs a token (--token or INTERCOM_ACCESS_TOKEN); without one, run uses the embedded sandbox`)
      }
    }
    sandbox = await startSandbox({ port: 0 })
    context.accessToken = SANDBOX_TOKEN
    context.baseUrl = sandbox.url
    io.stderr(`No INTERCOM_ACCESS_TOKEN (or --token): running against the embedded Intercom sandbox at ${sandbox.url} (seeded sample data, nothing leaves this machine).\n`)
  }
  try {
    const result = await executeTool(id, params, context)
    if (!result.success) {
      io.stderr(`${id} failed: [${result.error.code}] ${result.error.message}\n${JSON.stringify(result.error)}\n`)
      return 1
    }
    io.stdout(`${JSON.stringify(result.output, null, 2)}\n`)
    return 0
  } finally {
    await sandbox?.close()
  }
}

async function commandSandbox(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
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
  const { values } = guard(() => parseArgs({ args, options: { seed: { type: 'string' } }, allowPositionals: false, strict: true }))
  const seed = integerFlag('seed', values.seed, 0, 2 ** 31 - 1)
  io.stderr('Starting the embedded Intercom sandbox (the demo never touches a real workspace)...\n')
  const triggers = await startDemoTriggers(io)
  const sandbox = await startSandbox({ port: 0, ...(seed === undefined ? {} : { seed }), webhooks: triggers.webhooks })
  io.stderr(`Sandbox at ${sandbox.url}, sending signed webhooks to a local trigger endpoint. Running a support workflow through executeTool (⚡ = a trigger its change started):\n`)
  try {
    const steps = await runDemo({ accessToken: SANDBOX_TOKEN, baseUrl: sandbox.url }, io, { afterStep: () => sandbox.webhooks.idle() })
    io.stderr(`Demo finished: ${steps.length} steps, ${new Set(steps.map((step) => step.toolId)).size} different tools, ${triggers.fired.length} trigger events.\n`)
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
 * Runs the CLI with these arguments and returns the exit code: 0 on success, 1 when a tool or
 * the demo failed, 2 for a usage or input error. Never calls process.exit.
 */
export async function main(argv: string[], io: CliIo = processIo, signal?: AbortSignal): Promise<number> {
  const [command, ...args] = argv
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
      io.stderr(`intercom-blocks: ${error.message}\n\n${USAGE}`)
      return 2
    }
    io.stderr(`intercom-blocks: ${(error as Error).stack ?? String(error)}\n`)
    return 1
  }
}
