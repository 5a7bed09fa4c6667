import { executeTool } from '../tools/executor'
import { clientFor } from '../tools/http'
import type { ToolContext, ToolResult } from '../types'
import type { CliIo } from './io'

/** A demo step failed: the message says which step and why. */
export class DemoError extends Error {
  override name = 'DemoError'
}

type Output = Record<string, unknown>

function field(value: unknown, ...path: string[]): unknown {
  let current = value
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

function text(value: unknown, ...path: string[]): string {
  const found = field(value, ...path)
  if (typeof found === 'string' || typeof found === 'number') return String(found)
  throw new DemoError(`expected ${path.join('.')} in the output, got ${JSON.stringify(found)}`)
}

/**
 * A scripted support workflow, end to end, through `executeTool` only: each step prints what it
 * did and the key values it got back. Returns the outputs of every step, for tests.
 */
export async function runDemo(
  context: ToolContext,
  io: CliIo,
  /** `afterStep` runs after each step is printed (the CLI waits there for the triggers it started). */
  options: { afterStep?: () => Promise<void> } = {},
): Promise<Array<{ step: string; toolId: string; output: Output }>> {
  const done: Array<{ step: string; toolId: string; output: Output }> = []
  let index = 0
  async function step(title: string, toolId: string, params: Record<string, unknown>, summary: (output: Output) => string): Promise<Output> {
    index++
    const result: ToolResult = await executeTool(toolId, params, context)
    if (!result.success) {
      throw new DemoError(`step ${index} (${title}, ${toolId}) failed: [${result.error.code}] ${result.error.message}`)
    }
    io.stdout(`${String(index).padStart(2)}. ${title.padEnd(36)} ${summary(result.output)}\n`)
    done.push({ step: title, toolId, output: result.output })
    await options.afterStep?.()
    return result.output
  }

  const stamp = Date.now().toString(36)
  const admins = await step('List admins', 'intercom_list_admins', {}, (o) => `${(o.admins as unknown[]).length} admins`)
  const adminId = text(admins, 'admins', '0', 'id')
  const adminName = text(admins, 'admins', '0', 'name')

  const created = await step(
    'Create contact',
    'intercom_create_contact',
    { email: `jane.${stamp}@example.com`, name: 'Jane Demo', role: 'user', custom_attributes: { plan: 'pro' } },
    (o) => `contactId=${text(o, 'contactId')} email=${text(o, 'contact', 'email')}`,
  )
  const contactId = text(created, 'contactId')

  const tag = await step('Create tag', 'intercom_create_tag', { name: `vip-${stamp}` }, (o) => `tag ${text(o, 'name')} id=${text(o, 'id')}`)
  const tagId = text(tag, 'id')
  await step('Tag the contact', 'intercom_tag_contact', { contactId, tagId }, (o) => `tagged with ${text(o, 'name')}`)

  const company = await step(
    'Create company',
    'intercom_create_company',
    { company_id: `acme-${stamp}`, name: 'Acme Demo Ltd', plan: 'enterprise', size: 0, monthly_spend: 155.98 },
    (o) => `companyId=${text(o, 'companyId')} monthly_spend=${text(o, 'company', 'monthly_spend')}`,
  )
  const companyId = text(company, 'companyId')
  await step('Attach contact to company', 'intercom_attach_contact_to_company', { contactId, companyId }, (o) => `attached to ${text(o, 'name')}`)

  const message = await step(
    'Admin message starts a conversation',
    'intercom_create_message',
    {
      message_type: 'inapp',
      template: 'plain',
      body: 'Hi Jane, welcome aboard! Anything we can help with?',
      from_type: 'admin',
      from_id: adminId,
      to_type: 'contact',
      to_id: contactId,
    },
    (o) => `messageId=${text(o, 'messageId')} conversation_id=${text(o, 'message', 'conversation_id')}`,
  )
  const conversationId = text(message, 'message', 'conversation_id')

  await step(
    'Reply as the admin',
    'intercom_reply_conversation',
    { conversationId, message_type: 'comment', body: 'Following up: your account is ready.' },
    (o) => `by the token's admin (${adminName}); parts=${String(field(o, 'conversation', 'conversation_parts', 'total_count') ?? '?')}`,
  )
  const assigned = await step(
    'Assign to an admin',
    'intercom_assign_conversation',
    { conversationId, admin_id: adminId, assignee_id: adminId, body: 'Taking this one.' },
    (o) => `admin_assignee_id=${String(o.admin_assignee_id)}`,
  )
  void assigned
  const snoozeUntil = Math.floor(Date.now() / 1000) + 3600
  await step(
    'Snooze for an hour',
    'intercom_snooze_conversation',
    { conversationId, admin_id: adminId, snoozed_until: snoozeUntil },
    (o) => `state=${String(o.state)} snoozed_until=${String(o.snoozed_until)}`,
  )
  await step('Reopen', 'intercom_open_conversation', { conversationId, admin_id: adminId }, (o) => `state=${String(o.state)}`)
  await step(
    'Close',
    'intercom_close_conversation',
    { conversationId, admin_id: adminId, body: 'Glad we could help!' },
    (o) => `state=${String(o.state)}`,
  )

  const ticketTypeId = await firstTicketTypeId(context)
  const ticket = await step(
    'Open a ticket',
    'intercom_create_ticket',
    {
      ticket_type_id: ticketTypeId,
      contacts: [{ id: contactId }],
      ticket_attributes: { _default_title_: 'Invoice is wrong', _default_description_: 'The March invoice shows 3 seats instead of 2.' },
    },
    (o) => `ticketId=${text(o, 'ticketId')} open=${String(field(o, 'ticket', 'open'))}`,
  )
  void ticket
  await step(
    'Search closed conversations',
    'intercom_search_conversations',
    { query: { operator: 'AND', value: [{ field: 'state', operator: '=', value: 'closed' }, { field: 'id', operator: '=', value: conversationId }] } },
    (o) => `found ${String(o.total_count)} (conversation ${text(o, 'conversations', '0', 'id')})`,
  )
  await step(
    'Search the contact by email',
    'intercom_search_contacts',
    { query: { field: 'email', operator: '=', value: text(created, 'contact', 'email') } },
    (o) => `found ${String(o.total_count)} (contactId=${text(o, 'contacts', '0', 'id')})`,
  )
  return done
}

/**
 * Creating a ticket needs a ticket type id, which none of the 31 tools lists: the demo reads
 * `GET /ticket_types` through the same client (auth, region, version, retries) as the tools.
 */
async function firstTicketTypeId(context: ToolContext): Promise<string> {
  const response = await clientFor(context).send({ method: 'GET', path: '/ticket_types', query: {} }, { idempotent: true })
  return text(response.body, 'data', '0', 'id')
}
