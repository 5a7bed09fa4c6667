import { z } from 'zod'
import { idParam, perPageParam } from '../params'
import { asObject, idOf, listTransform, pagesSchema } from '../schemas/common'
import { type Conversation } from '../schemas/conversation'

/** The path id of a conversation, shared by every conversation tool. */
export const conversationIdParam = (verb: string) =>
  idParam(
    `Intercom's id of the conversation ${verb}, digits such as "1295" (a number is accepted and sent as text). It comes from intercom_list_conversations or intercom_search_conversations (the id of each conversation).`,
  )

/** The admin who performs a state change; Intercom requires it. */
export const actingAdminParam = (action: string) =>
  idParam(
    `The id of the admin (teammate) who ${action}, digits such as "991267715" (a number is accepted and sent as text). Admin ids come from intercom_list_admins. Intercom records the action as made by this admin.`,
  )

export const perPage = perPageParam(150, 'How many conversations per page, 1 to 150 (Intercom defaults to 20).')

export const startingAfter = z
  .string()
  .min(1)
  .describe('The cursor of the page to read: pages.next.starting_after from the previous page. Leave out for the first page.')

/** Reads a conversation answer: the conversation, whole, and its id. */
export function conversationResult(body: unknown): { conversation: Conversation; conversationId: string } {
  const conversation = asObject(body, 'a conversation') as Conversation
  return { conversation, conversationId: idOf(conversation, 'conversation') }
}

/** Reads a list or search answer: `conversations`, `pages` and `total_count`, as Intercom sent them. */
export const conversationListResult = listTransform<{
  conversations: Conversation[]
  pages: z.infer<typeof pagesSchema>
  total_count: number | null | undefined
}>({ what: 'a conversation list', items: 'conversations', as: 'conversations', copy: ['pages', 'total_count'] })

/** `state` as Intercom reports it on the returned conversation. */
export const stateField = (description: string) => z.string().nullish().describe(description)
