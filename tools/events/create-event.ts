import { z } from 'zod'
import { defineTool } from '../define'
import { idParam, jsonParam, timestampParam } from '../params'
import { definedOnly } from '../request'

/** Intercom keeps the first 10 metadata keys of an event and silently ignores the rest. */
export const MAX_METADATA_KEYS = 10

const SHAPES = 'a string, a number, a boolean, a rich link {"url": "...", "value": "..."} or an amount {"amount": 34999, "currency": "eur"}'

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function hasExactKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(value)
  return own.length === keys.length && keys.every((key) => Object.hasOwn(value, key))
}

/** Why a metadata value cannot be sent, or undefined when it can. */
function metadataValueProblem(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'boolean') return undefined
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'must be a finite number'
  if (isPlainObject(value)) {
    if (hasExactKeys(value, ['url', 'value'])) {
      return typeof value.url === 'string' && value.url.trim() !== '' && typeof value.value === 'string'
        ? undefined
        : 'a rich link needs "url" and "value" as text, e.g. {"url": "https://example.org/a.html", "value": "The article"}'
    }
    if (hasExactKeys(value, ['amount', 'currency'])) {
      return Number.isSafeInteger(value.amount) && (value.amount as number) >= 0 && typeof value.currency === 'string' && value.currency.trim() !== ''
        ? undefined
        : 'an amount needs "amount" as a whole number of cents and "currency" as a code, e.g. {"amount": 34999, "currency": "eur"}'
    }
    return `Intercom does not support nested objects in event metadata, except a rich link {"url", "value"} or an amount {"amount", "currency"}; got keys ${Object.keys(value).join(', ') || 'none'}`
  }
  if (Array.isArray(value)) return `Intercom does not support lists in event metadata; a value is ${SHAPES}`
  return `must be ${SHAPES} (got ${value === null ? 'null' : typeof value})`
}

const eventMetadata = z.record(z.string(), z.unknown()).superRefine((metadata, ctx) => {
  const keys = Object.keys(metadata)
  if (keys.length > MAX_METADATA_KEYS) {
    ctx.addIssue({
      code: 'custom',
      message: `has ${keys.length} keys; Intercom keeps at most ${MAX_METADATA_KEYS} per event and ignores the rest, so send ${MAX_METADATA_KEYS} or fewer`,
    })
  }
  for (const key of keys) {
    const problem = metadataValueProblem(metadata[key])
    if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem })
  }
})

const nonEmpty = z.string().refine((value) => value.trim() !== '', { message: 'must not be empty' })

export const createEvent = defineTool({
  id: 'intercom_create_event',
  name: 'Create event',
  description:
    "Record that a contact did something in your product (a data event such as \"ordered-item\" or \"upgraded-plan\"), with optional metadata; Intercom shows events on the contact and uses them in segments and messages. Say who it was with one of user_id (your own id of the user), email or id (Intercom's contact id, the only way for leads). created_at defaults to the current time and is fixed before sending, so a retried call is recognized by Intercom as the same event (it deduplicates on contact + event_name + created_at). Intercom answers 202 Accepted with no body: accepted is true then.",
  params: z
    .strictObject({
      event_name: nonEmpty.describe(
        'Name of the event, ideally a past-tense verb-noun such as "order-completed" or "invited-friend". Events with the same name are grouped in Intercom.',
      ),
      created_at: timestampParam(
        'When the event happened, as a unix timestamp in seconds. When omitted the current time is filled in before sending. Intercom treats two events with the same contact, name and created_at as one.',
      ).optional(),
      user_id: idParam('Your own id of the user: the contact\'s external_id in Intercom (as intercom_get_contact and intercom_search_contacts return it), e.g. "u-42". Give this, email or id.').optional(),
      email: nonEmpty
        .optional()
        .describe('Email address of the user. Use only if your app identifies users by email. Give this, user_id or id.'),
      id: idParam("Intercom's id of the contact, e.g. 6762f0dd1bb69f9f2193bb83 (from intercom_search_contacts); required for leads. Give this, user_id or email.", 'contact').optional(),
      metadata: jsonParam(
        eventMetadata,
        `Details of the event as a flat JSON object (or its JSON text) of at most ${MAX_METADATA_KEYS} keys, e.g. {"order_id": "1042", "items": 3, "price": {"amount": 34999, "currency": "eur"}}. Each value is ${SHAPES}; keys ending in _date hold unix timestamps. Nested objects other than those two shapes are refused.`,
      ).optional(),
    })
    .refine((params) => params.user_id !== undefined || params.email !== undefined || params.id !== undefined, {
      message: 'say whose event it is: give one of user_id, email or id',
      path: ['user_id'],
    }),
  route: 'POST /events',
  // The default timestamp is set here, once, not in the pure request mapping: every retry of
  // the request then carries the same created_at and Intercom deduplicates it.
  prepare: async (params) => (params.created_at === undefined ? { ...params, created_at: Math.floor(Date.now() / 1000) } : params),
  request: (params) => ({
    body: definedOnly({
      event_name: params.event_name,
      created_at: params.created_at,
      user_id: params.user_id,
      email: params.email,
      id: params.id,
      metadata: params.metadata,
    }),
  }),
  // Intercom's only success answer is 202 with an empty body. Any other 2xx is passed on as
  // success without claiming acceptance.
  transform: (_body, { status }) => (status === 202 ? { accepted: true } : {}),
  output: z.object({
    accepted: z
      .boolean()
      .optional()
      .describe('true when Intercom answered 202 Accepted; absent when it answered another success status, which Intercom does not document for this call'),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: true },
})
