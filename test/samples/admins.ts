import type { Samples } from './types'

/** Valid params for each admin tool, as its own tests use them. */
export const adminsSamples: Samples = {
  intercom_list_admins: [{}],
  intercom_get_admin: [{ adminId: '991267459' }, { adminId: 991267459 }],
  intercom_get_current_admin: [{}],
}
