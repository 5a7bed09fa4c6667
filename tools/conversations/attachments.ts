import { z } from 'zod'

export const MAX_ATTACHMENTS = 10

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/**
 * Attachment URLs as an array or as comma-separated text (what UIs send). Spaces around the
 * commas are layout and are trimmed; an empty entry ("a,,b", a trailing comma, "") is refused
 * with its position rather than dropped, and every entry must be an http(s) URL.
 */
export const attachmentUrls = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((entry) => entry.trim())
      : value,
  )
  .pipe(
    z
      .array(
        z
          .string()
          .refine((entry) => entry !== '', { message: 'is empty (check for a doubled or trailing comma)' })
          .refine((entry) => entry === '' || isHttpUrl(entry), { message: 'must be an http(s) URL such as https://example.com/image.png' }),
      )
      .max(MAX_ATTACHMENTS, { message: `at most ${MAX_ATTACHMENTS} URLs` }),
  )
