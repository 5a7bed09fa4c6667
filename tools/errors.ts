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

/** Bad input: nothing is sent. */
export function validationFailure(field: string, message: string): ToolFailure {
  return new ToolFailure({ code: 'validation_error', field, message: `${field}: ${message}` })
}

/** Intercom answered 2xx with something the tool cannot read. */
export function invalidResponse(message: string, status?: number): ToolFailure {
  return new ToolFailure({ code: 'invalid_response', message, ...(status === undefined ? {} : { status }) })
}

/** Removes every occurrence of a secret from a text. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text
  return text.split(secret).join('[redacted]')
}

/** Applies `redact` to every string of an error. */
export function redactError(error: ToolError, secret: string | undefined): ToolError {
  const out: ToolError = { ...error, message: redact(error.message, secret) }
  if (out.field !== undefined) out.field = redact(out.field, secret)
  if (out.requestId !== undefined) out.requestId = redact(out.requestId, secret)
  out.code = redact(out.code, secret)
  return out
}
