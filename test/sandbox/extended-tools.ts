/**
 * The tools added beyond the first 31 (issue 13). operations.test.ts runs each of them against
 * the sandbox; workflow.test.ts runs every other tool. Together they run every registered tool.
 */
export const EXTENDED_TOOLS: readonly string[] = [
  'intercom_list_ticket_types',
  'intercom_list_ticket_states',
  'intercom_list_data_attributes',
  'intercom_list_teams',
  'intercom_get_admin',
  'intercom_get_current_admin',
  'intercom_find_contact_by_external_id',
  'intercom_merge_contacts',
  'intercom_archive_contact',
  'intercom_unarchive_contact',
  'intercom_list_contact_notes',
  'intercom_list_contact_tags',
  'intercom_list_contact_companies',
  'intercom_create_conversation',
  'intercom_update_conversation',
  'intercom_attach_contact_to_conversation',
  'intercom_redact_conversation_part',
  'intercom_list_conversation_attributes',
  'intercom_untag_conversation',
  'intercom_reply_ticket',
  'intercom_search_tickets',
  'intercom_update_company',
  'intercom_delete_company',
  'intercom_list_company_contacts',
  'intercom_find_company_by_company_id',
  'intercom_search_articles',
  'intercom_get_article',
]
