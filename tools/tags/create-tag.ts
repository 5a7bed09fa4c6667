import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { definedOnly } from '../request'
import { tagOutput } from '../schemas/tag'
import { tagResult } from './tag-result'

export const createTag = defineTool({
  id: 'intercom_create_tag',
  name: 'Create or rename tag',
  description:
    "Create a tag, or rename an existing one. Without id: returns the tag with this name, creating it if no tag has the name yet (names are case-insensitive), so calling it twice does not make two tags. With id (from intercom_list_tags): renames that tag to name. Returns the tag's id, which intercom_tag_contact and intercom_tag_conversation take as tagId.",
  params: z.strictObject({
    name: z
      .string()
      .refine((value) => value.trim() !== '', { message: 'must not be empty' })
      .describe('Name of the tag, e.g. "VIP". Creates the tag if none has this name; with id, the new name of that tag.'),
    id: idParam('Id of an existing tag to rename (from intercom_list_tags), e.g. "7522907". Leave out to create or find a tag by name.', 'tag').optional(),
  }),
  route: 'POST /tags',
  request: (params) => ({ body: definedOnly({ name: params.name, id: params.id }) }),
  transform: (body) => tagResult(body),
  output: tagOutput,
  annotations: { readOnly: false, destructive: false, idempotent: true },
})
