import { z } from 'zod'
import { defineTool } from '../define'
import { definedOnly } from '../request'
import { contactFields, contactOutput, contactResult, linkCompany } from './fields'

export const createContact = defineTool({
  id: 'intercom_create_contact',
  name: 'Create contact',
  description:
    "Create a new contact (a person: a signed-up 'user' or an anonymous 'lead') in Intercom. Give at least one of email, external_id or role; a call with none of them is refused rather than creating an empty lead. Returns the contact and its id (contactId), which the other contact tools take. To change an existing contact use intercom_update_contact; to find one use intercom_search_contacts.",
  params: z
    .strictObject(contactFields)
    .refine((params) => params.email !== undefined || params.external_id !== undefined || params.role !== undefined, {
      message: 'give at least one of email, external_id or role',
      path: ['email'],
    }),
  route: 'POST /contacts',
  request: ({ company_id: _companyId, ...fields }) => ({ body: definedOnly(fields) }),
  transform: (body) => contactResult(body),
  followUp: (output, params, api) => linkCompany(output, params.company_id, api, 'created'),
  output: contactOutput,
  annotations: { readOnly: false, destructive: false, idempotent: false },
})
