import type { Samples } from './types'

/** Valid params for each note tool, as its own tests use them. */
export const notesSamples: Samples = {
  intercom_create_note: [
    { contactId: '6762f0ad1bb69f9f2193bb62', body: 'Hello' },
    { contactId: '6762f0ad1bb69f9f2193bb62', body: '<p>Called about the invoice</p>', admin_id: 991267583 },
  ],
}
