import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { definedOnly } from '../request'
import { contactFields, contactOutput, contactResult, linkCompany } from './fields'

export const updateContact = defineTool({
  id: 'intercom_update_contact',
  name: 'Update contact',
  description:
    "Change fields of an existing contact, found by Intercom's contact id (from intercom_search_contacts, intercom_list_contacts or intercom_create_contact). Only the fields you give are sent; everything else is left as it is. Returns the updated contact.",
  params: z
    .strictObject({
      contactId: idParam("Intercom's id of the contact to update, e.g. 6762f0d51bb69f9f2193bb7f."),
      ...contactFields,
      role: contactFields.role.describe("Change the role: 'user' or 'lead'."),
    })
    .refine((params) => Object.keys(params).some((key) => key !== 'contactId' && params[key as keyof typeof params] !== undefined), {
      message: 'give at least one field to change',
      path: ['contactId'],
    }),
  route: 'PUT /contacts/{contactId}',
  request: ({ contactId: _contactId, company_id: _companyId, ...fields }) => ({ body: definedOnly(fields) }),
  transform: (body) => contactResult(body),
  followUp: (output, params, api) => linkCompany(output, params.company_id, api, 'updated'),
  output: contactOutput,
  annotations: { readOnly: false, destructive: false, idempotent: true },
})
