/**
 * Intercom's webhook signature: `X-Hub-Signature: sha1=<hex>`, the HMAC-SHA1 of the exact body
 * bytes keyed with the app's client secret. Web Crypto only, so it runs wherever fetch does.
 */

/** The header Intercom signs notifications in (header names are case-insensitive). */
export const SIGNATURE_HEADER = 'X-Hub-Signature'

const encoder = new TextEncoder()

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle
  if (!api) throw new Error('Web Crypto (globalThis.crypto.subtle) is not available in this runtime')
  return api
}

/** The bytes of a body given as text (UTF-8), an ArrayBuffer or a view (copied). */
export function bytesOf(body: string | ArrayBuffer | ArrayBufferView): Uint8Array<ArrayBuffer> {
  if (typeof body === 'string') return encoder.encode(body)
  if (body instanceof ArrayBuffer) return new Uint8Array(body)
  if (ArrayBuffer.isView(body)) {
    // A copy: the view may be a window on a larger (or shared) buffer.
    const copy = new Uint8Array(body.byteLength)
    copy.set(new Uint8Array(body.buffer, body.byteOffset, body.byteLength))
    return copy
  }
  throw new TypeError('rawBody must be the request body as a string, an ArrayBuffer or a Uint8Array')
}

async function hmacSha1(secret: string, body: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const key = await subtle().importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign'])
  return new Uint8Array(await subtle().sign('HMAC', key, body))
}

const HEX = '0123456789abcdef'

function toHex(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += HEX[byte >> 4]! + HEX[byte & 15]!
  return out
}

/** The 20 bytes of a `sha1=<40 hex>` header value, or undefined when it is not one. */
function parseSignature(header: string): Uint8Array | undefined {
  const match = /^sha1=([0-9a-f]{40})$/i.exec(header.trim())
  if (!match) return undefined
  const hex = (match[1] as string).toLowerCase()
  const bytes = new Uint8Array(20)
  for (let index = 0; index < 20; index++) bytes[index] = HEX.indexOf(hex[2 * index]!) * 16 + HEX.indexOf(hex[2 * index + 1]!)
  return bytes
}

/**
 * Compares two byte sequences in time that depends only on their length: every byte is read
 * whatever the first difference, so the comparison leaks nothing of where a forged signature
 * goes wrong.
 */
export function constantTimeEqual(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let index = 0; index < a.length; index++) difference |= (a[index] as number) ^ (b[index] as number)
  return difference === 0
}

/**
 * The `X-Hub-Signature` value Intercom would send for this body: `sha1=` and the hex HMAC-SHA1.
 *
 * @example await signWebhookBody('{"type":"notification_event",...}', clientSecret) // 'sha1=6f1c…'
 */
export async function signWebhookBody(rawBody: string | ArrayBuffer | ArrayBufferView, clientSecret: string): Promise<string> {
  if (typeof clientSecret !== 'string' || clientSecret === '') throw new TypeError('clientSecret must be a non-empty string')
  return `sha1=${toHex(await hmacSha1(clientSecret, bytesOf(rawBody)))}`
}

/**
 * Whether `signatureHeader` (the `X-Hub-Signature` value) is Intercom's signature of exactly
 * these body bytes. Verify the raw body as received: parsing and re-serialising the JSON
 * changes the bytes and fails the check. A missing or malformed header, or an empty secret
 * (an HMAC with an empty key can be forged by anyone), gives false. The prefix `sha1=` and the
 * hex digits may be in either case; surrounding white space is ignored.
 *
 * @example
 * const raw = await request.arrayBuffer()
 * if (!(await verifyWebhookSignature(raw, request.headers.get('x-hub-signature'), secret))) return new Response(null, { status: 401 })
 */
export async function verifyWebhookSignature(
  rawBody: string | ArrayBuffer | ArrayBufferView,
  signatureHeader: string | null | undefined,
  clientSecret: string,
): Promise<boolean> {
  if (typeof clientSecret !== 'string' || clientSecret === '') return false
  if (typeof signatureHeader !== 'string') return false
  const given = parseSignature(signatureHeader)
  if (!given) return false
  const expected = await hmacSha1(clientSecret, bytesOf(rawBody))
  return constantTimeEqual(expected, given)
}
