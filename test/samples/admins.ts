import type { Samples } from './types'

/** Valid params for each admin tool, as its own tests use them. */
export const adminsSamples: Samples = {
  intercom_list_admins: [{}],
}
