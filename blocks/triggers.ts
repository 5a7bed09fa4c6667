/**
 * The block's triggers, derived from the trigger registry: which events a workflow can start
 * from, the fields it fills (the trigger, the app's client secret, the catch-all's topics) and
 * what each trigger outputs; and the mapping from those values to a webhook handler's options.
 */
import type { BlockPort, BlockTriggerField, BlockTriggers, BlockValues, TriggerSelection, WebhookHandlerOptions } from '../types'
import { listTriggers } from '../triggers/registry'
import { TOPIC_PATTERN } from '../triggers/webhook'
import { BlockValueError } from './errors'
import { outputFieldsOfSchema } from './schema'

const PORT_TYPES: Record<string, BlockPort['type']> = { string: 'string', number: 'number', boolean: 'boolean', object: 'json', array: 'array' }

const all = listTriggers()
const configurable = all.filter((trigger) => trigger.configurableTopics).map((trigger) => trigger.id)

const triggerFields: BlockTriggerField[] = [
  {
    id: 'triggerId',
    title: 'Start when',
    type: 'dropdown',
    description: 'The Intercom event that starts the workflow.',
    options: all.map((trigger) => ({ id: trigger.id, label: trigger.name })),
    required: true,
  },
  {
    id: 'clientSecret',
    title: 'Client secret',
    type: 'short-input',
    password: true,
    description:
      "The client secret of your Intercom app (Developer Hub → your app → Basic information). Intercom signs every notification with it; a notification without a valid signature starts nothing. Subscribe the app's webhook to the trigger's topics in the Developer Hub (Webhooks).",
    placeholder: 'Enter the app client secret',
    required: true,
  },
  {
    id: 'topics',
    title: 'Topics',
    type: 'long-input',
    description: 'The Intercom topics to start on, separated by commas, spaces or new lines (or a JSON array), e.g. ticket.closed, conversation.admin.noted.',
    placeholder: 'ticket.closed, conversation.admin.noted',
    condition: { field: 'triggerId', value: configurable },
    required: { field: 'triggerId', value: configurable },
  },
]

function outputsOf(schema: Parameters<typeof outputFieldsOfSchema>[0]): Record<string, BlockPort> {
  return Object.fromEntries(
    outputFieldsOfSchema(schema).map((field) => [field.name, { type: PORT_TYPES[field.type] ?? 'any', description: field.description || field.name }]),
  )
}

/** The triggers of the Intercom block, derived from the registry. */
export const blockTriggers: BlockTriggers = {
  enabled: true,
  available: all.map((trigger) => trigger.id),
  subBlocks: triggerFields,
  options: Object.fromEntries(
    all.map((trigger) => [
      trigger.id,
      {
        id: trigger.id,
        name: trigger.name,
        description: trigger.description,
        topics: [...trigger.topics],
        configurableTopics: trigger.configurableTopics === true,
        outputs: outputsOf(trigger.output),
      },
    ]),
  ),
}

function text(values: BlockValues, field: string): string | undefined {
  const value = values?.[field]
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string') throw new BlockValueError(field, `${field}: must be text, got ${Array.isArray(value) ? 'an array' : typeof value}`)
  return value
}

/** The catch-all's topics from the field: a JSON array, or text separated by commas or white space. */
function readTopics(value: unknown): string[] | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined
  let list: unknown = value
  if (typeof value === 'string') {
    const trimmed = value.trim()
    if (trimmed.startsWith('[')) {
      try {
        list = JSON.parse(trimmed)
      } catch {
        throw new BlockValueError('topics', 'topics: is not valid JSON (give a JSON array of topics, or topics separated by commas)')
      }
    } else list = trimmed.split(/[\s,]+/).filter(Boolean)
  }
  if (!Array.isArray(list) || list.length === 0) throw new BlockValueError('topics', 'topics: give at least one topic, e.g. ticket.closed')
  for (const topic of list) {
    if (typeof topic !== 'string' || !TOPIC_PATTERN.test(topic)) throw new BlockValueError('topics', `topics: ${JSON.stringify(topic)} is not an Intercom topic (e.g. ticket.closed)`)
  }
  return list as string[]
}

/**
 * The webhook handler options of a block used as a trigger, read from its values: the client
 * secret and the trigger (with the catch-all's topics). Throws a `BlockValueError` naming the
 * field when a value is missing or cannot be read. Pass the result with your `onEvent` to
 * `createWebhookHandler`.
 *
 * @example
 * const handler = createWebhookHandler({ ...blockWebhookHandlerOptions(values), onEvent: start })
 */
export function blockWebhookHandlerOptions(values: BlockValues): Pick<WebhookHandlerOptions, 'clientSecret' | 'triggers'> {
  const triggerId = text(values, 'triggerId')
  if (triggerId === undefined) throw new BlockValueError('triggerId', 'triggerId: choose the event that starts the workflow')
  const option = Object.hasOwn(blockTriggers.options, triggerId) ? blockTriggers.options[triggerId] : undefined
  if (!option) throw new BlockValueError('triggerId', `triggerId: ${JSON.stringify(triggerId)} is not a trigger of this block; choose one of ${blockTriggers.available.join(', ')}`)
  const clientSecret = text(values, 'clientSecret')
  if (clientSecret === undefined) throw new BlockValueError('clientSecret', "clientSecret: the Intercom app's client secret is required to verify notifications")
  const topics = readTopics(values?.topics)
  let selection: TriggerSelection
  if (option.configurableTopics) {
    if (!topics) throw new BlockValueError('topics', `topics: ${triggerId} needs the topics to start on, e.g. ticket.closed`)
    selection = { id: triggerId, topics }
  } else {
    if (topics) throw new BlockValueError('topics', `topics: ${triggerId} listens to ${option.topics.join(', ')}; only ${configurable.join(', ')} takes topics`)
    selection = triggerId
  }
  return { clientSecret, triggers: [selection] }
}
