import { z } from 'zod'
import { defineTool } from '../define'
import { includeArchivedParam } from '../params'
import { listTransform, str } from '../schemas/common'
import { dataAttributeSchema } from '../schemas/reference'

const output = z.object({
  data_attributes: z.array(dataAttributeSchema).describe('The data attributes, built-in and custom'),
  type: str('Object type (list)'),
})

export const listDataAttributes = defineTool({
  id: 'intercom_list_data_attributes',
  name: 'List data attributes',
  description:
    "List the data attributes of contacts or companies, all at once: the built-in ones (email, name, ...) and the custom ones (custom: true), with their type, label and whether the API may write them. Use it to learn the names to use in custom_attributes of intercom_create_contact, intercom_update_contact, intercom_create_company and intercom_update_company, or the fields to search on. Conversation attributes are not listed here (Intercom 2.16 refuses model \"conversation\"): intercom_list_conversation_attributes lists them.",
  params: z.strictObject({
    model: z
      .enum(['contact', 'company'])
      .optional()
      .describe('Whose attributes to list: "contact" or "company". Leave out for both.'),
    include_archived: includeArchivedParam,
  }),
  route: 'GET /data_attributes',
  transform: listTransform<z.infer<typeof output>>({ what: 'a data attribute list', items: 'data', as: 'data_attributes', copy: ['type'] }),
  output,
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
