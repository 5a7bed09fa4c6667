import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { contactSchema } from '../schemas/contact'
import { asObject } from '../schemas/common'

export const getContact = defineTool({
  id: 'intercom_get_contact',
  name: 'Get contact',
  description:
    "Get one contact by Intercom's contact id (a 24-character hex string such as 6762f0d51bb69f9f2193bb7f, returned by intercom_create_contact, intercom_list_contacts and intercom_search_contacts). To find a contact by email or external_id, use intercom_search_contacts instead. A merged contact fails with code contact_merged and names the id it was merged into.",
  params: z.strictObject({
    contactId: idParam("Intercom's id of the contact, e.g. 6762f0d51bb69f9f2193bb7f."),
  }),
  route: 'GET /contacts/{contactId}',
  transform: (body) => ({ contact: asObject(body, 'a contact') as z.infer<typeof contactSchema> }),
  output: z.object({ contact: contactSchema }),
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
