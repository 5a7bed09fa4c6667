import type { Samples } from './types'

/** Valid params for each conversation tool, as its own tests use them. */
export const conversationsSamples: Samples = {
  intercom_get_conversation: [
    { conversationId: '1295' },
    { conversationId: 1295, display_as: 'plaintext', include_translations: false },
  ],
  intercom_list_conversations: [{}, { per_page: 150, starting_after: 'WzE3MzQ1Mzc0NjAwMDAsNDcxXQ==' }],
  intercom_reply_conversation: [
    { conversationId: '1295', message_type: 'comment', body: 'Thanks for waiting!', admin_id: '991267715' },
    {
      conversationId: '1295',
      message_type: 'note',
      body: '<p>Refund issued.</p>',
      admin_id: 991267715,
      attachment_urls: 'https://example.com/a.png, https://example.com/b.png',
      created_at: 1734537600,
    },
    { conversationId: 'last', message_type: 'comment', body: 'Hello', admin_id: '991267715', attachment_urls: ['https://example.com/a.png'] },
    // No admin_id: the token's own admin is looked up with GET /me first.
    { conversationId: '1295', message_type: 'note', body: 'Checked the logs.' },
  ],
  intercom_search_conversations: [
    { query: '{"field":"state","operator":"=","value":"open"}' },
    {
      query: {
        operator: 'AND',
        value: [
          { field: 'open', operator: '=', value: true },
          { field: 'admin_assignee_id', operator: '=', value: 991267715 },
          { field: 'updated_at', operator: '>', value: 1700000000 },
        ],
      },
      per_page: 5,
      starting_after: 'WzE3MzQ1Mzc0NjAwMDAsNDcxXQ==',
    },
  ],
  intercom_close_conversation: [
    { conversationId: '1295', admin_id: '991267715' },
    { conversationId: '1295', admin_id: 991267715, body: 'Goodbye :)' },
  ],
  intercom_open_conversation: [{ conversationId: '1295', admin_id: '991267715' }],
  intercom_snooze_conversation: [{ conversationId: '1295', admin_id: '991267715', snoozed_until: 1893456000 }],
  intercom_assign_conversation: [
    { conversationId: '1295', admin_id: '991267715', assignee_id: '991267716' },
    { conversationId: '1295', admin_id: '991267715', assignee_id: 5017691, assignee_type: 'team', body: 'Passing you to billing.' },
    { conversationId: '1295', admin_id: '991267715', assignee_id: '0', assignee_type: 'admin' },
  ],
  intercom_create_conversation: [
    { contactId: '6762f11b1bb69f9f2193bba3', role: 'user', body: 'Hello there' },
    {
      contactId: '6762f11b1bb69f9f2193bba3',
      body: 'My order has not arrived.',
      subject: 'Order 1042',
      attachment_urls: 'https://example.com/receipt.png',
      created_at: 1734537501,
    },
  ],
  intercom_update_conversation: [
    { conversationId: '507', read: true, title: 'new conversation title', custom_attributes: { issue_type: 'Billing', priority: 'High' } },
    { conversationId: 507, read: false },
    { conversationId: '507', custom_attributes: '{"order_number":1042}' },
  ],
  intercom_attach_contact_to_conversation: [
    { conversationId: '1295', admin_id: '991267731', intercom_user_id: '6762f19b1bb69f9f2193bbd4' },
    { conversationId: '1295', admin_id: 991267731, email: 'winston@example.com' },
    { conversationId: '1295', admin_id: '991267731', user_id: 'u-42' },
  ],
  intercom_redact_conversation_part: [
    { conversation_id: '608', conversation_part_id: '149' },
    { conversation_id: 608, source_id: '403918391' },
  ],
}
