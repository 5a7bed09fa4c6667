/**
 * The params of each docs page's example, valid against the sandbox's default seed, so that every
 * example runs as written on `intercom-blocks sandbox` / `startSandbox()` (test/docs/examples.test.ts
 * runs them all). They start from the tool's first sample (valid params its tests use) and take
 * the seed's ids for id params, chosen by param name: one name means one kind of id in every tool,
 * so a new tool gets seed ids with no code of its own.
 */
import type { AnyToolDefinition } from '../types'
import { DEFAULT_SEED, seedData } from '../sandbox'
import { samples } from '../test/samples'

const seed = seedData(DEFAULT_SEED)

function pick<T>(list: readonly T[], what: string, test: (item: T) => boolean = () => true): T {
  const found = list.find(test)
  if (found === undefined) throw new Error(`The sandbox's default seed has no ${what} for the docs examples`)
  return found
}

const contact = pick(seed.contacts, 'user contact with an email and external_id', (item) => item.role === 'user' && !!item.email && !!item.external_id)
const company = pick(seed.companies, 'company')
const openConversation = pick(seed.conversations, 'open conversation', (item) => item.state === 'open')
const [admin, otherAdmin] = [pick(seed.admins, 'admin'), pick(seed.admins, 'second admin', (item) => item !== seed.admins[0])]
const ticket = pick(seed.tickets, 'ticket')
const tag = pick(seed.tags, 'tag')
const ticketType = pick(seed.ticket_types, "the ticket's type", (item) => item.id === ticket.ticket_type_id)
const otherState = pick(ticketType.states, 'other ticket state', (item) => item.id !== ticket.ticket_state_id)
const lead = pick(seed.contacts, 'lead', (item) => item.role === 'lead')
const article = pick(seed.articles ?? [], 'article')
const partConversation = pick(seed.conversations, 'conversation with a part that has a body', (item) => item.parts.some((part) => part.body !== null))
const part = pick(partConversation.parts, 'conversation part with a body', (item) => item.body !== null)

/**
 * Seed values of id params, by param name. A param that holds ids inside JSON (`contacts` of
 * intercom_create_ticket) gets them in the sample's own form: JSON text stays text.
 */
const SEED_IDS: Readonly<Record<string, unknown>> = {
  contacts: [{ id: contact.id }],
  user_id: contact.external_id,
  ticket_state_id: otherState.id,
  contactId: contact.id,
  to_id: contact.id,
  companyId: company.id,
  conversationId: openConversation.id,
  conversation_to_link_id: openConversation.id,
  ticketId: ticket.id,
  ticket_type_id: ticket.ticket_type_id,
  admin_id: admin.id,
  from_id: admin.id,
  owner_id: admin.id,
  assignee_id: otherAdmin.id,
  tagId: tag.id,
  adminId: admin.id,
  articleId: article.id,
  intercom_user_id: contact.id,
  // Merge a lead into a user.
  from: lead.id,
  into: contact.id,
  conversation_id: partConversation.id,
  conversation_part_id: part.id,
}

/**
 * Seed values of params that name an existing record only where the tool reads (the same names
 * are new values in the tools that create): your own ids of a contact and a company.
 */
const LOOKUP_IDS: Readonly<Record<string, unknown>> = {
  external_id: contact.external_id,
  company_id: company.company_id,
}

/** The params of a tool's docs example: its first sample, with the seed's ids for id params. */
export function docsExampleParams(tool: AnyToolDefinition): Record<string, unknown> | undefined {
  const sample = samples[tool.id]?.[0]
  if (!sample) return undefined
  const ids = tool.annotations.readOnly ? { ...SEED_IDS, ...LOOKUP_IDS } : SEED_IDS
  const seeded = (name: string, value: unknown) => {
    if (!Object.hasOwn(ids, name)) return value
    const id = ids[name]
    return typeof value === 'string' && typeof id !== 'string' ? JSON.stringify(id) : id
  }
  return Object.fromEntries(Object.entries(sample).map(([name, value]) => [name, seeded(name, value)]))
}
