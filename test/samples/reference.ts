import type { Samples } from './types'

/** Valid params for the team, data attribute, conversation attribute and help center tools, as their own tests use them. */
export const referenceSamples: Samples = {
  intercom_list_teams: [{}],
  intercom_list_data_attributes: [{}, { model: 'contact' }, { model: 'company', include_archived: false }],
  intercom_list_conversation_attributes: [{}, { include_archived: true }, { include_archived: false }],
  intercom_search_articles: [{ phrase: 'reset password' }, { phrase: 'billing', state: 'all', help_center_id: 0, highlight: true }],
  intercom_get_article: [{ articleId: '45' }, { articleId: 45 }],
}
