import { z } from 'zod'
import { anyArray, anyObject, bool, idOut, num, object, pagesSchema, str } from './common'

/** The message that started the conversation. */
const sourceSchema = object(
  {
    type: str('How the conversation started (conversation, email, push, twitter, ...)'),
    id: str('Id of the source message'),
    delivered_as: str('How the conversation was initiated (customer_initiated, admin_initiated, operator_initiated, ...)'),
    subject: str('Subject of the source message (emails); may be empty'),
    body: str('Body of the source message; HTML unless display_as=plaintext was asked for'),
    author: object(
      {
        type: str('Author type (user, lead, admin, bot, ...)'),
        id: str('Author id'),
        name: str('Author name'),
        email: str('Author email'),
      },
      'Who wrote the source message',
    ),
    attachments: anyArray('Attachments of the source message'),
    url: str('Page URL where the conversation was started (blank for email, Twitter and bots)'),
    redacted: bool('Whether the source message has been redacted'),
  },
  'Source of the conversation: the message that started it',
)

/** A conversation, as Intercom returns it. Unlisted fields pass through. */
export const conversationSchema = z
  .looseObject({
    id: z.string().describe('Unique identifier for the conversation (digits as a string, e.g. "1295")'),
    type: str('Object type (conversation)'),
    title: str('Title of the conversation'),
    created_at: num('Unix timestamp when conversation was created'),
    updated_at: num('Unix timestamp when conversation was last updated'),
    waiting_since: num('Unix timestamp since when the contact has been waiting for a reply (null if an admin replied last)'),
    snoozed_until: num('Unix timestamp when snooze ends and the conversation reopens'),
    open: bool('Whether the conversation is open'),
    state: str('State of the conversation: open, closed or snoozed'),
    read: bool('Whether the conversation has been read'),
    priority: str('Priority of the conversation (none, low, medium, high, urgent in 2.16)'),
    admin_assignee_id: idOut('ID of assigned admin (0 when no admin is assigned)'),
    team_assignee_id: idOut('ID of assigned team (0 when no team is assigned)'),
    tags: object({ type: str('Tag list type (tag.list)'), tags: anyArray('Array of tag objects {type, id, name}') }, 'Tags on the conversation'),
    source: sourceSchema,
    contacts: object(
      {
        type: str('Contact list type (contact.list)'),
        contacts: z
          .array(z.looseObject({ type: str('Object type (contact)'), id: str('Contact id'), external_id: str('Your id of the contact') }))
          .nullish()
          .describe('The contacts (users or leads) in the conversation'),
      },
      'Contacts in the conversation',
    ),
    teammates: object(
      { type: str('Teammate list type (admin.list)'), teammates: anyArray('Admins who wrote at least one part, as {type, id}') },
      'Teammates in the conversation',
    ),
    conversation_parts: object(
      {
        type: str('Part list type (conversation_part.list)'),
        conversation_parts: anyArray(
          'The parts (messages, notes, assignments, state changes), each with id, part_type, body, created_at, author {type, id, name, email}; at most the 500 most recent',
        ),
        total_count: num('Total number of parts'),
      },
      'Parts of the conversation (only when a single conversation is returned, not in lists)',
    ),
    statistics: anyObject('Conversation statistics (response times, reopen and assignment counts, first and last reply times)'),
    custom_attributes: anyObject('Custom attributes set on the conversation'),
    conversation_rating: anyObject('The rating and remark a contact gave, with the rated teammate'),
    first_contact_reply: anyObject('The first message from the contact: {created_at, type, url}'),
    sla_applied: anyObject('The SLA applied to the conversation'),
    linked_objects: anyObject('Tickets and conversations linked to this one'),
    company: anyObject('The company associated with the conversation'),
    ai_agent_participated: bool('Whether the AI agent (Fin) took part in the conversation'),
    ai_agent: anyObject('AI agent data (source, resolution state, rating)'),
  })
  .describe('A conversation')

export type Conversation = z.infer<typeof conversationSchema>

/** The output of the list and search tools. */
export const conversationListOutput = (conversations: string, total: string) =>
  z.object({
    conversations: z.array(conversationSchema).describe(conversations),
    pages: pagesSchema,
    total_count: num(total),
  })
