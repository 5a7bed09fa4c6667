import type { Samples } from './types'

/** Valid params for each tool of this resource, as its own tests use them. */
export const companiesSamples: Samples = {}
