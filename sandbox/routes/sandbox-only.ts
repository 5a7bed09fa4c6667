/**
 * Routes of the sandbox's own, for what Intercom does without an API call: a contact rating a
 * conversation in the Messenger. They live under `/sandbox/`, a path Intercom does not use, so
 * that nothing mistakes them for Intercom's API; the official SDK never calls them.
 */
import { int, objectBody, required, str, id } from '../body'
import { invalid } from '../errors'
import { renderConversation } from '../render-conversations'
import { ok, route, type Route, type SandboxRequest } from '../router'

export const sandboxOnlyRoutes: Route[] = [route('POST', '/sandbox/conversations/{conversation_id}/rating', rateConversation)]

/**
 * POST /sandbox/conversations/{id}/rating `{rating: 1–5, remark?, contact_id?}`: the contact (by
 * default the conversation's first) rates it, as in the Messenger; the teammate rated is the
 * admin assignee, else the token's admin. Rating again replaces the rating and remark, as a
 * contact who changes their answer does; each time, Intercom's `conversation.rating.added`.
 */
function rateConversation({ params, body: raw, store }: SandboxRequest) {
  const conversation = store.requireConversation(params.conversation_id as string)
  const body = objectBody(raw, ['rating', 'remark', 'contact_id'])
  const score = required(int(body, 'rating'), 'rating')
  if (score < 1 || score > 5) throw invalid('rating', 'must be a whole number from 1 to 5')
  const remark = str(body, 'remark') ?? null
  const contactId = id(body, 'contact_id') ?? conversation.contact_ids[0]
  if (contactId === undefined) throw invalid('contact_id', 'the conversation has no contact to rate it')
  if (!conversation.contact_ids.includes(contactId)) throw invalid('contact_id', 'must be a contact taking part in the conversation')
  const now = store.now()
  const admin = conversation.admin_assignee_id > 0 && store.admin(String(conversation.admin_assignee_id)) ? String(conversation.admin_assignee_id) : store.me().id
  conversation.rating = { score, remark, created_at: conversation.rating?.created_at ?? now, updated_at: now, contact_id: contactId, admin_id: admin }
  conversation.updated_at = now
  store.touch()
  return ok(renderConversation(store, conversation, { withParts: true }))
}
