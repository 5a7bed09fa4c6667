/** The webhook options of startSandbox, their defaults and their checks. */

/** A receiver of the sandbox's notifications, as an Intercom app's webhook subscription. */
export interface WebhookSubscription {
  /** Where to POST notifications (http or https). */
  url: string
  /** The topics to send, e.g. `['conversation.user.replied']`; `'*'` sends every topic. */
  topics: string[]
  /** The secret to sign with (`X-Hub-Signature: sha1=…`), as Intercom signs with the app's client secret. */
  clientSecret: string
}

/**
 * How notifications are delivered. Intercom's retry schedule is not documented; the sandbox
 * assumes at-least-once delivery with up to 5 retries (6 attempts) after 1, 2, 4, 8 and 16
 * minutes, the same notification id on every attempt and `delivery_attempts` counting up, and
 * waits at least 1 minute after a 429.
 */
export interface WebhookDeliveryOptions {
  /**
   * Multiplies every wait between attempts: 1 is Intercom's minutes; 0.001 turns a minute into
   * 60 ms for tests.
   * @default 1
   */
  timeScale?: number
  /** Time limit of one attempt, in milliseconds (not scaled). A slower answer counts as a failure. @default 5000 */
  timeoutMs?: number
  /** Share of notifications (0–1) delivered twice (the same bytes), as at-least-once delivery may. @default 0 */
  duplicateRate?: number
  /** Share of notifications (0–1) held back so that later ones overtake them. @default 0 */
  reorderRate?: number
  /** How long a held-back notification waits, in milliseconds (not scaled). @default 100 */
  reorderDelayMs?: number
  /** Seed of the delivery faults. Defaults to the workspace seed. */
  seed?: number
  /** Send a signed `ping` to each subscription when the sandbox starts, as Intercom does on setup. @default true */
  ping?: boolean
}

export interface ResolvedWebhooks {
  subscriptions: WebhookSubscription[]
  timeScale: number
  timeoutMs: number
  duplicateRate: number
  reorderRate: number
  reorderDelayMs: number
  seed: number
  ping: boolean
}

/** Attempts after the first, and the wait before each (seconds, before scaling). Assumed, see above. */
export const RETRY_DELAYS_S: readonly number[] = [60, 120, 240, 480, 960]
/** The least wait after a 429 (Intercom throttles for 1 minute to 2 hours). */
export const THROTTLE_DELAY_S = 60

function fail(message: string): never {
  throw new TypeError(`startSandbox: ${message}`)
}

const share = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value <= 1

export function resolveWebhooks(
  webhooks: WebhookSubscription[] | undefined,
  delivery: WebhookDeliveryOptions | undefined,
  seed: number,
): ResolvedWebhooks {
  const list = webhooks ?? []
  if (!Array.isArray(list)) fail('webhooks must be an array of { url, topics, clientSecret }')
  const subscriptions = list.map((entry, index) => {
    const path = `webhooks[${index}]`
    if (entry === null || typeof entry !== 'object') fail(`${path} must be an object { url, topics, clientSecret }`)
    let url: URL
    try {
      url = new URL(entry.url)
    } catch {
      fail(`${path}.url must be an http or https URL`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`${path}.url must be an http or https URL`)
    if (!Array.isArray(entry.topics) || entry.topics.length === 0 || !entry.topics.every((topic) => typeof topic === 'string' && topic.trim() !== '')) {
      fail(`${path}.topics must be a non-empty array of topics (or ['*'])`)
    }
    if (typeof entry.clientSecret !== 'string' || entry.clientSecret === '') fail(`${path}.clientSecret must be a non-empty string`)
    return { url: url.href, topics: [...entry.topics], clientSecret: entry.clientSecret }
  })
  const options = delivery ?? {}
  const timeScale = options.timeScale ?? 1
  if (typeof timeScale !== 'number' || !(timeScale >= 0) || !Number.isFinite(timeScale)) fail('webhookDelivery.timeScale must be 0 or more')
  const timeoutMs = options.timeoutMs ?? 5_000
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || !Number.isFinite(timeoutMs)) fail('webhookDelivery.timeoutMs must be a positive number')
  const duplicateRate = options.duplicateRate ?? 0
  if (!share(duplicateRate)) fail('webhookDelivery.duplicateRate must be a number from 0 to 1')
  const reorderRate = options.reorderRate ?? 0
  if (!share(reorderRate)) fail('webhookDelivery.reorderRate must be a number from 0 to 1')
  const reorderDelayMs = options.reorderDelayMs ?? 100
  if (typeof reorderDelayMs !== 'number' || !(reorderDelayMs >= 0) || !Number.isFinite(reorderDelayMs)) fail('webhookDelivery.reorderDelayMs must be 0 or more')
  const faultSeed = options.seed ?? seed
  if (!Number.isSafeInteger(faultSeed)) fail('webhookDelivery.seed must be an integer')
  if (options.ping !== undefined && typeof options.ping !== 'boolean') fail('webhookDelivery.ping must be true or false')
  return { subscriptions, timeScale, timeoutMs, duplicateRate, reorderRate, reorderDelayMs, seed: faultSeed, ping: options.ping ?? true }
}
