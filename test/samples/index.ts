import type { Samples } from './types'
import { contactsSamples } from './contacts'
import { companiesSamples } from './companies'
import { conversationsSamples } from './conversations'
import { ticketsSamples } from './tickets'
import { messagesSamples } from './messages'
import { adminsSamples } from './admins'
import { tagsSamples } from './tags'
import { notesSamples } from './notes'
import { eventsSamples } from './events'
import { companyLinksSamples } from './company-links'
import { referenceSamples } from './reference'

export type { Samples } from './types'

/** Valid params of every tool, merged from the per-resource files. */
export const samples: Samples = {
  ...contactsSamples,
  ...companiesSamples,
  ...conversationsSamples,
  ...ticketsSamples,
  ...messagesSamples,
  ...adminsSamples,
  ...tagsSamples,
  ...notesSamples,
  ...eventsSamples,
  ...companyLinksSamples,
  ...referenceSamples,
}
