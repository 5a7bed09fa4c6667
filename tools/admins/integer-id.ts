import { z } from 'zod'

const DIGITS = /^\d+$/

/**
 * An admin id in the few places where Intercom wants it as a JSON integer (CONTRACT §G:
 * `from.id` of a message, `admin_id` of a ticket update). Admin ids are handed around as text
 * (intercom_list_admins returns them as strings), so an integer or a string of digits is accepted
 * and sent as the integer. Anything else, including digits with spaces, a sign or a fraction, and
 * numbers too large to send exactly, is refused rather than rounded or trimmed.
 *
 * Shared by tickets and messages; a candidate for tools/params.ts.
 */
export function integerAdminIdParam(description: string) {
  return z
    .union([z.string(), z.number()])
    .transform((value, ctx) => {
      const text = typeof value === 'number' ? (Number.isInteger(value) && value >= 0 ? String(value) : '') : value
      if (!DIGITS.test(text)) {
        ctx.addIssue({ code: 'custom', message: `must be an admin id made of digits only, e.g. 991267593 (got ${JSON.stringify(value)})` })
        return z.NEVER
      }
      const number = Number(text)
      if (!Number.isSafeInteger(number)) {
        ctx.addIssue({ code: 'custom', message: 'is too large to be sent as an exact integer' })
        return z.NEVER
      }
      return number
    })
    .describe(description)
}
