/**
 * A real Redis server for the store tests. `.ci/run` starts Debian's `redis-server` on a free
 * loopback port and passes it as INTERCOM_BLOCKS_REDIS_URL; without that, a test starts its own
 * from `redis-server` on the PATH. Outside CI, a machine without it skips the Redis tests and says
 * what to install; with CI=true they fail instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from 'redis'

export const inCi = process.env.CI === 'true' || process.env.CI === '1'
export const REDIS_BIN = process.env.REDIS_SERVER_PATH ?? 'redis-server'
export const hasRedisServer = spawnSync(REDIS_BIN, ['--version'], { stdio: 'ignore' }).status === 0
export const SHARED_REDIS_URL = process.env.INTERCOM_BLOCKS_REDIS_URL
const SKIP = `skipped: no redis-server on the PATH (install it with: apt-get install -y redis-server, or set REDIS_SERVER_PATH)`

/** Whether Redis tests run here; false only outside CI on a machine without redis-server. */
export const redisAvailable = hasRedisServer || SHARED_REDIS_URL !== undefined || inCi
/** Suffix of a describe title: why it is skipped, when it is. */
export const redisSkipNote = redisAvailable ? '' : ` (${SKIP})`

export function requireRedisServer(): void {
  if (!hasRedisServer) throw new Error(`CI needs redis-server for the Redis tests: ${SKIP}`)
}

/** A free loopback port (the kernel's pick, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** A redis-server process of the test's own, which the test may kill and start again. */
export interface OwnRedis {
  url: string
  port: number
  /** Kills the server (SIGKILL by default) and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>
  /** Starts it again on the same port and folder (its append-only file is read back). */
  start(): Promise<void>
  /** Kills it and removes its folder. */
  close(): Promise<void>
}

/**
 * Starts redis-server on a free loopback port, with an append-only file written on every command
 * (`appendfsync always`), so that what it acknowledged survives a kill -9.
 */
export async function startOwnRedis(): Promise<OwnRedis> {
  requireRedisServer()
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'intercom-blocks-redis-'))
  let child: ChildProcess | undefined
  let exited: Promise<void> = Promise.resolve()

  async function start(): Promise<void> {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--daemonize', 'no']
    const proc = spawn(REDIS_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    child = proc
    exited = new Promise((resolve) => proc.once('exit', () => resolve()))
    await new Promise<void>((resolve, reject) => {
      let out = ''
      const onData = (chunk: Buffer) => {
        out += chunk.toString()
        if (/Ready to accept connections/.test(out)) {
          proc.stdout?.off('data', onData)
          proc.stdout?.resume()
          resolve()
        }
      }
      proc.stdout?.on('data', onData)
      proc.stderr?.resume()
      proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready: ${out.slice(-500)}`)))
    })
  }

  async function kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill(signal)
      await exited
    }
  }

  await start()
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    start,
    async close() {
      await kill()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * The Redis the shared tests use: the one `.ci/run` started, else one of the test's own. Each
 * test file works under its own key prefix, so files running at once do not meet.
 */
export async function sharedRedis(): Promise<{ url: string; close(): Promise<void> }> {
  if (SHARED_REDIS_URL !== undefined) return { url: SHARED_REDIS_URL, close: async () => undefined }
  const own = await startOwnRedis()
  return { url: own.url, close: () => own.close() }
}

/** A connected node-redis client that retries its connection quickly (tests restart servers). */
export async function connect(url: string) {
  const client = createClient({ url, socket: { reconnectStrategy: (retries: number) => Math.min(50 + retries * 50, 500), connectTimeout: 2_000 } })
  // node-redis emits 'error' for every failed reconnect; the tests watch the stores, not these.
  client.on('error', () => undefined)
  await client.connect()
  return client
}

/** A key prefix unique to this run and file. */
export function uniquePrefix(name: string): string {
  return `test:${name}:${process.pid}:${Date.now()}:`
}
