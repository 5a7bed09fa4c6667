import type { ToolError } from '../types'

/**
 * A block value that cannot become a tool param (text that is not a number, invalid JSON, an
 * unknown operation). `field` is the block field at fault; nothing has been sent.
 */
export class BlockValueError extends Error {
  override name = 'BlockValueError'
  /** The block field at fault (its id), e.g. `per_page` or `operation`. */
  readonly field: string

  constructor(field: string, message: string) {
    super(message)
    this.field = field
  }
}

/** A `BlockValueError` as the `validation_error` every face reports, naming the field. */
export function blockValueToolError(error: BlockValueError): ToolError {
  return { code: 'validation_error', field: error.field, message: error.message, retryable: false }
}
