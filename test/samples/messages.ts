import type { Samples } from './types'

/** Valid params for each message tool, as its own tests use them. */
export const messagesSamples: Samples = {
  intercom_create_message: [
    {
      message_type: 'inapp',
      template: 'plain',
      body: 'heyy',
      from_type: 'admin',
      from_id: '991267816',
      to_type: 'user',
      to_id: '6762f2391bb69f9f2193bc19',
    },
    {
      message_type: 'email',
      template: 'personal',
      subject: 'Your order',
      body: '<p>It has shipped.</p>',
      from_type: 'admin',
      from_id: 991267816,
      to_type: 'lead',
      to_id: '6762f23c1bb69f9f2193bc1b',
      created_at: 1734537780,
    },
    {
      message_type: 'in_app',
      template: 'plain',
      body: 'heyy',
      from_type: 'admin',
      from_id: '991267816',
      to_type: 'contact',
      to_id: '6762f2391bb69f9f2193bc19',
    },
  ],
}
