import type { Samples } from './types'

/** Valid params for each ticket tool, as its own tests use them. */
export const ticketsSamples: Samples = {
  intercom_create_ticket: [
    {
      ticket_type_id: '88',
      contacts: '[{"id":"6762f2d81bb69f9f2193bc54"}]',
      ticket_attributes: '{"_default_title_":"example","_default_description_":"there is a problem"}',
    },
    {
      ticket_type_id: 88,
      contacts: [{ email: 'jane@example.com' }],
      ticket_attributes: { _default_title_: 'Refund', _default_description_: null, seats: 0, urgent: false },
      company_id: '6762f09a1bb69f9f2193bb34',
      created_at: 0,
      conversation_to_link_id: '613',
      disable_notifications: false,
    },
    { ticket_type_id: '88', contacts: [{ external_id: 'u-42' }], ticket_attributes: {}, disable_notifications: true },
  ],
  intercom_get_ticket: [{ ticketId: '631' }],
  intercom_update_ticket: [
    { ticketId: '627', ticket_state_id: '8498' },
    { ticketId: '627', open: false, admin_id: '991268011' },
    {
      ticketId: '627',
      ticket_attributes: '{"_default_title_":"example","_default_description_":"there is a problem"}',
      admin_id: 991268011,
      assignee_id: '991268013',
      is_shared: false,
      snoozed_until: 1673609604,
      open: true,
    },
    { ticketId: '627', assignee_id: '0' },
  ],
  intercom_reply_ticket: [
    { ticketId: '626', type: 'admin', message_type: 'note', body: '<p>Checked the logs.</p>', admin_id: '991267943' },
    { ticketId: '626', type: 'admin', message_type: 'comment', body: 'We issued the refund.', admin_id: 991267943, attachment_urls: ['https://example.com/a.png'], created_at: 1734537884 },
    { ticketId: '626', type: 'user', message_type: 'comment', body: 'Thanks again :)', intercom_user_id: '6762f2971bb69f9f2193bc49' },
    { ticketId: 626, type: 'user', message_type: 'comment', body: 'Thanks', email: 'jane@example.com' },
    // No admin_id: the token's own admin is looked up with GET /me first.
    { ticketId: '626', type: 'admin', message_type: 'comment', body: 'On it.' },
  ],
  intercom_search_tickets: [
    { query: '{"field":"open","operator":"=","value":true}' },
    {
      query: { operator: 'AND', value: [{ field: 'created_at', operator: '>', value: '1306054154' }, { field: 'ticket_type_id', operator: 'IN', value: ['67', '68'] }] },
      per_page: 5,
      starting_after: 'WzE3MzQ1Mzc0NjAwMDAsNDcxXQ==',
    },
  ],
  intercom_list_ticket_types: [{}],
  intercom_list_ticket_states: [{}],
}
