import { z } from 'zod'
import { defineTool } from '../define'
import { ToolFailure } from '../errors'
import { idParam, timestampParam } from '../params'
import { definedOnly } from '../request'
import { anyArray, anyObject, asObject, bool, idOf, num, str } from '../schemas/common'
import { attachmentUrls, MAX_ATTACHMENTS } from '../conversations/attachments'

const CONTACT_KEYS = ['intercom_user_id', 'user_id', 'email'] as const

const nonEmpty = (description: string) =>
  z
    .string()
    .refine((value) => value.trim() !== '', { message: 'must not be empty' })
    .optional()
    .describe(description)

const ticketPartSchema = z
  .looseObject({
    id: z.string().describe('Id of the new ticket part'),
    type: str('Object type (ticket_part)'),
    part_type: str('comment, note or quick_reply'),
    body: str('Body of the reply, as HTML'),
    created_at: num('Unix timestamp when the reply was created'),
    updated_at: num('Unix timestamp when the reply was last updated'),
    author: anyObject('Who wrote the reply: {type (admin, user, ...), id, name, email}'),
    attachments: anyArray('Attachments of the reply'),
    redacted: bool('Whether the reply has been redacted'),
  })
  .describe('The reply, as a ticket part')

export const replyTicket = defineTool({
  id: 'intercom_reply_ticket',
  name: 'Reply to ticket',
  description:
    "Add a reply to a ticket: as an admin, a comment the customer sees or a note only teammates see; or, on behalf of the contact, a comment from the customer. Takes Intercom's internal ticket id (the id field from intercom_create_ticket, intercom_get_ticket or intercom_search_tickets), not the Inbox ticket number. For type \"admin\" give admin_id (from intercom_list_admins), or leave it out to write as the admin who owns the access token (looked up once with GET /me); for type \"user\" give the contact by exactly one of intercom_user_id (Intercom's contact id, from intercom_search_contacts), user_id (your external id) or email. Each call adds a new part: calling twice replies twice. Returns the new ticket part.",
  params: z
    .strictObject({
      ticketId: idParam(
        "Intercom's internal id of the ticket to reply to (the ticket's id field, e.g. \"626\", from intercom_create_ticket or intercom_search_tickets). Not the Inbox-visible ticket number (ticket_id).",
      ),
      type: z
        .enum(['admin', 'user'])
        .describe('Who writes the reply: "admin" (a teammate, needs admin_id) or "user" (the contact, needs one of intercom_user_id, user_id or email).'),
      message_type: z
        .enum(['comment', 'note'])
        .describe('"comment" for a reply the customer sees, or "note" for an internal note only teammates see (admins only).'),
      body: z
        .string()
        .refine((value) => value.trim() !== '', { message: 'must not be empty' })
        .describe('The text of the reply. HTML is accepted, e.g. "<p>We have issued the refund.</p>".'),
      admin_id: idParam(
        'Id of the admin writing the reply when type is "admin", digits such as "991267943" (from intercom_list_admins). When left out, the admin who owns the access token writes it.',
      ).optional(),
      intercom_user_id: idParam("When type is \"user\": Intercom's id of the contact replying, e.g. 6762f2971bb69f9f2193bc49 (from intercom_search_contacts).", 'contact').optional(),
      user_id: idParam('When type is "user": your own id of the contact replying (its external_id).').optional(),
      email: nonEmpty('When type is "user": the email of the contact replying.'),
      attachment_urls: attachmentUrls
        .optional()
        .describe(`Up to ${MAX_ATTACHMENTS} URLs of files to attach, each a full http(s) URL: an array, or one text with the URLs separated by commas.`),
      created_at: timestampParam('When the reply was written, as a unix timestamp in seconds. Intercom uses the current time when left out.').optional(),
    })
    .superRefine((params, ctx) => {
      const contactKeys = CONTACT_KEYS.filter((key) => params[key] !== undefined)
      if (params.type === 'admin') {
        for (const key of contactKeys) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is for a reply of type "user", not "admin"` })
        return
      }
      if (params.admin_id !== undefined) ctx.addIssue({ code: 'custom', path: ['admin_id'], message: 'admin_id is for a reply of type "admin", not "user"' })
      if (params.message_type === 'note') ctx.addIssue({ code: 'custom', path: ['message_type'], message: 'only admins write notes: a contact reply is a "comment"' })
      if (contactKeys.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: [contactKeys[1] ?? 'intercom_user_id'],
          message: `a contact reply needs exactly one of intercom_user_id, user_id or email (got ${contactKeys.length === 0 ? 'none' : contactKeys.join(', ')})`,
        })
      }
    }),
  route: 'POST /tickets/{ticketId}/reply',
  async prepare(params, api) {
    if (params.type !== 'admin' || params.admin_id !== undefined) return params
    try {
      const admin = await api.me()
      return { ...params, admin_id: admin.id }
    } catch (error) {
      if (!(error instanceof ToolFailure)) throw error
      throw new ToolFailure({
        ...error.error,
        field: 'admin_id',
        message: `No admin_id was given and the token's own admin could not be looked up (GET /me), so nothing was sent: ${error.error.message} Give admin_id (from intercom_list_admins).`,
      })
    }
  },
  request: (params) => ({
    body: definedOnly({
      message_type: params.message_type,
      type: params.type,
      body: params.body,
      admin_id: params.admin_id,
      intercom_user_id: params.intercom_user_id,
      user_id: params.user_id,
      email: params.email,
      attachment_urls: params.attachment_urls,
      created_at: params.created_at,
    }),
  }),
  transform: (body) => {
    const part = asObject(body, 'a ticket part') as z.infer<typeof ticketPartSchema>
    return { ticket_part: part, partId: idOf(part, 'ticket part') }
  },
  output: z.object({
    ticket_part: ticketPartSchema,
    partId: z.string().describe('ID of the new ticket part'),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: false },
})
