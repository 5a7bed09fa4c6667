/**
 * The demo's triggers: a local webhook endpoint (the package's own handler) that the sandbox
 * notifies, so that each demo step shows the trigger its change starts.
 */
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { listTriggers } from '../triggers/registry'
import { createNodeWebhookListener } from '../triggers/node'
import type { WebhookSubscription } from '../sandbox'
import type { TriggerEvent } from '../types'
import type { CliIo } from './io'

const ITEM_IDS = ['conversationId', 'contactId', 'companyId', 'ticketId', 'tagId'] as const

/** One line per event: the trigger, the topic and the ids a next workflow step would take. */
export function describeEvent(event: TriggerEvent): string {
  const output = event.output as unknown as Record<string, unknown>
  const ids = ITEM_IDS.filter((key) => typeof output[key] === 'string').map((key) => `${key}=${String(output[key])}`)
  return `    ⚡ trigger ${event.trigger} fired (${event.output.topic}${ids.length > 0 ? `, ${ids.join(' ')}` : ''})\n`
}

export async function startDemoTriggers(io: CliIo): Promise<{ webhooks: WebhookSubscription[]; fired: TriggerEvent[]; close(): Promise<void> }> {
  const clientSecret = randomUUID()
  const fired: TriggerEvent[] = []
  const server = createServer(
    createNodeWebhookListener({
      clientSecret,
      onEvent: (event) => {
        fired.push(event)
        io.stdout(describeEvent(event))
      },
    }),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    webhooks: [{ url: `http://127.0.0.1:${port}/intercom/webhooks`, topics: listTriggers().flatMap((trigger) => trigger.topics), clientSecret }],
    fired,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
