import type { Samples } from './types'

/** Valid params for each contact-company link tool, as its own tests use them. */
export const companyLinksSamples: Samples = {
  intercom_attach_contact_to_company: [{ contactId: '6762f0a01bb69f9f2193bb44', companyId: '6762f09a1bb69f9f2193bb34' }],
  intercom_detach_contact_from_company: [{ contactId: '6762f0a01bb69f9f2193bb44', companyId: '6762f09a1bb69f9f2193bb34' }],
}
