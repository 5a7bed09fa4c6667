import { z } from 'zod'
import type { TriggerDefinition, TriggerEventBase, WebhookNotification } from '../types'

/**
 * Declares a trigger. It returns its argument unchanged: its only job is to infer the output
 * type so that `toOutput` and `sample` are checked against the schema.
 */
export function defineTrigger<O extends TriggerEventBase>(definition: TriggerDefinition<O>): TriggerDefinition<O> {
  return definition
}

/** The output fields every trigger starts with. */
export const eventBaseShape = {
  event_id: z.string().describe('Id of the notification (notif_…); the same on every delivery of one notification, so it identifies the event'),
  topic: z.string().describe('The Intercom topic, e.g. conversation.user.replied'),
  app_id: z.string().describe('Id of the Intercom workspace the event comes from'),
  created_at: z.number().describe('Unix timestamp (seconds) when Intercom created the notification'),
  delivery_attempts: z.number().nullable().describe('How many times Intercom has tried to deliver the notification (1 on the first delivery); null when not sent'),
}

/** A problem with a notification's item: the handler answers 400 naming the field. */
export class NotificationShapeError extends Error {
  override name = 'NotificationShapeError'
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`)
  }
}

/** The fields every trigger's output starts with, read from the envelope. */
export function eventBase(notification: WebhookNotification): TriggerEventBase {
  const attempts = notification.delivery_attempts
  return {
    event_id: notification.id ?? '',
    topic: notification.topic,
    app_id: notification.app_id,
    created_at: notification.created_at,
    delivery_attempts: typeof attempts === 'number' ? attempts : null,
  }
}

/** Top-level fields that hold a time: Intercom's webhooks send some as ISO-8601 text. */
const TIME_FIELD = /(_at|^snoozed_until|^waiting_since)$/

/**
 * A copy of an object in which top-level time fields sent as ISO-8601 text (as contact
 * webhooks do) become unix seconds, the form the REST API and the tools use. Other values are
 * kept as sent.
 */
export function withUnixTimes(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...item }
  for (const [key, value] of Object.entries(item)) {
    if (typeof value !== 'string' || !TIME_FIELD.test(key)) continue
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) continue
    const ms = Date.parse(value)
    if (Number.isFinite(ms)) out[key] = Math.floor(ms / 1000)
  }
  return out
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** `data.item`, checked to be an object of one of the expected types. */
export function itemOf(notification: WebhookNotification, types: readonly string[]): Record<string, unknown> {
  const item = notification.data.item
  if (!isObject(item)) throw new NotificationShapeError('data.item', 'must be an object')
  if (typeof item.type !== 'string' || !types.includes(item.type)) {
    throw new NotificationShapeError('data.item.type', `must be ${types.map((type) => JSON.stringify(type)).join(' or ')} for topic ${notification.topic}, got ${JSON.stringify(item.type)}`)
  }
  return item
}

/** An object field of the item (e.g. a contact_tag's `contact`). */
export function objectField(item: Record<string, unknown>, key: string, path: string): Record<string, unknown> {
  const value = item[key]
  if (!isObject(value)) throw new NotificationShapeError(path, 'must be an object')
  return value
}

/** An entity's id as text (Intercom sends most ids as strings, some as numbers). */
export function idField(entity: Record<string, unknown>, key: string, path: string): string {
  const value = entity[key]
  if (typeof value === 'string' && value !== '') return value
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value)
  throw new NotificationShapeError(path, 'must be an id (a non-empty string)')
}
