import type { Samples } from './types'

/** Valid params for each event tool, as its own tests use them. */
export const eventsSamples: Samples = {
  intercom_create_event: [
    { event_name: 'invited-friend', created_at: 1671028894, user_id: '314159', metadata: '{"invite_code":"ADDAFRIEND"}' },
    { event_name: 'ordered-item', email: 'frodo.baggins@example.com' },
    {
      event_name: 'ordered-item',
      created_at: 1671028894,
      id: '8a88a590-e1c3-41e2-a502-e0649dbf721c',
      metadata: {
        order_id: '1042',
        quantity: 3,
        gift: false,
        order_page: { url: 'https://example.org/orders/1042', value: 'Order 1042' },
        price: { amount: 34999, currency: 'eur' },
      },
    },
  ],
}
