/**
 * Sends the sandbox's notifications as Intercom does: the notification envelope, signed with
 * HMAC-SHA1 of the exact bytes, POSTed to each subscription whose topics include it, retried on
 * failure with the same id and a growing `delivery_attempts`; with optional faults (duplicates,
 * reordering) to exercise deduplication.
 */
import { createHmac, randomUUID } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { Rng } from '../random'
import type { JsonObject } from '../types'
import type { Change } from './changes'
import { RETRY_DELAYS_S, THROTTLE_DELAY_S, type ResolvedWebhooks, type WebhookSubscription } from './options'

/** The User-Agent of Intercom's webhook client (the value in its documented example request). */
export const WEBHOOK_USER_AGENT = 'intercom-parrot-service-client/1.0'

/** One notification to one subscription, and how its delivery went. */
export interface WebhookDelivery {
  /** The notification id (`notif_<uuid>`), or null for a ping. */
  id: string | null
  topic: string
  url: string
  /** Attempts made so far (a duplicate delivery is not counted). */
  attempts: number
  /** HTTP status of each attempt; 0 for a network error or timeout. */
  statuses: number[]
  /** `pending` while attempts remain, `delivered` after a 2xx, `failed` after the last attempt. */
  state: 'pending' | 'delivered' | 'failed'
  /** Whether the fault option sent it a second time. */
  duplicated: boolean
  /** Whether the fault option held it back so later notifications overtook it. */
  delayed: boolean
}

/** The sandbox's webhook sender, as `Sandbox.webhooks` shows it. */
export interface WebhookOutbox {
  /** Every delivery so far (one per notification and subscription), oldest first. */
  readonly deliveries: readonly WebhookDelivery[]
  /** Resolves once nothing is being sent or waiting for a retry. */
  idle(): Promise<void>
}

function sign(body: string, secret: string): string {
  return `sha1=${createHmac('sha1', secret).update(body, 'utf8').digest('hex')}`
}

function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<{ status: number; retryAfter: number | undefined }> {
  return new Promise((resolve) => {
    const target = new URL(url)
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest
    const request = send(target, { method: 'POST', headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }, agent: false }, (response) => {
      response.resume()
      response.on('end', () => {
        const retryAfter = Number(response.headers['retry-after'])
        resolve({ status: response.statusCode ?? 0, retryAfter: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined })
      })
      response.on('error', () => resolve({ status: 0, retryAfter: undefined }))
    })
    request.setTimeout(timeoutMs, () => request.destroy(new Error('timeout')))
    request.on('error', () => resolve({ status: 0, retryAfter: undefined }))
    request.end(body)
  })
}

export class WebhookDispatcher implements WebhookOutbox {
  readonly deliveries: WebhookDelivery[] = []
  private readonly rng: Rng
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()
  private pending = 0
  private waiters: Array<() => void> = []
  private closed = false

  constructor(private readonly config: ResolvedWebhooks, private readonly appId: () => string) {
    this.rng = new Rng(config.seed)
  }

  get enabled(): boolean {
    return this.config.subscriptions.length > 0
  }

  /** Sends Intercom's setup ping to every subscription. */
  ping(): void {
    if (!this.config.ping) return
    for (const subscription of this.config.subscriptions) {
      this.enqueue(subscription, 'ping', null, { type: 'ping', message: 'This is a ping notification test message.' }, Math.floor(Date.now() / 1000))
    }
  }

  /** Sends the notifications of one request's changes. */
  notify(changes: readonly Change[], createdAt: number): void {
    for (const change of changes) {
      for (const subscription of this.config.subscriptions) {
        if (subscription.topics.includes('*') || subscription.topics.includes(change.topic)) {
          this.enqueue(subscription, change.topic, `notif_${randomUUID()}`, change.item, createdAt)
        }
      }
    }
  }

  idle(): Promise<void> {
    if (this.pending === 0 || this.closed) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  close(): void {
    this.closed = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    for (const delivery of this.deliveries) if (delivery.state === 'pending') delivery.state = 'failed'
    this.settle(this.pending)
  }

  private settle(count: number): void {
    this.pending -= count
    if (this.pending <= 0) {
      this.pending = 0
      const waiters = this.waiters
      this.waiters = []
      for (const resolve of waiters) resolve()
    }
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      if (!this.closed) run()
    }, ms)
    this.timers.add(timer)
  }

  private enqueue(subscription: WebhookSubscription, topic: string, id: string | null, item: JsonObject, createdAt: number): void {
    const delivery: WebhookDelivery = { id, topic, url: subscription.url, attempts: 0, statuses: [], state: 'pending', duplicated: false, delayed: false }
    this.deliveries.push(delivery)
    const isPing = id === null
    // The faults are drawn for every notification, in order, so that a seed replays them.
    const duplicate = !isPing && this.rng.chance(this.config.duplicateRate)
    const delay = !isPing && this.rng.chance(this.config.reorderRate)
    delivery.duplicated = duplicate
    delivery.delayed = delay
    this.pending += duplicate ? 2 : 1
    const envelope = (attempts: number) => ({
      type: 'notification_event',
      app_id: this.appId(),
      data: { type: 'notification_event_data', item },
      links: {},
      id,
      topic,
      delivery_status: isPing ? null : 'pending',
      delivery_attempts: attempts,
      first_sent_at: createdAt,
      created_at: createdAt,
      delivered_at: 0,
      self: null,
    })
    const start = () => void this.attempt(subscription, delivery, envelope)
    if (delay) this.later(this.config.reorderDelayMs, start)
    else start()
    if (duplicate) {
      // The same bytes again: at once (racing the first) or after it, as the seed decides.
      const body = JSON.stringify(envelope(1))
      const send = () =>
        void post(subscription.url, body, this.headers(body, subscription), this.config.timeoutMs).finally(() => this.settle(1))
      if (this.rng.chance(0.5)) send()
      else this.later(this.config.reorderDelayMs + 1, send)
    }
  }

  private headers(body: string, subscription: WebhookSubscription): Record<string, string> {
    return {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'User-Agent': WEBHOOK_USER_AGENT,
      'X-Hub-Signature': sign(body, subscription.clientSecret),
    }
  }

  private async attempt(subscription: WebhookSubscription, delivery: WebhookDelivery, envelope: (attempts: number) => unknown): Promise<void> {
    delivery.attempts += 1
    const body = JSON.stringify(envelope(delivery.attempts))
    const { status, retryAfter } = await post(subscription.url, body, this.headers(body, subscription), this.config.timeoutMs)
    if (this.closed) return
    delivery.statuses.push(status)
    if (status >= 200 && status < 300) {
      delivery.state = 'delivered'
      this.settle(1)
      return
    }
    const wait = RETRY_DELAYS_S[delivery.attempts - 1]
    if (wait === undefined) {
      delivery.state = 'failed'
      this.settle(1)
      return
    }
    const seconds = status === 429 ? Math.max(wait, THROTTLE_DELAY_S, retryAfter ?? 0) : wait
    this.later(seconds * 1000 * this.config.timeScale, () => void this.attempt(subscription, delivery, envelope))
  }
}
