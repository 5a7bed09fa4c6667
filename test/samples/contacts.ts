import type { Samples } from './types'

/** Valid params for each contact tool, as its own tests use them. */
export const contactsSamples: Samples = {
  intercom_create_contact: [
    { email: 'jane@example.com' },
    { role: 'lead', name: 'Anon', phone: '+353871234567' },
    { external_id: 'u-42', role: 'user', signed_up_at: 0, unsubscribed_from_emails: false, custom_attributes: '{"plan":"pro"}', owner_id: '991267593' },
  ],
  intercom_get_contact: [{ contactId: '6762f0dd1bb69f9f2193bb83' }],
  intercom_update_contact: [
    { contactId: '6762f0dd1bb69f9f2193bb83', name: 'Jane Doe', custom_attributes: { plan: 'pro' } },
    { contactId: '6762f0dd1bb69f9f2193bb83', role: 'user', email_verified: true, last_seen_at: 1734537437 },
  ],
  intercom_list_contacts: [{}, { per_page: 2, starting_after: 'WzE3MzQ1Mzc0MzcwMDAsIjY3NjJmMGRkIl0=' }],
  intercom_search_contacts: [
    { query: '{"field":"email","operator":"=","value":"jane@example.com"}' },
    {
      query: { operator: 'AND', value: [{ field: 'role', operator: '=', value: 'user' }, { field: 'created_at', operator: '>', value: 1700000000 }] },
      per_page: 25,
      sort_field: 'created_at',
      sort_order: 'ascending',
    },
  ],
  intercom_delete_contact: [{ contactId: '6762f0dd1bb69f9f2193bb83' }],
  intercom_find_contact_by_external_id: [{ external_id: 'u-42' }, { external_id: 70 }],
  // The first is the docs example: the default seed holds no lead and user with the same email or
  // phone, so the example skips Intercom's duplicate check.
  intercom_merge_contacts: [
    { from: '6762f0d51bb69f9f2193bb7f', into: '6762f0d51bb69f9f2193bb80', skip_duplicate_validation: true },
    { from: '6762f0d51bb69f9f2193bb7f', into: '6762f0d51bb69f9f2193bb80' },
  ],
  intercom_archive_contact: [{ contactId: '6762f0d51bb69f9f2193bb7f' }],
  intercom_unarchive_contact: [{ contactId: '6762f0d51bb69f9f2193bb7f' }],
  intercom_list_contact_notes: [{ contactId: '6762f0ab1bb69f9f2193bb60' }, { contactId: '6762f0ab1bb69f9f2193bb60', page: 2, per_page: 5 }],
  intercom_list_contact_tags: [{ contactId: '63a07ddf05a32042dffac965' }],
  intercom_list_contact_companies: [{ contactId: '63a07ddf05a32042dffac965' }, { contactId: '63a07ddf05a32042dffac965', page: 1, per_page: 50 }],
}
