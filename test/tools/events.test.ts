import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildRequest, getTool } from '../../index'
import { toolHarness } from '../helpers/tool-harness'

const t = toolHarness()
const NOW = new Date('2025-01-02T03:04:05.678Z')
const NOW_SECONDS = 1735787045

const base = { event_name: 'ordered-item', user_id: '314159', created_at: 1671028894 }

afterEach(() => {
  vi.useRealTimers()
})

describe('intercom_create_event', () => {
  it('POSTs the event and reports accepted from the 202 answer', async () => {
    t.fake.reply({ status: 202 })
    const result = await t.run(
      'intercom_create_event',
      { event_name: 'invited-friend', created_at: 1671028894, user_id: 314159, metadata: '{"invite_code":"ADDAFRIEND","count":0,"gift":false}' },
    )
    expect(t.fake.requests).toHaveLength(1)
    expect(t.fake.requests[0]?.method).toBe('POST')
    expect(t.fake.requests[0]?.url.href).toBe('https://api.intercom.io/events')
    expect(t.fake.requests[0]?.body).toEqual({
      event_name: 'invited-friend',
      created_at: 1671028894,
      user_id: '314159',
      metadata: { invite_code: 'ADDAFRIEND', count: 0, gift: false },
    })
    expect(result).toEqual({ success: true, output: { accepted: true } })
    t.parseOutput('intercom_create_event', result.success && result.output)
  })

  it('does not claim accepted for a 2xx answer other than 202', async () => {
    t.fake.reply({ status: 200, json: {} }, { status: 204 })
    const ok = await t.run('intercom_create_event', base)
    const noContent = await t.run('intercom_create_event', base)
    expect(ok).toEqual({ success: true, output: {} })
    expect(noContent).toEqual({ success: true, output: {} })
  })

  it('fills created_at with the current unix time in seconds when omitted', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
    t.fake.reply({ status: 202 })
    await t.run('intercom_create_event', { event_name: 'ordered-item', email: 'frodo@example.com' })
    expect(t.fake.requests[0]?.body).toEqual({ event_name: 'ordered-item', created_at: NOW_SECONDS, email: 'frodo@example.com' })
  })

  it('keeps a given created_at, including 0', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
    t.fake.reply({ status: 202 })
    await t.run('intercom_create_event', { ...base, created_at: 0 })
    expect((t.fake.requests[0]?.body as { created_at: number }).created_at).toBe(0)
  })

  it('fixes created_at once: a retry resends the same value, even when the clock moves', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
    t.fake.reply(
      () => {
        vi.setSystemTime(new Date(NOW.getTime() + 5_000))
        return new Response(JSON.stringify({ type: 'error.list', errors: [{ code: 'server_error', message: 'oops' }] }), { status: 503 })
      },
      { status: 202 },
    )
    const result = await t.run('intercom_create_event', { event_name: 'ordered-item', id: '6762f0dd1bb69f9f2193bb83' }, { maxRetries: 1 })
    expect(result).toEqual({ success: true, output: { accepted: true } })
    expect(t.fake.requests).toHaveLength(2)
    expect(t.fake.requests.map((r) => (r.body as { created_at: number }).created_at)).toEqual([NOW_SECONDS, NOW_SECONDS])
  })

  it('reads the clock only in prepare: the request mapping stays pure', () => {
    const tool = getTool('intercom_create_event')
    if (!tool) throw new Error('intercom_create_event is not registered')
    const params = tool.params.parse({ event_name: 'ordered-item', user_id: '314159' })
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
    const first = buildRequest(tool, params)
    vi.setSystemTime(new Date(NOW.getTime() + 60_000))
    const second = buildRequest(tool, params)
    expect(first).toEqual(second)
    expect(first.body).toEqual({ event_name: 'ordered-item', user_id: '314159' })
  })

  it('accepts exactly 10 metadata keys, rich links and amounts', async () => {
    t.fake.reply({ status: 202 })
    const metadata = {
      a: '1',
      b: 2,
      c: true,
      d: 3.67,
      e: 'https://example.org/x',
      contact_date: 1392036272,
      article: { url: 'https://example.org/ab1de.html', value: 'the dude abides' },
      price: { amount: 34999, currency: 'eur' },
      free: { amount: 0, currency: 'usd' },
      j: '',
    }
    const result = await t.run('intercom_create_event', { ...base, metadata: JSON.stringify(metadata) })
    expect(result.success).toBe(true)
    expect((t.fake.requests[0]?.body as { metadata: unknown }).metadata).toEqual(metadata)
  })

  const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i]))
  it.each([
    [{ event_name: 'x', created_at: 1 }, 'user_id', 'give one of user_id, email or id'],
    [{ ...base, event_name: '' }, 'event_name', 'must not be empty'],
    [{ user_id: '1' }, 'event_name', ''],
    [{ ...base, email: '' }, 'email', 'must not be empty'],
    [{ ...base, id: '..' }, 'id', "not '.' or '..'"],
    [{ ...base, created_at: 1.5 }, 'created_at', ''],
    [{ ...base, created_at: '1671028894' }, 'created_at', ''],
    [{ ...base, metadata: eleven }, 'metadata', 'has 11 keys'],
    [{ ...base, metadata: JSON.stringify(eleven) }, 'metadata', 'at most 10'],
    [{ ...base, metadata: '{"a":' }, 'metadata', 'not valid JSON'],
    [{ ...base, metadata: '[1,2]' }, 'metadata', ''],
    [{ ...base, metadata: { order: { id: 1, total: 2 } } }, 'metadata.order', 'nested objects'],
    [{ ...base, metadata: '{"order":{"items":{"sku":"A"}}}' }, 'metadata.order', 'nested objects'],
    [{ ...base, metadata: { link: { url: 'https://x', value: 'y', extra: 1 } } }, 'metadata.link', 'nested objects'],
    [{ ...base, metadata: { link: { url: 5, value: 'y' } } }, 'metadata.link', 'rich link'],
    [{ ...base, metadata: { price: { amount: 9.99, currency: 'eur' } } }, 'metadata.price', 'whole number of cents'],
    [{ ...base, metadata: { price: { amount: '999', currency: 'eur' } } }, 'metadata.price', 'whole number of cents'],
    [{ ...base, metadata: { tags: ['a', 'b'] } }, 'metadata.tags', 'lists'],
    [{ ...base, metadata: { empty: null } }, 'metadata.empty', 'got null'],
    [{ ...base, metadata: { n: Number.POSITIVE_INFINITY } }, 'metadata.n', 'finite'],
    [{ ...base, event: 'typo' }, 'event', 'not a parameter'],
  ])('refuses %j and sends nothing', async (params, field, text) => {
    await t.expectRefused('intercom_create_event', params, field, text)
  })

  it('is an idempotent write (Intercom deduplicates on contact, name and created_at)', () => {
    expect(getTool('intercom_create_event')?.annotations).toEqual({ readOnly: false, destructive: false, idempotent: true })
  })
})
