/**
 * `intercom-blocks listen`: a webhook endpoint on this machine that verifies Intercom's
 * signature and prints each event as one JSON line on stdout (for piping into jq or a script).
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'
import { createNodeWebhookListener } from '../triggers/node'
import type { TriggerSelection } from '../types'
import { refuseUnknownFlags } from './flags'
import { CliUsageError, SEE_USAGE, type CliIo } from './io'

export const LISTEN_USAGE = `  intercom-blocks listen --secret S [--port 4020] [--host 127.0.0.1] [--trigger ID ...] [--topics T,T]
                                                   receive Intercom webhooks, print each verified event as a JSON line`

function usage(message: string): never {
  throw new CliUsageError(message)
}

/** Runs the listener until `signal` aborts (or SIGINT/SIGTERM); returns the exit code. */
export async function commandListen(args: string[], io: CliIo, signal?: AbortSignal, onListening?: (url: string) => void): Promise<number> {
  refuseUnknownFlags(args, { values: ['port', 'host', 'secret', 'trigger', 'topics'] }, 'listen', 'option', SEE_USAGE)
  let values: { port?: string; host?: string; secret?: string; trigger?: string[]; topics?: string }
  try {
    values = parseArgs({
      args,
      options: { port: { type: 'string' }, host: { type: 'string' }, secret: { type: 'string' }, trigger: { type: 'string', multiple: true }, topics: { type: 'string' } },
      allowPositionals: false,
      strict: true,
    }).values
  } catch (error) {
    usage((error as Error).message)
  }
  const port = values.port === undefined ? 4020 : /^\d+$/.test(values.port) && Number(values.port) <= 65535 ? Number(values.port) : usage(`--port must be a whole number from 0 to 65535, got ${JSON.stringify(values.port)}`)
  const secret = values.secret ?? io.env.INTERCOM_CLIENT_SECRET
  if (secret === undefined || secret === '') usage("--secret (or INTERCOM_CLIENT_SECRET) is required: the Intercom app's client secret, which signs every notification")
  const selection: TriggerSelection[] = [...(values.trigger ?? [])]
  if (values.topics !== undefined) {
    const topics = values.topics.split(/[\s,]+/).filter(Boolean)
    if (topics.length === 0) usage('--topics must list at least one topic, e.g. --topics ticket.closed,company.updated')
    selection.push({ id: 'intercom_webhook', topics })
  }
  let listener: ReturnType<typeof createNodeWebhookListener>
  try {
    listener = createNodeWebhookListener({
      clientSecret: secret,
      ...(selection.length > 0 ? { triggers: selection } : {}),
      onEvent: ({ trigger, output }) => io.stdout(`${JSON.stringify({ trigger, output })}\n`),
    })
  } catch (error) {
    usage((error as Error).message.replace(/^createWebhookHandler: /, '').replace(/^triggers/, '--trigger'))
  }
  const server = createServer(listener)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, values.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = `http://${host}:${address.port}/`
  io.stderr(`Listening for Intercom webhooks at ${url} (signature checked with the given secret). Stop with Ctrl-C.\n`)
  onListening?.(url)
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    if (signal) signal.addEventListener('abort', stop, { once: true })
    else {
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    }
  })
  await new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
  return 0
}
