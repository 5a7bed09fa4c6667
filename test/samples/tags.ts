import type { Samples } from './types'

/** Valid params for each tag tool, as its own tests use them. */
export const tagsSamples: Samples = {
  intercom_list_tags: [{}],
  intercom_create_tag: [{ name: 'VIP' }, { name: 'Very important', id: '105' }],
  intercom_tag_contact: [{ contactId: '63a07ddf05a32042dffac965', tagId: '81' }],
  intercom_untag_contact: [{ contactId: '63a07ddf05a32042dffac965', tagId: '84' }],
  intercom_tag_conversation: [{ conversationId: '64619700005694', tagId: '86', admin_id: '991267618' }],
  intercom_untag_conversation: [{ conversationId: '64619700005694', tagId: '89', admin_id: '991267622' }],
}
