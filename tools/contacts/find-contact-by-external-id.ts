import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { contactOutput, contactResult } from './fields'

export const findContactByExternalId = defineTool({
  id: 'intercom_find_contact_by_external_id',
  name: 'Find contact by external ID',
  description:
    "Get the contact whose external_id is your own id for the person (the user id in your product, set with intercom_create_contact or intercom_update_contact). Only users have an external id here, never leads. Returns the contact and its Intercom id (contactId), which the other contact tools take. A contact that was merged into another fails with code contact_merged. To find contacts by email or other attributes use intercom_search_contacts.",
  params: z.strictObject({
    external_id: idParam('Your own id of the user, exactly as it was saved as the contact\'s external_id, e.g. "u-42". Sent as one encoded path segment.'),
  }),
  route: 'GET /contacts/find_by_external_id/{external_id}',
  transform: (body) => contactResult(body),
  output: contactOutput,
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
