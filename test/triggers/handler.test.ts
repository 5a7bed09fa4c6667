import { describe, expect, it } from 'vitest'
import { createMemorySeenStore, createWebhookHandler, getTrigger, signWebhookBody } from '../../index'
import type { SeenStore, TriggerEvent, WebhookHandlerOptions } from '../../index'

const secret = 'test-client-secret'
const URL_ = 'https://hooks.example/intercom'

function notification(topic: string, id = 'notif_a1', item: Record<string, unknown> = { type: 'conversation', id: '2154' }) {
  return { type: 'notification_event', app_id: 'ecahpwf5', id, topic, created_at: nowSeconds(), delivery_attempts: 1, data: { type: 'notification_event_data', item } }
}

async function signed(body: string, key = secret, headers: Record<string, string> = {}): Promise<Request> {
  return new Request(URL_, { method: 'POST', body, headers: { 'Content-Type': 'application/json', 'X-Hub-Signature': await signWebhookBody(body, key), ...headers } })
}

function setup(options: Partial<WebhookHandlerOptions> = {}) {
  const events: TriggerEvent[] = []
  const handler = createWebhookHandler({ clientSecret: secret, onEvent: (event) => void events.push(event), ...options })
  return { handler, events }
}

const nowSeconds = () => Math.floor(Date.now() / 1000)
/** The trigger's sample notification, created now (older ones are refused as possible replays). */
const replySample = () => JSON.stringify({ ...getTrigger('intercom_conversation_user_replied')!.sample, created_at: nowSeconds() })

describe('createWebhookHandler', () => {
  it('starts the matching trigger with its output for a signed notification → 200', async () => {
    const { handler, events } = setup()
    const response = await handler(await signed(replySample()))
    expect(response.status).toBe(200)
    expect(events).toHaveLength(1)
    expect(events[0]?.trigger).toBe('intercom_conversation_user_replied')
    expect(events[0]?.output).toMatchObject({ topic: 'conversation.user.replied', conversationId: '2154', conversation: { id: '2154' } })
    expect(events[0]?.notification.id).toBe(getTrigger('intercom_conversation_user_replied')!.sample.id)
  })

  it('missing signature → 401, no event', async () => {
    const { handler, events } = setup()
    const response = await handler(new Request(URL_, { method: 'POST', body: replySample() }))
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ error: 'missing X-Hub-Signature' })
    expect(events).toHaveLength(0)
  })

  it('wrong signature (other secret, forged body, malformed header) → 401, no event', async () => {
    const { handler, events } = setup()
    const body = replySample()
    expect((await handler(await signed(body, 'not-the-secret'))).status).toBe(401)
    const forged = new Request(URL_, { method: 'POST', body: body.replace('2154', '9999'), headers: { 'X-Hub-Signature': await signWebhookBody(body, secret) } })
    expect((await handler(forged)).status).toBe(401)
    expect((await handler(new Request(URL_, { method: 'POST', body, headers: { 'X-Hub-Signature': 'sha1=' } }))).status).toBe(401)
    expect(events).toHaveLength(0)
  })

  it('checks the signature before reading the body: unsigned malformed JSON and unsigned pings are 401', async () => {
    const { handler } = setup()
    expect((await handler(new Request(URL_, { method: 'POST', body: '{oops' }))).status).toBe(401)
    expect((await handler(new Request(URL_, { method: 'POST', body: JSON.stringify({ type: 'notification_event', topic: 'ping', id: null }) }))).status).toBe(401)
  })

  it('unsigned requests are accepted only with allowUnsigned: true (local testing); a wrong signature is still refused when a secret is set', async () => {
    expect(() => createWebhookHandler({ onEvent: () => undefined })).toThrow(/clientSecret is required/)
    expect(() => createWebhookHandler({ clientSecret: '', onEvent: () => undefined })).toThrow(/clientSecret must be a non-empty string/)
    const open = setup({ clientSecret: undefined, allowUnsigned: true })
    expect((await open.handler(new Request(URL_, { method: 'POST', body: replySample() }))).status).toBe(200)
    expect(open.events).toHaveLength(1)
    const withSecret = setup({ allowUnsigned: true })
    expect((await withSecret.handler(new Request(URL_, { method: 'POST', body: replySample() }))).status).toBe(200)
    expect((await withSecret.handler(await signed(JSON.stringify(notification('conversation.user.replied', 'notif_b')), 'wrong'))).status).toBe(401)
    expect(withSecret.events).toHaveLength(1)
  })

  it('ping → 200, no event', async () => {
    const { handler, events } = setup({ triggers: [{ id: 'intercom_webhook', topics: ['ping', 'ticket.closed'] }] })
    const ping = { type: 'notification_event', app_id: 'ecahpwf5', id: null, topic: 'ping', delivery_status: null, self: null, data: { type: 'notification_event_data', item: { type: 'ping', message: 'This is a ping notification test message.' } } }
    const response = await handler(await signed(JSON.stringify(ping)))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ping' })
    expect(events).toHaveLength(0)
  })

  it('HEAD (Intercom checks the URL) → 200; GET → 405', async () => {
    const { handler, events } = setup()
    expect((await handler(new Request(URL_, { method: 'HEAD' }))).status).toBe(200)
    const get = await handler(new Request(URL_))
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST, HEAD')
    expect(events).toHaveLength(0)
  })

  it('malformed JSON → 400; an envelope without its fields → 400 naming the field', async () => {
    const { handler, events } = setup()
    expect((await handler(await signed('{"type":'))).status).toBe(400)
    expect((await handler(await signed('[1,2]'))).status).toBe(400)
    const noId = { ...notification('conversation.user.replied'), id: undefined }
    const response = await handler(await signed(JSON.stringify(noId)))
    expect(response.status).toBe(400)
    expect((await response.json()).error).toMatch(/^id:/)
    const badItem = notification('conversation.user.replied', 'notif_x', { type: 'contact', id: '1' })
    const itemResponse = await handler(await signed(JSON.stringify(badItem)))
    expect(itemResponse.status).toBe(400)
    expect((await itemResponse.json()).error).toMatch(/data\.item\.type/)
    expect(events).toHaveLength(0)
  })

  it('a body over maxBodyBytes → 413, declared or streamed', async () => {
    const { handler, events } = setup({ maxBodyBytes: 64 })
    const big = JSON.stringify(notification('conversation.user.replied', 'notif_big', { type: 'conversation', id: '1', pad: 'x'.repeat(200) }))
    expect((await handler(await signed(big))).status).toBe(413)
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big))
        controller.close()
      },
    })
    const streamed = new Request(URL_, { method: 'POST', body: stream, headers: { 'X-Hub-Signature': await signWebhookBody(big, secret) }, duplex: 'half' } as RequestInit)
    expect((await handler(streamed)).status).toBe(413)
    expect(events).toHaveLength(0)
  })

  it('a topic no selected trigger listens to → 200, no event', async () => {
    const { handler, events } = setup({ triggers: ['intercom_conversation_closed'] })
    const response = await handler(await signed(replySample()))
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'ignored' })
    expect((await handler(await signed(JSON.stringify(notification('admin.logged_in', 'notif_adm'))))).status).toBe(200)
    expect(events).toHaveLength(0)
  })

  it('the catch-all starts on the topics it is given, with the item as sent', async () => {
    const { handler, events } = setup({ triggers: [{ id: 'intercom_webhook', topics: ['ticket.closed'] }] })
    await handler(await signed(JSON.stringify(notification('ticket.closed', 'notif_t', { type: 'ticket', id: '626' }))))
    await handler(await signed(replySample()))
    expect(events.map((event) => event.output)).toEqual([expect.objectContaining({ topic: 'ticket.closed', item: { type: 'ticket', id: '626' }, item_type: 'ticket' })])
  })

  it('a notification id already seen → 200, no second event (also when a retry has another attempt count)', async () => {
    const { handler, events } = setup()
    const first = notification('conversation.user.replied', 'notif_dup')
    expect((await handler(await signed(JSON.stringify(first)))).status).toBe(200)
    const again = await handler(await signed(JSON.stringify(first)))
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ status: 'duplicate', id: 'notif_dup' })
    expect((await handler(await signed(JSON.stringify({ ...first, delivery_attempts: 2 })))).status).toBe(200)
    expect(events).toHaveLength(1)
  })

  it('concurrent deliveries of one notification start one event', async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const events: TriggerEvent[] = []
    const handler = createWebhookHandler({ clientSecret: secret, onEvent: async (event) => { events.push(event); await gate } })
    const body = JSON.stringify(notification('conversation.user.replied', 'notif_race'))
    const first = handler(await signed(body))
    const second = await handler(await signed(body))
    release()
    expect(second.status).toBe(200)
    expect((await first).status).toBe(200)
    expect(events).toHaveLength(1)
  })

  it('onEvent failing → 500, and the retry of the same notification is processed', async () => {
    let fail = true
    const events: TriggerEvent[] = []
    const handler = createWebhookHandler({
      clientSecret: secret,
      onEvent: (event) => {
        if (fail) throw new Error('workflow engine down: token=abc')
        events.push(event)
      },
    })
    const body = JSON.stringify(notification('conversation.user.replied', 'notif_retry'))
    const failed = await handler(await signed(body))
    expect(failed.status).toBe(500)
    expect(await failed.text()).not.toContain('token=abc')
    fail = false
    expect((await handler(await signed(body))).status).toBe(200)
    expect(events).toHaveLength(1)
  })

  it('two selected triggers on one topic: when the second fails, the retry starts only the second', async () => {
    const started: string[] = []
    let failSecond = true
    const handler = createWebhookHandler({
      clientSecret: secret,
      triggers: ['intercom_conversation_user_replied', { id: 'intercom_webhook', topics: ['conversation.user.replied'] }],
      onEvent: (event) => {
        if (event.trigger === 'intercom_webhook' && failSecond) throw new Error('busy')
        started.push(event.trigger)
      },
    })
    const body = replySample()
    expect((await handler(await signed(body))).status).toBe(500)
    expect(started).toEqual(['intercom_conversation_user_replied'])
    failSecond = false
    const retry = await handler(await signed(body))
    expect(retry.status).toBe(200)
    expect(await retry.json()).toMatchObject({ status: 'ok', triggers: ['intercom_webhook'] })
    expect(started).toEqual(['intercom_conversation_user_replied', 'intercom_webhook'])
    // A third delivery starts nothing.
    expect(await (await handler(await signed(body))).json()).toMatchObject({ status: 'duplicate' })
    expect(started).toHaveLength(2)
  })

  it('uses a given SeenStore: claims with the time-to-live, releases after a failure; a failing store → 503', async () => {
    const calls: string[] = []
    const claimed = new Set<string>()
    const store: SeenStore = {
      async claim(id, ttlMs) {
        calls.push(`claim ${id} ${ttlMs}`)
        if (claimed.has(id)) return false
        claimed.add(id)
        return true
      },
      async release(id) {
        calls.push(`release ${id}`)
        claimed.delete(id)
      },
    }
    let fail = true
    const handler = createWebhookHandler({ clientSecret: secret, seen: store, seenTtlMs: 5_000, onEvent: () => { if (fail) throw new Error('x') } })
    const body = JSON.stringify(notification('conversation.user.replied', 'notif_s'))
    expect((await handler(await signed(body))).status).toBe(500)
    fail = false
    expect((await handler(await signed(body))).status).toBe(200)
    expect(calls).toEqual(['claim notif_s 5000', 'release notif_s', 'claim notif_s 5000'])
    const broken = createWebhookHandler({ clientSecret: secret, seen: { claim: () => Promise.reject(new Error('redis down')), release: async () => undefined }, onEvent: () => undefined })
    expect((await broken(await signed(body))).status).toBe(503)
  })

  it('a notification created more than maxAgeMs ago (a possible replay of a forgotten id) → 200, no event', async () => {
    const { handler, events } = setup({ seenTtlMs: 3_600_000, maxAgeMs: 60_000 })
    const old = { ...notification('conversation.user.replied', 'notif_old'), created_at: nowSeconds() - 120 }
    const response = await handler(await signed(JSON.stringify(old)))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'stale', id: 'notif_old' })
    expect((await handler(await signed(JSON.stringify({ ...old, id: 'notif_recent', created_at: nowSeconds() - 30 })))).status).toBe(200)
    expect(events.map((event) => event.output.event_id)).toEqual(['notif_recent'])
    // By default the age limit is the time ids are remembered, and it may not exceed it.
    const byDefault = setup({ seenTtlMs: 60_000 })
    await byDefault.handler(await signed(JSON.stringify(old)))
    expect(byDefault.events).toHaveLength(0)
    expect(() => createWebhookHandler({ clientSecret: secret, seenTtlMs: 1_000, maxAgeMs: 2_000, onEvent: () => undefined })).toThrow(/maxAgeMs must not exceed seenTtlMs/)
  })

  it('refuses a bad trigger selection at creation, naming the entry', () => {
    const make = (triggers: WebhookHandlerOptions['triggers']) => () => createWebhookHandler({ clientSecret: secret, triggers, onEvent: () => undefined })
    expect(make(['intercom_nope'])).toThrow(/triggers\[0\]: there is no trigger "intercom_nope"/)
    expect(make(['intercom_webhook'])).toThrow(/needs the topics/)
    expect(make([{ id: 'intercom_webhook', topics: ['Not A Topic'] }])).toThrow(/topics\[0\]/)
    expect(make([{ id: 'intercom_conversation_closed', topics: ['ticket.closed'] }])).toThrow(/use intercom_webhook/)
    expect(make([])).toThrow(/non-empty/)
    expect(make(['intercom_conversation_closed', 'intercom_conversation_closed'])).toThrow(/twice/)
  })
})

describe('createMemorySeenStore', () => {
  it('claims once until the time-to-live passes, and release makes an id claimable again', async () => {
    let now = 1_000
    const store = createMemorySeenStore({ now: () => now })
    expect(await store.claim('a', 100)).toBe(true)
    expect(await store.claim('a', 100)).toBe(false)
    now += 100
    expect(await store.claim('a', 100)).toBe(true)
    await store.release('a')
    expect(await store.claim('a', 100)).toBe(true)
  })

  it('is bounded in size, forgetting the oldest first, and in time', async () => {
    let now = 0
    const store = createMemorySeenStore({ maxEntries: 3, now: () => now })
    for (const id of ['a', 'b', 'c', 'd']) expect(await store.claim(id, 1_000)).toBe(true)
    expect(store.size).toBe(3)
    expect(await store.claim('d', 1_000)).toBe(false)
    expect(await store.claim('a', 1_000)).toBe(true)
    now = 5_000
    await store.claim('e', 1_000)
    expect(store.size).toBe(1)
  })
})
