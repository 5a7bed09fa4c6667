/**
 * The sandbox's webhooks as a receiver sees them on the wire: Intercom's envelope and headers,
 * the signature (checked here with node:crypto, independently of the package's verifier),
 * retries with the same id, giving up, 429 throttling, topic filtering and option checks.
 */
import { createHmac } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startSandbox, WEBHOOK_USER_AGENT, type Sandbox, type SandboxOptions } from './index'

interface Received {
  headers: IncomingHttpHeaders
  body: string
  json: any // eslint-disable-line @typescript-eslint/no-explicit-any
}

const open: Array<{ close(): unknown }> = []
afterEach(async () => {
  for (const thing of open.splice(0)) await thing.close()
})

/** A receiver answering each request with the next status of `statuses` (then 200). */
async function receiver(statuses: number[] = []): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = []
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      received.push({ headers: request.headers, body, json: JSON.parse(body) })
      const status = statuses.shift() ?? 200
      response.writeHead(status, status === 429 ? { 'Retry-After': '0' } : {})
      response.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  open.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received }
}

async function sandboxWith(options: SandboxOptions): Promise<Sandbox> {
  const sandbox = await startSandbox({ port: 0, ...options })
  open.unshift(sandbox)
  return sandbox
}

async function createContact(sandbox: Sandbox, email: string): Promise<string> {
  const response = await fetch(`${sandbox.url}/contacts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, role: 'user' }),
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { id: string }).id
}

const secret = 'wire-secret'

describe('sandbox webhooks on the wire', () => {
  it('sends a signed ping on start, then each change with Intercom envelope and headers', async () => {
    const hook = await receiver()
    const sandbox = await sandboxWith({ webhooks: [{ url: hook.url, topics: ['contact.user.created'], clientSecret: secret }] })
    const contactId = await createContact(sandbox, 'wire@example.com')
    await sandbox.webhooks.idle()
    expect(hook.received.map((entry) => entry.json.topic)).toEqual(['ping', 'contact.user.created'])
    const [ping, created] = hook.received as [Received, Received]
    expect(ping.json).toMatchObject({ type: 'notification_event', id: null, delivery_status: null, self: null, data: { item: { type: 'ping' } } })
    for (const { headers, body } of hook.received) {
      expect(headers['x-hub-signature']).toBe(`sha1=${createHmac('sha1', secret).update(body).digest('hex')}`)
      expect(headers['content-type']).toBe('application/json')
      expect(headers['user-agent']).toBe(WEBHOOK_USER_AGENT)
    }
    expect(created.json).toMatchObject({
      type: 'notification_event',
      app_id: sandbox.state.snapshot().app.id_code,
      topic: 'contact.user.created',
      delivery_status: 'pending',
      delivery_attempts: 1,
      delivered_at: 0,
      links: {},
      self: null,
      data: { type: 'notification_event_data', item: { type: 'contact', id: contactId, email: 'wire@example.com' } },
    })
    expect(created.json.id).toMatch(/^notif_[0-9a-f-]{36}$/)
    expect(created.json.first_sent_at).toBe(created.json.created_at)
    // Contact webhooks carry ISO-8601 times, as Intercom's do.
    expect(created.json.data.item.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/)
  })

  it('sends only the subscribed topics, and nothing for reads or refused requests', async () => {
    const hook = await receiver()
    const sandbox = await sandboxWith({ webhooks: [{ url: hook.url, topics: ['company.created'], clientSecret: secret }], webhookDelivery: { ping: false } })
    await createContact(sandbox, 'quiet@example.com')
    await fetch(`${sandbox.url}/contacts`, { headers: { Authorization: `Bearer ${sandbox.token}` } })
    await fetch(`${sandbox.url}/contacts`, { method: 'POST', headers: { Authorization: `Bearer ${sandbox.token}` }, body: '{"role":"nobody"}' })
    await sandbox.webhooks.idle()
    expect(hook.received).toEqual([])
    expect(sandbox.webhooks.deliveries).toEqual([])
  })

  it('retries a failed delivery with the same id and a growing delivery_attempts, and gives up after 6 attempts', async () => {
    const hook = await receiver([500, 503, 200])
    const sandbox = await sandboxWith({ webhooks: [{ url: hook.url, topics: ['*'], clientSecret: secret }], webhookDelivery: { ping: false, timeScale: 0.0001 } })
    await createContact(sandbox, 'retry@example.com')
    await sandbox.webhooks.idle()
    expect(hook.received.map((entry) => entry.json.delivery_attempts)).toEqual([1, 2, 3])
    expect(new Set(hook.received.map((entry) => entry.json.id)).size).toBe(1)
    expect(sandbox.webhooks.deliveries[0]).toMatchObject({ state: 'delivered', attempts: 3, statuses: [500, 503, 200] })

    const down = await receiver([500, 500, 500, 500, 500, 500, 500])
    const failing = await sandboxWith({ webhooks: [{ url: down.url, topics: ['*'], clientSecret: secret }], webhookDelivery: { ping: false, timeScale: 0.0001 } })
    await createContact(failing, 'lost@example.com')
    await failing.webhooks.idle()
    expect(down.received).toHaveLength(6)
    expect(failing.webhooks.deliveries[0]).toMatchObject({ state: 'failed', attempts: 6 })
  })

  it('retries after a 429 and after a connection refused', async () => {
    const hook = await receiver([429])
    const sandbox = await sandboxWith({ webhooks: [{ url: hook.url, topics: ['*'], clientSecret: secret }], webhookDelivery: { ping: false, timeScale: 0.0001 } })
    await createContact(sandbox, 'throttled@example.com')
    await sandbox.webhooks.idle()
    expect(sandbox.webhooks.deliveries[0]).toMatchObject({ state: 'delivered', statuses: [429, 200] })

    const refused = await sandboxWith({ webhooks: [{ url: 'http://127.0.0.1:1/none', topics: ['*'], clientSecret: secret }], webhookDelivery: { ping: false, timeScale: 0.00001 } })
    await createContact(refused, 'nobody@example.com')
    await refused.webhooks.idle()
    expect(refused.webhooks.deliveries[0]).toMatchObject({ state: 'failed', attempts: 6, statuses: [0, 0, 0, 0, 0, 0] })
  })

  it('duplicates and delays notifications by seed, the same way on every run', async () => {
    const runOnce = async () => {
      const hook = await receiver()
      const sandbox = await sandboxWith({ webhooks: [{ url: hook.url, topics: ['*'], clientSecret: secret }], webhookDelivery: { ping: false, duplicateRate: 0.5, reorderRate: 0.5, reorderDelayMs: 5, seed: 9 } })
      for (let index = 0; index < 6; index++) await createContact(sandbox, `dup${index}@example.com`)
      await sandbox.webhooks.idle()
      const deliveries = sandbox.webhooks.deliveries
      expect(hook.received).toHaveLength(deliveries.length + deliveries.filter((delivery) => delivery.duplicated).length)
      return deliveries.map((delivery) => `${delivery.duplicated}/${delivery.delayed}`)
    }
    const first = await runOnce()
    expect(first.some((entry) => entry.startsWith('true'))).toBe(true)
    expect(first.some((entry) => entry.endsWith('true'))).toBe(true)
    expect(await runOnce()).toEqual(first)
  })

  it('notifies archive, unarchive, merge, participants, redaction, company deletion and ticket replies with their own topics', async () => {
    const hook = await receiver()
    const sandbox = await sandboxWith({ webhooks: [{ url: hook.url, topics: ['*'], clientSecret: secret }], webhookDelivery: { ping: false } })
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const api = async (method: string, path: string, body?: unknown): Promise<any> => {
      const response = await fetch(`${sandbox.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      expect(response.status, `${method} ${path}`).toBe(200)
      return response.json()
    }
    let seen = 0
    /** The notifications sent since the last call, in the order the changes were made. */
    const sent = async () => {
      await sandbox.webhooks.idle()
      const ids = sandbox.webhooks.deliveries.slice(seen).map((delivery) => delivery.id)
      seen = sandbox.webhooks.deliveries.length
      return ids.map((id) => hook.received.find((entry) => entry.json.id === id)?.json)
    }
    const topics = async () => (await sent()).map((event) => event.topic)

    const adminId = (await api('GET', '/admins')).admins[0].id
    const userId = await createContact(sandbox, 'lifecycle@example.com')
    const lead = await api('POST', '/contacts', { role: 'lead', email: 'lifecycle@example.com' })
    await sent()

    await api('POST', `/contacts/${userId}/archive`)
    expect(await topics()).toEqual(['contact.archived'])
    await api('POST', `/contacts/${userId}/archive`)
    expect(await topics()).toEqual([])
    await api('POST', `/contacts/${userId}/unarchive`)
    expect(await topics()).toEqual(['contact.unarchive'])

    await api('POST', '/contacts/merge', { from: lead.id, into: userId })
    const merged = await sent()
    expect(merged.map((event) => event.topic)).toContain('contact.merged')
    expect(merged.map((event) => event.topic)).not.toContain('contact.deleted')
    expect(merged.find((event) => event.topic === 'contact.merged').data.item).toMatchObject({ type: 'contact', id: userId })
    // A deletion is still a deletion.
    const other = await createContact(sandbox, 'gone@example.com')
    await sent()
    await api('DELETE', `/contacts/${other}`)
    expect(await topics()).toEqual(['contact.deleted'])

    const conversation = await api('POST', '/conversations', { from: { type: 'user', id: userId }, body: 'Hello' })
    const conversationId = String(conversation.conversation_id)
    await sent()
    await api('POST', `/conversations/${conversationId}/customers`, { admin_id: adminId, customer: { email: 'newcomer@example.com' } })
    expect(await topics()).toEqual(['contact.lead.created', 'conversation.contact.attached'])
    const replied = await api('POST', `/conversations/${conversationId}/reply`, { type: 'user', message_type: 'comment', intercom_user_id: userId, body: 'My card number is 4242' })
    const partId = String(replied.conversation_parts.conversation_parts.at(-1).id)
    await sent()
    await api('POST', '/conversations/redact', { type: 'conversation_part', conversation_id: conversationId, conversation_part_id: partId })
    const [redacted, ...rest] = await sent()
    expect(rest).toEqual([])
    expect(redacted.topic).toBe('conversation_part.redacted')
    expect(redacted.data.item.conversation_parts.conversation_parts.map((part: { id: string }) => String(part.id))).toEqual([partId])

    const company = await api('POST', '/companies', { company_id: 'doomed', name: 'Doomed Co' })
    await api('POST', `/contacts/${userId}/companies`, { id: company.id })
    await sent()
    await api('DELETE', `/companies/${company.id}`)
    const deleted = await sent()
    expect(deleted.map((event) => event.topic)).toEqual(['company.deleted'])
    expect(deleted[0].data.item).toEqual({ type: 'company', id: company.id, deleted: true })

    const type = (await api('GET', '/ticket_types')).data.find((candidate: { category: string }) => candidate.category === 'Customer')
    const ticket = await api('POST', '/tickets', { ticket_type_id: type.id, contacts: [{ id: userId }], ticket_attributes: { _default_title_: 'Help', _default_description_: 'Please.' } })
    await sent()
    await api('POST', `/tickets/${ticket.id}/reply`, { type: 'admin', message_type: 'comment', admin_id: adminId, body: 'On it.' })
    await api('POST', `/tickets/${ticket.id}/reply`, { type: 'admin', message_type: 'note', admin_id: adminId, body: 'Internal.' })
    await api('POST', `/tickets/${ticket.id}/reply`, { type: 'user', message_type: 'comment', intercom_user_id: userId, body: 'Thanks.' })
    const replies = await sent()
    expect(replies.map((event) => event.topic)).toEqual(['ticket.admin.replied', 'ticket.note.created', 'ticket.contact.replied'])
    expect(replies.every((event) => event.data.item.type === 'ticket' && event.data.item.id === ticket.id)).toBe(true)
  })

  it('sends an update made in the same second as the creation (times are whole seconds)', async () => {
    const hook = await receiver()
    const sandbox = await sandboxWith({ webhooks: [{ url: hook.url, topics: ['contact.user.updated', 'company.updated'], clientSecret: secret }], webhookDelivery: { ping: false } })
    const call = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${sandbox.url}${path}`, { method, headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      expect(response.status, `${method} ${path}`).toBe(200)
      return (await response.json()) as { id: string }
    }
    // The workspace clock is frozen so that every change lands in the same second.
    const now = Date.now()
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now)
    try {
      const contactId = await createContact(sandbox, 'same-second@example.com')
      await call('PUT', `/contacts/${contactId}`, { name: 'Renamed' })
      await call('PUT', `/contacts/${contactId}`, { custom_attributes: {} })
      const company = await call('POST', '/companies', { company_id: 'same-second', name: 'Before' })
      await call('PUT', `/companies/${company.id}`, { name: 'After' })
    } finally {
      clock.mockRestore()
    }
    await sandbox.webhooks.idle()
    expect(hook.received.map((entry) => [entry.json.topic, entry.json.data.item.name])).toEqual([
      ['contact.user.updated', 'Renamed'],
      ['company.updated', 'After'],
    ])
  })

  it('refuses bad webhook options, naming the field', async () => {
    const bad = (options: SandboxOptions) => startSandbox({ port: 0, ...options })
    await expect(bad({ webhooks: [{ url: 'ftp://x', topics: ['*'], clientSecret: 's' }] })).rejects.toThrow(/webhooks\[0\]\.url/)
    await expect(bad({ webhooks: [{ url: 'http://x', topics: [], clientSecret: 's' }] })).rejects.toThrow(/webhooks\[0\]\.topics/)
    await expect(bad({ webhooks: [{ url: 'http://x', topics: ['*'], clientSecret: '' }] })).rejects.toThrow(/webhooks\[0\]\.clientSecret/)
    await expect(bad({ webhookDelivery: { duplicateRate: 2 } })).rejects.toThrow(/duplicateRate/)
    await expect(bad({ webhookDelivery: { timeScale: -1 } })).rejects.toThrow(/timeScale/)
  })
})
