/**
 * The playground's server (Node's http module only): serves the page and its script, hands the
 * page the Intercom block as data, loads dropdown options and runs a chain of blocks through
 * `runBlock`, on the embedded sandbox unless the page sends a token.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomUUID } from 'node:crypto'
import { intercomBlock, loadFieldOptions, runBlock } from '../blocks/intercom'
import { BlockValueError, blockValueToolError } from '../blocks/errors'
import { blockWebhookHandlerOptions } from '../blocks/triggers'
import { createWebhookHandler } from '../triggers/handler'
import { getTrigger } from '../triggers/registry'
import { signWebhookBody } from '../triggers/signature'
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox'
import { REGION_HOSTS } from '../tools/http'
import type { BlockRunContext } from '../types'
import { pageHtml } from './page'
import { ChainReferenceError, resolveReferences, type BlockOutcome, type ChainBlock, type Connection, type RunResponse } from './protocol'

/** The file name of the page's script in the build output (tsup's name for an IIFE bundle). */
export const APP_SCRIPT = 'playground-app.global.js'

/** The most a request body may hold. */
const MAX_BODY_BYTES = 1_000_000
/** The most blocks one chain may hold. */
const MAX_BLOCKS = 50

export interface PlaygroundOptions {
  /** @default 4020 (0 picks a free port) */
  port?: number
  /** @default '127.0.0.1' */
  host?: string
  /** Options of the embedded sandbox the chains run on when the page sends no token. */
  sandbox?: SandboxOptions
  /** Where the page's script is, when not beside this module or in the package's dist/. */
  scriptPath?: string
  /** Merged into every run's context (e.g. a `fetch` or `baseUrl` for tests). */
  context?: BlockRunContext
}

export interface Playground {
  /** The page's address, e.g. `http://127.0.0.1:4020/`. */
  url: string
  port: number
  /** The embedded sandbox the page runs on without a token. */
  sandbox: Sandbox
  close(): Promise<void>
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message)
  }
}

function findScript(explicit: string | undefined): string {
  const here = dirname(fileURLToPath(import.meta.url))
  const candidates = explicit ? [explicit] : [resolve(here, APP_SCRIPT), resolve(here, '../dist', APP_SCRIPT)]
  const found = candidates.find((candidate) => existsSync(candidate))
  if (!found) throw new Error(`the playground's script is not built (looked for ${candidates.join(', ')}); run npm run build`)
  return found
}

/** The block as the page needs it: every field and output, without the two mapping functions. */
function blockData() {
  const { tools, ...data } = intercomBlock
  return { ...data, operations: tools.access }
}

function readBody(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? ''
  // A JSON content type cannot be sent across origins without a preflight, which this server never
  // answers: another site open in the browser cannot make the playground run anything.
  if (!/^application\/json\b/i.test(type)) {
    return Promise.reject(new HttpError(415, 'unsupported_media_type', 'send the request body as application/json'))
  }
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'payload_too_large', `the request body is over ${MAX_BODY_BYTES} bytes`))
        request.destroy()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => {
      try {
        resolveBody(JSON.parse(Buffer.concat(chunks).toString('utf8')))
      } catch (error) {
        reject(new HttpError(400, 'invalid_json', `the request body is not valid JSON (${(error as Error).message})`))
      }
    })
    request.on('error', reject)
  })
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** The context a request runs with: the page's token and region, or the embedded sandbox. */
function contextOf(connection: unknown, sandbox: Sandbox, extra: BlockRunContext): BlockRunContext {
  if (connection === undefined) return { ...extra, accessToken: sandbox.token, baseUrl: sandbox.url }
  if (!isRecord(connection)) throw new HttpError(400, 'validation_error', 'connection: must be an object', 'connection')
  const { accessToken, region, ...rest } = connection as Connection & Record<string, unknown>
  const unknown = Object.keys(rest)
  if (unknown.length > 0) throw new HttpError(400, 'validation_error', `connection.${unknown[0]}: is not a connection setting`, `connection.${unknown[0]}`)
  if (accessToken !== undefined && typeof accessToken !== 'string') throw new HttpError(400, 'validation_error', 'connection.accessToken: must be text', 'connection.accessToken')
  if (region !== undefined && (typeof region !== 'string' || !Object.hasOwn(REGION_HOSTS, region))) {
    throw new HttpError(400, 'validation_error', `connection.region: must be one of ${Object.keys(REGION_HOSTS).join(', ')}`, 'connection.region')
  }
  if (!accessToken) {
    if (region !== undefined) throw new HttpError(400, 'validation_error', 'connection.region: needs an access token; without one the playground runs on the embedded sandbox', 'connection.region')
    return { ...extra, accessToken: sandbox.token, baseUrl: sandbox.url }
  }
  return { ...extra, accessToken, ...(region ? { region: region as 'us' | 'eu' | 'au' } : {}) }
}

function chainOf(body: unknown): ChainBlock[] {
  if (!isRecord(body) || !Array.isArray(body.blocks)) throw new HttpError(400, 'validation_error', 'blocks: must be a list of blocks', 'blocks')
  if (body.blocks.length === 0) throw new HttpError(400, 'validation_error', 'blocks: the chain is empty; add a block first', 'blocks')
  if (body.blocks.length > MAX_BLOCKS) throw new HttpError(400, 'validation_error', `blocks: at most ${MAX_BLOCKS} blocks`, 'blocks')
  const ids = new Set<string>()
  return body.blocks.map((block, index) => {
    if (!isRecord(block) || typeof block.id !== 'string' || block.id === '' || !isRecord(block.values)) {
      throw new HttpError(400, 'validation_error', `blocks.${index}: must be { id, values }`, `blocks.${index}`)
    }
    if (ids.has(block.id)) throw new HttpError(400, 'validation_error', `blocks.${index}.id: ${block.id} is used twice`, `blocks.${index}.id`)
    ids.add(block.id)
    if (block.kind !== undefined && block.kind !== 'action' && block.kind !== 'trigger') {
      throw new HttpError(400, 'validation_error', `blocks.${index}.kind: must be action or trigger`, `blocks.${index}.kind`)
    }
    if (block.kind === 'trigger' && index !== 0) throw new HttpError(400, 'validation_error', `blocks.${index}.kind: a trigger starts the chain, so it can only be the first block`, `blocks.${index}.kind`)
    return { id: block.id, kind: block.kind === 'trigger' ? 'trigger' : 'action', values: block.values }
  })
}

/**
 * Fires a trigger block with its trigger's sample event: the notification is given a fresh id and
 * the current time, signed with the block's client secret and passed through the real webhook
 * handler (signature, envelope and output checks), and the output `onEvent` receives is the
 * block's output.
 */
export async function fireTrigger(id: string, values: Record<string, unknown>): Promise<BlockOutcome> {
  let options: ReturnType<typeof blockWebhookHandlerOptions>
  try {
    options = blockWebhookHandlerOptions(values)
  } catch (error) {
    if (!(error instanceof BlockValueError)) throw error
    return { id, status: 'error', error: blockValueToolError(error) }
  }
  const selection = options.triggers?.[0]
  const trigger = getTrigger(typeof selection === 'string' ? selection : (selection?.id ?? ''))
  if (!trigger || !options.clientSecret) throw new Error('blockWebhookHandlerOptions gave no trigger')
  const notification = { ...trigger.sample, id: `notif_playground_${randomUUID()}`, created_at: Math.floor(Date.now() / 1000) }
  const body = JSON.stringify(notification)
  let output: Record<string, unknown> | undefined
  const handler = createWebhookHandler({ ...options, onEvent: (event) => void (output = event.output as unknown as Record<string, unknown>) })
  const response = await handler(
    new Request('http://playground.invalid/webhook', { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-hub-signature': await signWebhookBody(body, options.clientSecret) } }),
  )
  if (output) return { id, status: 'success', output }
  const answer = await response.text()
  const field = typeof selection === 'object' ? 'topics' : 'triggerId'
  return {
    id,
    status: 'error',
    error: {
      code: 'trigger_not_fired',
      field,
      message: `${field}: the sample event (topic ${trigger.sample.topic}) started nothing: the handler answered ${response.status} ${answer}`,
      retryable: false,
    },
  }
}

/**
 * Runs the blocks in order. Each block's references are resolved against the outputs of the
 * blocks before it; the first failure stops the chain and the blocks after it are skipped.
 */
export async function runChain(blocks: ChainBlock[], context: BlockRunContext): Promise<RunResponse> {
  const outputs = new Map<string, unknown>()
  const results: BlockOutcome[] = []
  let failed: string | undefined
  for (const block of blocks) {
    if (failed !== undefined) {
      results.push({ id: block.id, status: 'skipped', reason: `${failed} failed, so this block did not run` })
      continue
    }
    if (block.kind === 'trigger') {
      const outcome = await fireTrigger(block.id, block.values)
      results.push(outcome)
      if (outcome.status === 'success') outputs.set(block.id, outcome.output)
      else failed = block.id
      continue
    }
    let values: Record<string, unknown>
    try {
      // The token and region come from the connection only: a block's values cannot name them.
      const { accessToken: _token, region: _region, ...fields } = block.values
      values = resolveReferences(fields, outputs)
    } catch (error) {
      if (!(error instanceof ChainReferenceError)) throw error
      results.push({ id: block.id, status: 'error', error: { code: 'validation_error', field: error.field, message: error.message, retryable: false } })
      failed = block.id
      continue
    }
    const result = await runBlock(values, context)
    if (result.success) {
      outputs.set(block.id, result.output)
      results.push({ id: block.id, status: 'success', output: result.output })
    } else {
      results.push({ id: block.id, status: 'error', error: result.error })
      failed = block.id
    }
  }
  return { results }
}

function send(response: ServerResponse, status: number, body: string, type: string): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  })
  response.end(body)
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, JSON.stringify(value), 'application/json; charset=utf-8')
}

/** Starts the playground; resolves once it listens. */
export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const script = readFileSync(findScript(options.scriptPath), 'utf8')
  const sandbox = await startSandbox({ port: 0, ...options.sandbox })
  const extra = options.context ?? {}
  const page = pageHtml(APP_SCRIPT)
  const block = JSON.stringify(blockData())

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://playground.invalid')
    const route = `${request.method} ${url.pathname}`
    if (route === 'GET /') return send(response, 200, page, 'text/html; charset=utf-8')
    if (route === `GET /${APP_SCRIPT}`) return send(response, 200, script, 'text/javascript; charset=utf-8')
    if (route === 'GET /api/block') return send(response, 200, block, 'application/json; charset=utf-8')
    if (route === 'POST /api/options') {
      const body = await readBody(request)
      if (!isRecord(body) || typeof body.fieldId !== 'string') throw new HttpError(400, 'validation_error', 'fieldId: must be a field id', 'fieldId')
      if (body.values !== undefined && !isRecord(body.values)) throw new HttpError(400, 'validation_error', 'values: must be an object', 'values')
      const context = contextOf(body.connection, sandbox, extra)
      return sendJson(response, 200, await loadFieldOptions(body.fieldId, {}, context))
    }
    if (route === 'POST /api/run') {
      const body = await readBody(request)
      const blocks = chainOf(body)
      const context = contextOf(isRecord(body) ? body.connection : undefined, sandbox, extra)
      return sendJson(response, 200, await runChain(blocks, context))
    }
    throw new HttpError(404, 'not_found', `${request.method} ${url.pathname} is not a playground route`)
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return response.destroy()
      if (error instanceof HttpError) {
        return sendJson(response, error.status, { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } })
      }
      // Never echo what the request held (it may carry a token): a fixed message only.
      sendJson(response, 500, { error: { code: 'internal_error', message: 'the playground failed to handle this request' } })
    })
  })
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject)
      server.listen(options.port ?? 4020, options.host ?? '127.0.0.1', () => {
        server.off('error', reject)
        resolveListen()
      })
    })
  } catch (error) {
    await sandbox.close()
    throw error
  }
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  let closing: Promise<void> | undefined
  return {
    url: `http://${host}:${address.port}/`,
    port: address.port,
    sandbox,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        server.close(() => resolveClose())
        server.closeAllConnections()
      }).then(() => sandbox.close())
      return closing
    },
  }
}
