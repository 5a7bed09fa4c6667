import { parseArgs } from 'node:util'
import { startPlayground } from '../playground/server'
import { refuseUnknownFlags } from './flags'
import { CliUsageError, SEE_USAGE, type CliIo } from './io'

/** The playground's default port. */
export const PLAYGROUND_PORT = 4020

/**
 * `intercom-blocks playground [--port N] [--host H] [--seed N]`: serves the playground page until
 * stopped (or until `signal` aborts, for tests).
 */
export async function commandPlayground(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  refuseUnknownFlags(args, { values: ['port', 'host', 'seed'] }, 'playground', 'option', SEE_USAGE)
  let values: { port?: string; host?: string; seed?: string }
  try {
    ;({ values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' }, seed: { type: 'string' } }, allowPositionals: false, strict: true }))
  } catch (error) {
    throw new CliUsageError((error as Error).message)
  }
  const number = (name: string, text: string | undefined, max: number) => {
    if (text === undefined) return undefined
    if (!/^\d+$/.test(text) || Number(text) > max) throw new CliUsageError(`--${name} must be a whole number from 0 to ${max}, got ${JSON.stringify(text)}`)
    return Number(text)
  }
  const port = number('port', values.port, 65535) ?? PLAYGROUND_PORT
  const seed = number('seed', values.seed, 2 ** 31 - 1)
  // A port that is taken is one line and exit 1, as for every command that listens (main's listenError).
  const playground = await startPlayground({ port, ...(values.host ? { host: values.host } : {}), ...(seed === undefined ? {} : { sandbox: { seed } }) })
  io.stderr(`Playground: open ${playground.url} (blocks run on the embedded sandbox at ${playground.sandbox.url} unless you enter a token). Stop with Ctrl-C.\n`)
  io.stdout(`${playground.url}\n`)
  await new Promise<void>((resolve) => {
    if (signal) signal.addEventListener('abort', () => resolve(), { once: true })
    else {
      process.once('SIGINT', () => resolve())
      process.once('SIGTERM', () => resolve())
    }
  })
  await playground.close()
  io.stderr('Playground stopped.\n')
  return 0
}
