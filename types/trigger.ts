import type { z } from 'zod'

/**
 * One notification as Intercom POSTs it to a webhook endpoint (the envelope of every topic).
 * `id` is `notif_<uuid>` and the key to deduplicate on; it is `null` only for `ping`.
 */
export interface WebhookNotification {
  type: 'notification_event'
  /** The workspace (app) the notification comes from: route on it when one app serves many workspaces. */
  app_id: string
  id: string | null
  topic: string
  /** Unix seconds. */
  created_at: number
  first_sent_at?: number | null
  delivered_at?: number | null
  delivery_attempts?: number | null
  delivery_status?: string | null
  links?: unknown
  self?: unknown
  data: { type?: string; item: Record<string, unknown> }
}

/** The fields every trigger's output starts with. */
export interface TriggerEventBase {
  /** The notification id (`notif_<uuid>`): the same on every delivery of one notification. */
  event_id: string
  /** The Intercom topic, e.g. `conversation.user.replied`. */
  topic: string
  /** The workspace the event comes from. */
  app_id: string
  /** When Intercom created the notification, in unix seconds. */
  created_at: number
  /** How many times Intercom has tried to deliver it (1 on the first delivery), when it says. */
  delivery_attempts: number | null
}

/**
 * One trigger, declared as data: the Intercom topics it listens to, the output a workflow
 * receives (the item in the shape the tools return) and a sample notification. The handler, the
 * block's triggers and the docs are derived from it.
 */
export interface TriggerDefinition<O extends TriggerEventBase = TriggerEventBase> {
  /** Permanent id, `intercom_<noun>_<event>`. */
  id: string
  /** A short human name, e.g. "Conversation closed". */
  name: string
  /** When the trigger fires, written for a person choosing "start when ...". */
  description: string
  /**
   * The topics it listens to. Empty for the catch-all trigger, whose topics are chosen per use
   * (`configurableTopics`).
   */
  topics: readonly string[]
  /** Whether a workflow chooses the topics (the catch-all trigger). */
  configurableTopics?: boolean
  /**
   * Pure mapping from a notification (already checked: object envelope, string id, a topic this
   * trigger listens to) to the output. Throws an `Error` naming the field when the item is not
   * what the topic carries.
   */
  toOutput(notification: WebhookNotification): O
  /** Documents the output; tests check every sample against it. */
  output: z.ZodType<O>
  /** A notification as Intercom sends it for one of the topics (documentation and tests). */
  sample: WebhookNotification
}

/** Any trigger, as the registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTriggerDefinition = TriggerDefinition<any>

/** One trigger a webhook handler serves: an id, or the id with topics (required for the catch-all). */
export type TriggerSelection = string | { id: string; topics?: string[] }

/** What `onEvent` receives: the trigger that matched and its output. */
export interface TriggerEvent<O extends TriggerEventBase = TriggerEventBase> {
  /** The id of the trigger that matched. */
  trigger: string
  output: O
  /** The notification as received (parsed JSON). */
  notification: WebhookNotification
}

/**
 * Where a webhook handler records the notification ids it has processed, so that a delivery
 * that Intercom repeats starts nothing a second time. The default keeps them in memory; a host
 * with several processes plugs in Redis or a database.
 */
export interface SeenStore {
  /**
   * Atomically claims a notification id. Resolves true if this caller claimed it now; false if it
   * was already claimed (in progress) or done. A store may instead reject while another claim is
   * pending (the Redis store does: that claim may yet fail, or be one whose answer was lost); the
   * handler then answers 503 and the notification comes again.
   */
  claim(id: string, ttlMs: number): Promise<boolean>
  /** Releases a claim after onEvent failed, so that Intercom's retry of the same notification is processed. */
  release(id: string): Promise<void>
  /**
   * Optional: marks a claimed id done once `onEvent` succeeded, to be remembered for `ttlMs` from
   * now. A store whose claims are short leases (so that a claim left by a crashed process lapses)
   * implements it; the handler calls it when present.
   */
  complete?(id: string, ttlMs: number): Promise<void>
}

/** The options of `createWebhookHandler`. */
export interface WebhookHandlerOptions {
  /**
   * The secret Intercom signs with: the app's client secret (Developer Hub → Basic information).
   * Required unless `allowUnsigned` is true.
   */
  clientSecret?: string
  /**
   * The triggers to serve. A notification whose topic none of them listens to is answered 200
   * and starts nothing.
   * @default every trigger of the registry except the catch-all
   */
  triggers?: TriggerSelection[]
  /**
   * Called once per matching trigger of a new notification. When it throws (or rejects), the
   * handler answers 500, forgets the notification id, and Intercom's retry is processed again.
   */
  onEvent(event: TriggerEvent): void | Promise<void>
  /**
   * Where processed notification ids are kept.
   * @default an in-memory store (see `createMemorySeenStore`)
   */
  seen?: SeenStore
  /**
   * How long a notification id is remembered, in milliseconds.
   * @default 86_400_000 (24 hours)
   */
  seenTtlMs?: number
  /**
   * Notifications whose `created_at` is older than this (in milliseconds) start nothing (answered
   * 200, status `stale`): they could be replays of a captured delivery whose id the seen store
   * no longer holds. At most `seenTtlMs`.
   * @default seenTtlMs
   */
  maxAgeMs?: number
  /**
   * The largest body accepted, in bytes; a larger one is answered 413.
   * @default 1_048_576 (1 MiB)
   */
  maxBodyBytes?: number
  /**
   * FOR LOCAL TESTING ONLY: accept requests without a valid signature (and without a secret).
   * Anyone who can reach the endpoint can then start workflows. Never set it in production.
   * @default false
   */
  allowUnsigned?: boolean
}

/** A Fetch-API request handler: Next.js route handlers, Hono, Cloudflare Workers, Deno, Bun. */
export type WebhookHandler = (request: Request) => Promise<Response>
