import { randomUUID } from 'node:crypto'

/** One entry of Intercom's `error.list`. */
export interface ErrorEntry {
  code: string
  message: string
  field?: string
}

/** Intercom's error body: `{type: 'error.list', request_id, errors: [{code, message, field?}]}`. */
export interface ErrorBody {
  type: 'error.list'
  request_id: string
  errors: ErrorEntry[]
}

/** A failure a handler raises; the server answers it with Intercom's error body. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field: string | undefined
  /** Extra response headers (e.g. the mark of a route the sandbox does not emulate). */
  readonly headers: Record<string, string>

  constructor(status: number, code: string, message: string, field?: string, headers: Record<string, string> = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
    this.headers = headers
  }

  entry(): ErrorEntry {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field }
  }
}

export function errorBody(entries: ErrorEntry[], requestId: string = randomUUID()): ErrorBody {
  return { type: 'error.list', request_id: requestId, errors: entries }
}

/** 400 `parameter_not_found`: a required field is missing. */
export function missing(field: string): ApiError {
  return new ApiError(400, 'parameter_not_found', `${field} is required`, field)
}

/** 400 `parameter_invalid`: a field has the wrong type or value. */
export function invalid(field: string, message: string): ApiError {
  return new ApiError(400, 'parameter_invalid', `${field} ${message}`, field)
}

/** 404 with Intercom's code and message for the kind of object. */
export function notFound(code: string, message: string): ApiError {
  return new ApiError(404, code, message)
}

export const contactNotFound = (): ApiError => notFound('not_found', 'User Not Found')
export const companyNotFound = (): ApiError => notFound('company_not_found', 'Company Not Found')
export const conversationNotFound = (): ApiError => notFound('not_found', 'Resource Not Found')
export const tagNotFound = (): ApiError => notFound('not_found', 'Resource Not Found')
export const adminNotFound = (): ApiError => notFound('not_found', 'Admin not found')
export const ticketNotFound = (): ApiError => notFound('ticket_not_found', 'Ticket not found')

/** The code Intercom uses for a server-side status the fault injector sends. */
export function faultCode(status: number): { code: string; message: string } {
  switch (status) {
    case 429:
      return { code: 'rate_limit_exceeded', message: 'Too many requests' }
    case 500:
      return { code: 'server_error', message: 'Internal server error' }
    case 502:
      return { code: 'bad_gateway', message: 'Bad gateway' }
    case 503:
      return { code: 'service_unavailable', message: 'Service unavailable' }
    case 504:
      return { code: 'gateway_timeout', message: 'Gateway timeout' }
    default:
      return status >= 500
        ? { code: 'server_error', message: 'Internal server error' }
        : { code: 'bad_request', message: 'Bad request' }
  }
}

/** The header that marks the answer to a route the sandbox does not emulate. */
export const UNEMULATED_HEADER = 'X-Sandbox-Unemulated'

/**
 * 404 for a method and path the sandbox does not emulate: Intercom's error shape and code, but
 * a message and a header (`X-Sandbox-Unemulated: GET /path`) that tell it from "no such record".
 */
export function unemulated(method: string, path: string): ApiError {
  return new ApiError(
    404,
    'not_found',
    `The sandbox does not emulate ${method} ${path}: this is not an answer about a record`,
    undefined,
    { [UNEMULATED_HEADER]: `${method} ${path}` },
  )
}
