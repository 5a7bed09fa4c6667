/**
 * The benchmarks' server, run in a process of its own so that its work is not charged to the
 * client being measured: starts the sandbox with the options given as JSON in argv[2] and prints
 * its URL on stdout. Stops when its standard input closes (the parent went away).
 */
import { startSandbox, type SandboxOptions } from '../sandbox'

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions
  const sandbox = await startSandbox({ port: 0, ...options })
  process.stdout.write(`${JSON.stringify({ url: sandbox.url, token: sandbox.token })}\n`)
  const stop = () => {
    void sandbox.close().finally(() => process.exit(0))
  }
  process.stdin.on('end', stop)
  process.stdin.on('close', stop)
  process.stdin.resume()
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server failed: ${(error as Error).stack ?? String(error)}\n`)
  process.exit(1)
})
