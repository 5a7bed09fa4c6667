import type { AnyToolDefinition } from '../../types'
import { createTag } from './create-tag'
import { listTags } from './list-tags'
import { tagContact } from './tag-contact'
import { tagConversation } from './tag-conversation'
import { untagContact } from './untag-contact'
import { untagConversation } from './untag-conversation'

export { createTag, listTags, tagContact, tagConversation, untagContact, untagConversation }

export const tagsTools: readonly AnyToolDefinition[] = [listTags, createTag, tagContact, untagContact, tagConversation, untagConversation]
