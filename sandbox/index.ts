/**
 * A local, stateful emulator of Intercom's REST API (version 2.16, and older versions' shapes
 * where Intercom documents a difference) for demos and tests: the endpoints the tools of this
 * package and a support workflow of Intercom's own SDK call, with Intercom's auth, version
 * header, errors, pagination, search language and rate-limit headers, over a deterministic
 * seeded workspace. Where it differs from Intercom: sandbox/DIFFERENCES.md.
 *
 * ```ts
 * const sandbox = await startSandbox({ seed: 7 })
 * const me = await fetch(`${sandbox.url}/me`, { headers: { Authorization: `Bearer ${sandbox.token}` } })
 * await sandbox.close()
 * ```
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DEFAULT_TOKEN, resolveOptions, type SandboxOptions } from './options'
import { openDataFile } from './persist'
import { matchRoute } from './router'
import { ROUTES } from './routes'
import { sandboxOnlyRoutes } from './routes/sandbox-only'
import { seedData } from './seed'
import { createPipeline } from './server'
import { Store } from './store'
import type { SandboxData } from './types'
import { changesSince, snapshot } from './webhooks/changes'
import { WebhookDispatcher, type WebhookOutbox } from './webhooks/dispatch'

export type { FaultOptions, RateLimitOptions, SandboxOptions } from './options'
export { DEFAULT_RATE_LIMIT, DEFAULT_SEED, DEFAULT_TOKEN } from './options'
export { INTERCOM_VERSIONS } from './server'
export { SEED_COUNTS, SEED_EPOCH, seedData } from './seed'
export type * from './types'
export type { WebhookDeliveryOptions, WebhookSubscription } from './webhooks/options'
export type { WebhookDelivery, WebhookOutbox } from './webhooks/dispatch'
export { WEBHOOK_USER_AGENT } from './webhooks/dispatch'

/** Read access to the sandbox's workspace, for tests and demos. */
export interface SandboxState {
  /** A deep copy of the whole workspace, as it would be saved to the data file. */
  snapshot(): SandboxData
  /** The id of the admin that every token acts as (what `GET /me` returns). */
  readonly adminId: string
  /** How many HTTP requests the sandbox has received. */
  readonly requestCount: number
  /** How many connections it has accepted: a client that reuses its connections opens few. */
  readonly connectionCount: number
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:53124`: use it as the tools' `baseUrl`. */
  url: string
  port: number
  host: string
  /** A token the sandbox accepts: the first of `tokens`, or `sandbox-token`. */
  token: string
  state: SandboxState
  /** The notifications sent to `webhooks` subscribers and how their delivery went. */
  webhooks: WebhookOutbox
  /** Stops listening and closes open connections. */
  close(): Promise<void>
}

/**
 * Whether the sandbox serves a route template such as `GET /contacts/{contactId}` (placeholder
 * names do not matter).
 */
export function servesRoute(route: string): boolean {
  const space = route.indexOf(' ')
  const path = route.slice(space + 1).replace(/\{[^}]+\}/g, '1')
  return matchRoute(ROUTES, route.slice(0, space), path) !== undefined
}

/** Starts a sandbox; resolves once it listens. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const resolved = resolveOptions(options)
  const dataFile = resolved.data
  const persisted = dataFile === undefined ? undefined : openDataFile(dataFile, () => seedData(resolved.seed))
  const data = persisted?.raw ?? seedData(resolved.seed)
  const store = new Store(persisted?.tracked ?? data)
  const webhooks = new WebhookDispatcher(resolved.webhooks, () => store.data.app.id_code)
  let requestCount = 0
  let connectionCount = 0
  const server = createServer(
    createPipeline({
      store,
      routes: [...ROUTES, ...sandboxOnlyRoutes],
      options: resolved,
      persist: persisted ? () => persisted.save() : undefined,
      onRequest: () => {
        requestCount += 1
      },
      // One place notifies every change, whichever route made it.
      ...(webhooks.enabled
        ? {
            watch: () => {
              const before = snapshot(store)
              return () => webhooks.notify(changesSince(before, store), store.now())
            },
          }
        : {}),
    }),
  )
  // Idle connections are kept 5 s (Node's default), so clients reuse them as they would
  // Intercom's. At 1 s, fetch (undici) took the server's `Keep-Alive: timeout=1` as too short to
  // risk and opened a new connection for every request.
  server.keepAliveTimeout = 5_000
  server.on('connection', () => {
    connectionCount += 1
  })

  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error) => {
      persisted?.close()
      reject(error)
    }
    server.once('error', failed)
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', failed)
      resolve()
    })
  })
  webhooks.ping()
  const address = server.address() as AddressInfo
  const hostInUrl = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address

  let closing: Promise<void> | undefined
  return {
    url: `http://${hostInUrl}:${address.port}`,
    port: address.port,
    host: address.address,
    token: resolved.tokens?.[0] ?? DEFAULT_TOKEN,
    state: {
      snapshot: () => structuredClone(data),
      get adminId() {
        return store.me().id
      },
      get requestCount() {
        return requestCount
      },
      get connectionCount() {
        return connectionCount
      },
    },
    webhooks,
    close() {
      webhooks.close()
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => {
          persisted?.close()
          if (error) reject(error)
          else resolve()
        })
        server.closeAllConnections()
      })
      return closing
    },
  }
}
