import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { definedOnly } from '../request'
import { contactOutput, contactResult } from './fields'

export const mergeContacts = defineTool({
  id: 'intercom_merge_contacts',
  name: 'Merge lead into user',
  description:
    "Merge a lead (an anonymous or unidentified contact) into a user (a signed-up contact) that is the same person: Intercom combines the lead into the user and removes the lead for good (getting, listing or searching it afterwards finds nothing, so keep the user's id instead). This cannot be undone. Needs two Intercom contact ids, from intercom_search_contacts, intercom_list_contacts or intercom_find_contact_by_external_id: from must be a lead and into must be a user. Intercom refuses (invalid_merge) contacts that share no email or phone unless skip_duplicate_validation is true. Returns the merged user.",
  params: z
    .strictObject({
      from: idParam("Intercom's id of the lead to merge away, e.g. 6762f0d51bb69f9f2193bb7f. It must have role lead; it is removed by the merge."),
      into: idParam("Intercom's id of the user to merge into, e.g. 6762f0d51bb69f9f2193bb80. It must have role user; it is kept."),
      skip_duplicate_validation: z
        .boolean()
        .optional()
        .describe('true to merge contacts that share no email or phone (Intercom otherwise refuses them as not duplicates). false is sent as false.'),
    })
    .refine((params) => params.from !== params.into, { message: 'from and into must be two different contacts', path: ['into'] }),
  route: 'POST /contacts/merge',
  request: (params) => ({ body: definedOnly({ from: params.from, into: params.into, skip_duplicate_validation: params.skip_duplicate_validation }) }),
  transform: (body) => contactResult(body),
  output: contactOutput.extend({ contactId: z.string().describe('ID of the user the lead was merged into') }),
  annotations: { readOnly: false, destructive: true, idempotent: true },
})
