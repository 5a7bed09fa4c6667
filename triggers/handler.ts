/**
 * One webhook endpoint for every host: a Fetch-API handler that verifies Intercom's signature,
 * answers pings and URL checks, drops topics no selected trigger listens to and deliveries it
 * has already processed, and hands each new event to `onEvent`.
 */
import type { AnyTriggerDefinition, TriggerEvent, TriggerSelection, WebhookHandler, WebhookHandlerOptions, WebhookNotification } from '../types'
import { NotificationShapeError } from './define'
import { getTrigger, listTriggers } from './registry'
import { createMemorySeenStore } from './seen'
import { verifyWebhookSignature } from './signature'
import { CATCH_ALL_TRIGGER_ID, TOPIC_PATTERN } from './webhook'

export const DEFAULT_MAX_BODY_BYTES = 1_048_576
export const DEFAULT_SEEN_TTL_MS = 86_400_000

interface Selected {
  trigger: AnyTriggerDefinition
  topics: ReadonlySet<string>
}

function fail(message: string): never {
  throw new TypeError(`createWebhookHandler: ${message}`)
}

/** The triggers a handler serves, checked: known ids, topics for the catch-all, no stray topics. */
export function resolveTriggerSelection(selection: TriggerSelection[] | undefined, where = 'triggers'): Selected[] {
  if (selection === undefined) {
    return listTriggers()
      .filter((trigger) => !trigger.configurableTopics)
      .map((trigger) => ({ trigger, topics: new Set(trigger.topics) }))
  }
  if (!Array.isArray(selection) || selection.length === 0) fail(`${where} must be a non-empty array of trigger ids or { id, topics }`)
  const seen = new Set<string>()
  return selection.map((entry, index) => {
    const path = `${where}[${index}]`
    const id = typeof entry === 'string' ? entry : entry?.id
    if (typeof id !== 'string') fail(`${path} must be a trigger id or { id, topics }`)
    const trigger = getTrigger(id)
    if (!trigger) fail(`${path}: there is no trigger ${JSON.stringify(id)}; listTriggers() names them`)
    if (seen.has(id)) fail(`${path}: ${id} is selected twice`)
    seen.add(id)
    const topics = typeof entry === 'string' ? undefined : entry.topics
    if (topics !== undefined) {
      if (!Array.isArray(topics) || topics.length === 0) fail(`${path}.topics must be a non-empty array of topics`)
      topics.forEach((topic, topicIndex) => {
        if (typeof topic !== 'string' || !TOPIC_PATTERN.test(topic)) fail(`${path}.topics[${topicIndex}]: ${JSON.stringify(topic)} is not an Intercom topic (e.g. ticket.closed)`)
        if (!trigger.configurableTopics && !trigger.topics.includes(topic)) {
          fail(`${path}.topics[${topicIndex}]: ${id} listens to ${trigger.topics.join(', ')} only; use ${CATCH_ALL_TRIGGER_ID} for ${topic}`)
        }
      })
      return { trigger, topics: new Set(topics) }
    }
    if (trigger.configurableTopics) fail(`${path}: ${id} needs the topics to listen to, e.g. { id: '${id}', topics: ['ticket.closed'] }`)
    return { trigger, topics: new Set(trigger.topics) }
  })
}

function json(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })
}

/** The body's bytes, or `undefined` when it is larger than `max` (reading stops there). */
async function readLimited(request: Request, max: number): Promise<Uint8Array | undefined> {
  const declared = request.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > max) return undefined
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel().catch(() => undefined)
      return undefined
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** The envelope, checked field by field; the message names the first field at fault. */
function readEnvelope(value: unknown): WebhookNotification | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'the body must be a JSON object'
  const body = value as Record<string, unknown>
  if (body.type !== 'notification_event') return 'type: must be "notification_event"'
  if (typeof body.topic !== 'string' || body.topic === '') return 'topic: must be a non-empty string'
  if (body.topic === 'ping') return body as unknown as WebhookNotification
  if (typeof body.id !== 'string' || body.id === '') return 'id: must be the notification id (a non-empty string)'
  if (typeof body.app_id !== 'string') return 'app_id: must be a string'
  if (typeof body.created_at !== 'number' || !Number.isFinite(body.created_at)) return 'created_at: must be unix seconds'
  const data = body.data
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return 'data: must be an object'
  const item = (data as Record<string, unknown>).item
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return 'data.item: must be an object'
  return body as unknown as WebhookNotification
}

/**
 * Creates the webhook endpoint: `(request: Request) => Promise<Response>`. Behaviour:
 * - `HEAD` (Intercom checks the URL with it) → 200; other methods but `POST` → 405.
 * - a body over `maxBodyBytes` → 413; a missing or wrong `X-Hub-Signature` → 401 (unless
 *   `allowUnsigned`, for local testing only); nothing is parsed before the signature is checked.
 * - malformed JSON or an envelope without its fields → 400; topic `ping` → 200, no event.
 * - a topic no selected trigger listens to → 200, no event.
 * - a notification created more than `maxAgeMs` ago → 200, no event (a replay whose id may
 *   have been forgotten); a notification id already claimed in `seen` → 200, no second event.
 * - otherwise `onEvent` once per matching trigger → 200; when it throws → 500 and that trigger's
 *   claim is released, so that Intercom's retry starts it (and not the triggers that already ran).
 *
 * @example
 * // Next.js: app/api/intercom/route.ts
 * const handler = createWebhookHandler({
 *   clientSecret: process.env.INTERCOM_CLIENT_SECRET!,
 *   triggers: ['intercom_conversation_user_replied'],
 *   onEvent: async ({ trigger, output }) => startWorkflow(trigger, output),
 * })
 * export const POST = handler
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  if (options === null || typeof options !== 'object') fail('options must be an object')
  const { clientSecret, onEvent } = options
  const allowUnsigned = options.allowUnsigned === true
  if (options.allowUnsigned !== undefined && typeof options.allowUnsigned !== 'boolean') fail('allowUnsigned must be true or false')
  if (clientSecret !== undefined && (typeof clientSecret !== 'string' || clientSecret === '')) fail('clientSecret must be a non-empty string')
  if (clientSecret === undefined && !allowUnsigned) {
    fail("clientSecret is required (the app's client secret, which Intercom signs with); only for local testing, allowUnsigned: true accepts unsigned requests")
  }
  if (typeof onEvent !== 'function') fail('onEvent must be a function')
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) fail('maxBodyBytes must be a positive integer')
  const seenTtlMs = options.seenTtlMs ?? DEFAULT_SEEN_TTL_MS
  if (!Number.isSafeInteger(seenTtlMs) || seenTtlMs < 1) fail('seenTtlMs must be a positive integer')
  const maxAgeMs = options.maxAgeMs ?? seenTtlMs
  if (!Number.isSafeInteger(maxAgeMs) || maxAgeMs < 1) fail('maxAgeMs must be a positive integer')
  // An id is remembered for seenTtlMs; a notification older than that could be a replay whose id
  // was forgotten, so older ones must be refused.
  if (maxAgeMs > seenTtlMs) fail('maxAgeMs must not exceed seenTtlMs: a replay older than the time ids are remembered would start its workflow again')
  const seen = options.seen ?? createMemorySeenStore()
  if (typeof seen?.claim !== 'function' || typeof seen?.release !== 'function') fail('seen must be a SeenStore with claim(id, ttlMs) and release(id)')
  if (seen.complete !== undefined && typeof seen.complete !== 'function') fail('seen.complete must be a function when given')
  const selected = resolveTriggerSelection(options.triggers)

  return async (request) => {
    const method = request.method.toUpperCase()
    if (method === 'HEAD') return new Response(null, { status: 200 })
    if (method !== 'POST') return json(405, { error: 'method not allowed: Intercom POSTs notifications' }, { Allow: 'POST, HEAD' })

    const raw = await readLimited(request, maxBodyBytes)
    if (raw === undefined) return json(413, { error: `the body is larger than ${maxBodyBytes} bytes` })

    const signature = request.headers.get('x-hub-signature')
    if (clientSecret !== undefined && (signature !== null || !allowUnsigned)) {
      if (!(await verifyWebhookSignature(raw, signature, clientSecret))) {
        return json(401, { error: signature === null ? 'missing X-Hub-Signature' : 'invalid X-Hub-Signature' })
      }
    }

    let parsed: unknown
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw))
    } catch {
      return json(400, { error: 'the body is not valid JSON' })
    }
    const notification = readEnvelope(parsed)
    if (typeof notification === 'string') return json(400, { error: notification })
    if (notification.topic === 'ping') return json(200, { status: 'ping' })
    // Intercom signs the body only (no timestamp header): created_at, inside the signed body,
    // bounds how long a captured delivery can be replayed.
    if (notification.created_at * 1000 < Date.now() - maxAgeMs) return json(200, { status: 'stale', id: notification.id })

    const matches = selected.filter((entry) => entry.topics.has(notification.topic))
    if (matches.length === 0) return json(200, { status: 'ignored', topic: notification.topic })

    // Every output is built and checked before the id is claimed: a notification that cannot
    // start its workflows is refused whole, and starts none of them.
    const events: TriggerEvent[] = []
    for (const { trigger } of matches) {
      try {
        const output = trigger.output.safeParse(trigger.toOutput(notification))
        if (!output.success) {
          const issue = output.error.issues[0]
          const path = issue?.path.map(String).join('.') ?? ''
          return json(400, { error: `${trigger.id}: ${path === '' ? '' : `${path}: `}${issue?.message ?? 'invalid output'}` })
        }
        events.push({ trigger: trigger.id, output: output.data, notification })
      } catch (error) {
        if (error instanceof NotificationShapeError) return json(400, { error: `${trigger.id}: ${error.message}` })
        throw error
      }
    }

    const id = notification.id as string
    // One claim per workflow to start: the notification id, or, when several selected triggers
    // listen to its topic, the id and the trigger. So when one of them fails, Intercom's retry
    // starts that one again and not the others, which already ran.
    const started: string[] = []
    for (const event of events) {
      const key = events.length === 1 ? id : `${id}#${event.trigger}`
      let claimed: boolean
      try {
        claimed = await seen.claim(key, seenTtlMs)
      } catch {
        return json(503, { error: 'the seen store failed; Intercom will retry the notification' })
      }
      if (!claimed) continue
      try {
        await onEvent(event)
      } catch {
        // The error itself is the host's to log (it may hold data we must not echo).
        await seen.release(key).catch(() => undefined)
        return json(500, { error: 'onEvent failed; Intercom will retry the notification' })
      }
      // The workflow started: a store that claims with a lease now keeps the id for seenTtlMs. If
      // that fails the lease still holds it for a while; the event itself has been delivered.
      if (seen.complete) await seen.complete(key, seenTtlMs).catch(() => undefined)
      started.push(event.trigger)
    }
    if (started.length === 0) return json(200, { status: 'duplicate', id })
    return json(200, { status: 'ok', id, triggers: started })
  }
}
