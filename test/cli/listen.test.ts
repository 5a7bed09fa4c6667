import { describe, expect, it } from 'vitest'
import type { CliIo } from '../../cli/io'
import { commandListen } from '../../cli/listen'
import { main } from '../../cli/main'
import { getTrigger, signWebhookBody } from '../../index'

function capture(env: Record<string, string | undefined> = {}) {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = { stdout: (text) => void out.push(text), stderr: (text) => void err.push(text), env }
  return { io, lines: () => out.join('').split('\n').filter(Boolean), stderr: () => err.join('') }
}

/** Starts `listen` in-process; resolves with its URL and a stop function that returns the exit code. */
async function listen(args: string[], cli = capture()) {
  const controller = new AbortController()
  let ready: (url: string) => void = () => undefined
  const url = new Promise<string>((resolve) => (ready = resolve))
  const done = commandListen(['--port', '0', ...args], cli.io, controller.signal, ready)
  return { url: await url, cli, stop: async () => (controller.abort(), done) }
}

describe('intercom-blocks listen', () => {
  it('prints each verified event as one JSON line, and nothing for forged or unsigned deliveries', async () => {
    const { url, cli, stop } = await listen(['--secret', 's3cret'])
    const body = JSON.stringify({ ...getTrigger('intercom_conversation_closed')!.sample, created_at: Math.floor(Date.now() / 1000) })
    const post = async (signature?: string) =>
      (await fetch(url, { method: 'POST', body, headers: signature ? { 'X-Hub-Signature': signature } : {} })).status
    expect(await post(await signWebhookBody(body, 's3cret'))).toBe(200)
    expect(await post(await signWebhookBody(body, 'other'))).toBe(401)
    expect(await post()).toBe(401)
    expect(await post(await signWebhookBody(body, 's3cret'))).toBe(200)
    expect(await stop()).toBe(0)
    const lines = cli.lines().map((line) => JSON.parse(line))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ trigger: 'intercom_conversation_closed', output: { topic: 'conversation.admin.closed', conversationId: '2154' } })
    expect(cli.stderr()).toContain('Listening for Intercom webhooks')
  })

  it('takes --trigger and --topics (the catch-all), and the secret from INTERCOM_CLIENT_SECRET', async () => {
    const { url, cli, stop } = await listen(['--trigger', 'intercom_ticket_created', '--topics', 'ticket.closed'], capture({ INTERCOM_CLIENT_SECRET: 'envsecret' }))
    for (const topic of ['ticket.created', 'ticket.closed', 'conversation.admin.closed']) {
      const body = JSON.stringify({ ...getTrigger('intercom_ticket_created')!.sample, topic, id: `notif_${topic}`, created_at: Math.floor(Date.now() / 1000) })
      expect((await fetch(url, { method: 'POST', body, headers: { 'X-Hub-Signature': await signWebhookBody(body, 'envsecret') } })).status).toBe(200)
    }
    await stop()
    expect(cli.lines().map((line) => JSON.parse(line).trigger)).toEqual(['intercom_ticket_created', 'intercom_webhook'])
  })

  it('is a usage error (exit 2) without a secret, with an unknown trigger or a bad port', async () => {
    for (const args of [['listen'], ['listen', '--secret', 's', '--trigger', 'intercom_nope'], ['listen', '--secret', 's', '--port', 'x'], ['listen', '--secret', 's', '--bogus']]) {
      const cli = capture()
      expect(await main(args, cli.io), args.join(' ')).toBe(2)
      expect(cli.stderr()).toMatch(/intercom-blocks: /)
    }
  })

  it('receives what `intercom-blocks sandbox --webhook` sends for a change made through its API', async () => {
    const { url, cli, stop } = await listen(['--secret', 'pair'])
    const sandboxIo = capture()
    const controller = new AbortController()
    const running = main(['sandbox', '--port', '0', '--webhook', url, '--webhook-secret', 'pair'], sandboxIo.io, controller.signal)
    for (let waited = 0; sandboxIo.lines().length === 0 && waited < 500; waited++) await new Promise((resolve) => setTimeout(resolve, 20))
    const sandboxUrl = sandboxIo.lines()[0] as string
    const response = await fetch(`${sandboxUrl}/contacts`, { method: 'POST', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'cli@example.com', role: 'user' }) })
    expect(response.status).toBe(200)
    for (let waited = 0; cli.lines().length === 0 && waited < 500; waited++) await new Promise((resolve) => setTimeout(resolve, 20))
    controller.abort()
    expect(await running).toBe(0)
    await stop()
    expect(cli.lines().map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ trigger: 'intercom_contact_created', output: expect.objectContaining({ topic: 'contact.user.created' }) })])
    expect(await main(['sandbox', '--webhook', url], capture().io)).toBe(2)
    expect(await main(['sandbox', '--webhook', 'ftp://x', '--webhook-secret', 's'], capture().io)).toBe(2)
    expect(await main(['sandbox', '--webhook', url, '--webhook-secret', ''], capture().io)).toBe(2)
  })

  it('the demo shows each trigger firing right after the step whose change starts it', async () => {
    const cli = capture()
    expect(await main(['demo'], cli.io)).toBe(0)
    const out = cli.lines().join('\n')
    expect(out).toMatch(/Close\s+state=closed\n\s+⚡ trigger intercom_conversation_closed fired \(conversation\.admin\.closed, conversationId=\d+\)/)
    expect(out).toMatch(/Create contact .*\n\s+⚡ trigger intercom_contact_created fired/)
    expect(out).toMatch(/Open a ticket .*\n\s+⚡ trigger intercom_ticket_created fired/)
    // Reads start nothing.
    expect(out).toMatch(/Search closed conversations .*\n\s*\d+\. Search the contact/)
    expect(cli.stderr()).toMatch(/10 trigger events/)
  })
})
