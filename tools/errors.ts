import type { ToolError } from '../types'

/**
 * Carries a finished `ToolError` out of deep code (request building, transforms, lookups) up to
 * the executor, which turns it into `success: false`.
 */
export class ToolFailure extends Error {
  override name = 'ToolFailure'
  readonly error: ToolError

  constructor(error: ToolError) {
    super(error.message)
    this.error = error
  }
}

/** Said of every failure after which a write may have reached Intercom. */
export const MAY_HAVE_BEEN_APPLIED = 'The change may or may not have been applied: check before sending it again.'

/** Bad input: nothing is sent. */
export function validationFailure(field: string, message: string): ToolFailure {
  return new ToolFailure({ code: 'validation_error', field, message: `${field}: ${message}`, retryable: false })
}

/** Intercom answered 2xx with something the tool cannot read. Sending it again would get the same answer. */
export function invalidResponse(message: string, status?: number): ToolFailure {
  return new ToolFailure({ code: 'invalid_response', message, retryable: false, ...(status === undefined ? {} : { status }) })
}

/** Secrets shorter than this are not redacted: they would blank out ordinary words. */
const MIN_SECRET_LENGTH = 4

/** Removes every occurrence of one or more secrets from a text. */
export function redact(text: string, secrets: string | undefined | ReadonlyArray<string | undefined>): string {
  const list = (Array.isArray(secrets) ? secrets : [secrets]) as Array<string | undefined>
  // Longest first, so that a secret containing another is removed whole.
  const usable = list.filter((secret): secret is string => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH)
  usable.sort((a, b) => b.length - a.length)
  let out = text
  for (const secret of usable) out = out.split(secret).join('[redacted]')
  return out
}

/** Applies `redact` to every string of an error. */
export function redactError(error: ToolError, secrets: string | undefined | ReadonlyArray<string | undefined>): ToolError {
  const out: ToolError = { ...error, message: redact(error.message, secrets) }
  if (out.field !== undefined) out.field = redact(out.field, secrets)
  if (out.requestId !== undefined) out.requestId = redact(out.requestId, secrets)
  out.code = redact(out.code, secrets)
  return out
}
