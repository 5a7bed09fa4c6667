import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { signWebhookBody, verifyWebhookSignature } from '../../index'
import { constantTimeEqual } from '../../triggers/signature'

const secret = 'client-secret-9f2c'
const body = '{"type":"notification_event","app_id":"ecahpwf5","id":"notif_1","topic":"conversation.user.created","created_at":1768018948,"data":{"type":"notification_event_data","item":{"type":"conversation","id":"2154","body":"Grüße ✓"}}}'
/** Computed with node:crypto, an implementation independent of ours. */
const reference = (text: string | Buffer, key: string) => `sha1=${createHmac('sha1', key).update(text).digest('hex')}`

describe('verifyWebhookSignature', () => {
  it('matches the RFC 2202 HMAC-SHA1 test vectors', async () => {
    expect(await signWebhookBody('what do ya want for nothing?', 'Jefe')).toBe('sha1=effcdf6ae5eb2fa2d27416d5f184df9c259a7c79')
    expect(await signWebhookBody('Hi There', '\x0b'.repeat(20))).toBe('sha1=b617318655057264e28bc0b6fb378c8ef146be00')
    expect(await verifyWebhookSignature('what do ya want for nothing?', 'sha1=effcdf6ae5eb2fa2d27416d5f184df9c259a7c79', 'Jefe')).toBe(true)
  })

  it('accepts the signature of the exact bytes, given as text, ArrayBuffer or Uint8Array', async () => {
    const header = reference(body, secret)
    const bytes = new TextEncoder().encode(body)
    expect(await verifyWebhookSignature(body, header, secret)).toBe(true)
    expect(await verifyWebhookSignature(bytes, header, secret)).toBe(true)
    expect(await verifyWebhookSignature(bytes.buffer, header, secret)).toBe(true)
    // A view on a larger buffer: only its own bytes count.
    const padded = new Uint8Array(bytes.length + 8)
    padded.set(bytes, 4)
    expect(await verifyWebhookSignature(padded.subarray(4, 4 + bytes.length), header, secret)).toBe(true)
  })

  it('refuses forged bodies: one changed byte, re-serialised JSON, trailing white space', async () => {
    const header = reference(body, secret)
    expect(await verifyWebhookSignature(body.replace('2154', '2155'), header, secret)).toBe(false)
    expect(await verifyWebhookSignature(JSON.stringify(JSON.parse(body), null, 1), header, secret)).toBe(false)
    expect(await verifyWebhookSignature(`${body}\n`, header, secret)).toBe(false)
    expect(await verifyWebhookSignature('', header, secret)).toBe(false)
  })

  it('refuses a wrong or empty secret (an empty key would be forgeable)', async () => {
    expect(await verifyWebhookSignature(body, reference(body, secret), 'other-secret')).toBe(false)
    expect(await verifyWebhookSignature(body, reference(body, `${secret} `), secret)).toBe(false)
    expect(await verifyWebhookSignature(body, reference(body, ''), '')).toBe(false)
    await expect(signWebhookBody(body, '')).rejects.toThrow(/clientSecret/)
  })

  it('reads header variants: prefix and hex in either case, white space around; refuses every other form', async () => {
    const header = reference(body, secret)
    const hex = header.slice(5)
    for (const variant of [header, `SHA1=${hex}`, `sha1=${hex.toUpperCase()}`, `  ${header}\t`]) {
      expect(await verifyWebhookSignature(body, variant, secret), variant).toBe(true)
    }
    const sha256 = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
    for (const variant of [hex, `sha1:${hex}`, `sha1= ${hex}`, `sha1=${hex.slice(1)}`, `sha1=${hex}0`, `sha1=${hex.slice(0, 39)}g`, sha256, '', 'sha1=', `${header},${header}`, null, undefined]) {
      expect(await verifyWebhookSignature(body, variant, secret), String(variant)).toBe(false)
    }
  })
})

describe('constantTimeEqual', () => {
  /** An array that counts how many of its elements are read. */
  function counting(values: number[]): { array: ArrayLike<number>; reads: () => number } {
    let reads = 0
    const array = new Proxy(values, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++
        return Reflect.get(target, key, receiver)
      },
    })
    return { array, reads: () => reads }
  }

  it('reads every byte whatever the position of the first difference (no early exit)', () => {
    const expected = Array.from({ length: 20 }, (_, index) => index * 7)
    for (const position of [0, 1, 10, 19, -1]) {
      const given = [...expected]
      if (position >= 0) given[position] = (given[position] as number) ^ 0xff
      const a = counting(expected)
      const b = counting(given)
      expect(constantTimeEqual(a.array, b.array)).toBe(position === -1)
      expect(a.reads(), `difference at ${position}`).toBe(20)
      expect(b.reads(), `difference at ${position}`).toBe(20)
    }
  })

  it('is false for different lengths and true only for equal bytes', () => {
    expect(constantTimeEqual([1, 2, 3], [1, 2])).toBe(false)
    expect(constantTimeEqual([], [])).toBe(true)
    expect(constantTimeEqual([1, 2, 3], [1, 2, 4])).toBe(false)
    expect(constantTimeEqual(new Uint8Array([9, 8]), new Uint8Array([9, 8]))).toBe(true)
  })
})
