/**
 * `intercom-blocks/node`: the webhook handler as a `node:http` request listener, for Express,
 * Fastify (raw), plain `http.createServer` and the CLI. Node-only, hence its own entry.
 *
 * ```ts
 * import { createServer } from 'node:http'
 * import { createNodeWebhookListener } from 'intercom-blocks/node'
 *
 * createServer(createNodeWebhookListener({ clientSecret, onEvent: (event) => console.log(event) })).listen(3000)
 * ```
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { createWebhookHandler } from './handler'
import type { WebhookHandler, WebhookHandlerOptions } from '../types'

/** A `node:http` request listener. */
export type NodeRequestListener = (request: IncomingMessage, response: ServerResponse) => void

/** The Fetch-API request for a `node:http` request (its body streamed, not buffered here). */
export function toFetchRequest(request: IncomingMessage): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
  }
  const method = (request.method ?? 'GET').toUpperCase()
  const host = headers.get('host') ?? 'localhost'
  const url = new URL(request.url ?? '/', `http://${host}`)
  const hasBody = method !== 'GET' && method !== 'HEAD'
  return new Request(url, {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(request) as unknown as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit)
}

/** Writes a Fetch-API response to a `node:http` response. */
export async function writeFetchResponse(response: Response, target: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined
  target.writeHead(response.status, { ...headers, 'Content-Length': String(body?.byteLength ?? 0) })
  target.end(body)
}

/** Adapts any Fetch-API handler (such as `createWebhookHandler`'s) to `node:http`. */
export function toNodeListener(handler: WebhookHandler): NodeRequestListener {
  return (request, response) => {
    void (async () => {
      try {
        await writeFetchResponse(await handler(toFetchRequest(request)), response)
      } catch {
        if (!response.headersSent) {
          response.writeHead(500, { 'Content-Type': 'application/json' })
          response.end('{"error":"webhook handler failed"}')
        } else response.destroy()
      }
    })()
  }
}

/** `createWebhookHandler(options)` as a `node:http` request listener. */
export function createNodeWebhookListener(options: WebhookHandlerOptions): NodeRequestListener {
  return toNodeListener(createWebhookHandler(options))
}
