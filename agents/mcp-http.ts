import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import type { ToolContext } from '../types'
import { mcpTools, serverFor, type McpServerOptions } from './mcp'

export interface McpHttpOptions extends McpServerOptions {
  /**
   * TCP port; 0 lets the system pick a free one (see `McpHttpServer.url`).
   * @default 0
   */
  port?: number
  /**
   * Interface to listen on.
   * @default '127.0.0.1'
   */
  host?: string
  /**
   * Where a request that brings its own `Authorization: Bearer <Intercom token>` is sent (region,
   * base URL, timeouts): that token is used for that request only. Defaults to `context` without
   * its token. Requests without the header use `context`.
   */
  bearerContext?: Omit<ToolContext, 'accessToken'>
  /** Where to write one line per problem (never a token). Defaults to nowhere. */
  log?: (line: string) => void
}

export interface McpHttpServer {
  /** The MCP endpoint, e.g. `http://127.0.0.1:3000/mcp`. */
  url: string
  port: number
  close(): Promise<void>
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

function sendJsonRpcError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }))
}

/** The request's own Intercom token, `undefined` without the header, or `null` when the header is malformed. */
function bearerOf(req: IncomingMessage): string | undefined | null {
  const header = req.headers.authorization
  if (header === undefined) return undefined
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header)
  return match ? (match[1] as string) : null
}

/**
 * Serves the tools over MCP's Streamable HTTP transport at `/mcp` (stateless: each POST is
 * answered on its own, so that each request may carry its own Intercom token). Uses Node's http
 * module. On a loopback host, requests whose `Host` header is not that host are refused (DNS
 * rebinding protection).
 *
 * @throws UnknownToolError when `tools` names an id that is not a tool.
 * @example
 * const mcp = await serveMcpHttp({ port: 3000, context: { accessToken: process.env.INTERCOM_ACCESS_TOKEN! } })
 * // clients connect to mcp.url; one sending `Authorization: Bearer <its token>` works on its own workspace
 */
export async function serveMcpHttp(options: McpHttpOptions): Promise<McpHttpServer> {
  const list = mcpTools(options)
  const host = options.host ?? '127.0.0.1'
  const { accessToken: _serverToken, ...withoutToken } = options.context
  const bearerContext = options.bearerContext ?? withoutToken
  const log = options.log ?? (() => {})
  let port = 0

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    if (path !== '/mcp') return sendJsonRpcError(res, 404, 'Not found: the MCP endpoint is /mcp')
    if (req.method !== 'POST') return sendJsonRpcError(res, 405, 'Method not allowed: this stateless server takes POST only', { allow: 'POST' })
    const bearer = bearerOf(req)
    if (bearer === null) return sendJsonRpcError(res, 401, "The Authorization header must be 'Bearer <Intercom access token>', or left out")
    const context: ToolContext = bearer === undefined ? options.context : { ...bearerContext, accessToken: bearer }
    const server = serverFor({ ...options, context }, list)
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      ...(LOOPBACK.has(host) ? { enableDnsRebindingProtection: true, allowedHosts: [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`] } : {}),
    })
    res.on('close', () => {
      void transport.close()
      void server.close()
    })
    await server.connect(transport)
    await transport.handleRequest(req, res)
  }

  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`MCP request failed: ${error instanceof Error ? error.message : String(error)}`)
      if (!res.headersSent) sendJsonRpcError(res, 500, 'Internal server error')
      else res.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(options.port ?? 0, host, () => {
      http.off('error', reject)
      resolve()
    })
  })
  port = (http.address() as AddressInfo).port
  const shown = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${shown}:${port}/mcp`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        http.close((error) => (error ? reject(error) : resolve()))
        http.closeAllConnections()
      }),
  }
}
