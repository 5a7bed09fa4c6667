import { z } from 'zod'

/** Intercom stores monthly_spend as a signed 32-bit integer. */
export const MAX_MONTHLY_SPEND = 2 ** 31 - 1

/** Company attributes hold strings, numbers, booleans (and dates as unix timestamps); null clears one. */
export const companyAttributes = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
