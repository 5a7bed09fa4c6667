import { z } from 'zod'
import { num, object, str } from './common'

/** An admin-initiated message, as Intercom returns it. Unlisted fields pass through. */
export const messageSchema = z
  .looseObject({
    id: z.string().describe('Unique identifier for the message'),
    type: str('Object type, e.g. admin_message or user_message'),
    created_at: num('Unix timestamp when message was created'),
    subject: str('Subject of the message (email messages)'),
    body: str('Body of the message, may contain HTML'),
    message_type: str('Type of the message as Intercom reports it: email, inapp (in-app), facebook or twitter'),
    conversation_id: str('ID of the conversation created, once the contact replies'),
    owner: object(
      { type: str('Owner type (admin)'), id: str('Admin id'), name: str('Admin name'), email: str('Admin email') },
      'Owner of the message: the admin who sent it',
    ),
  })
  .describe('A message')
