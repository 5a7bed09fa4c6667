/**
 * Test helpers for the sandbox suites: start a sandbox, call it with plain fetch, and check a
 * response against the OpenAPI 2.16 schema of its operation.
 */
import { formatErrors, loadContract } from '../test/helpers/openapi'
import { startSandbox, type Sandbox, type SandboxOptions } from './index'

/** A parsed answer. `body` is the JSON (any: tests read into it), or undefined when empty. */
export interface Answer {
  status: number
  headers: Headers
  body: any
}

export interface CallOptions {
  /** The bearer token; `null` sends no Authorization header. Default: the sandbox's token. */
  token?: string | null
  version?: string | null
  /** A raw body text instead of JSON. */
  raw?: string
}

export type Call = (method: string, path: string, body?: unknown, options?: CallOptions) => Promise<Answer>

/** A fetch-based caller bound to a sandbox. */
export function caller(sandbox: Sandbox): Call {
  return async (method, path, body, options = {}) => {
    const headers: Record<string, string> = { Accept: 'application/json' }
    const token = options.token === undefined ? sandbox.token : options.token
    if (token !== null) headers.Authorization = `Bearer ${token}`
    const version = options.version === undefined ? '2.16' : options.version
    if (version !== null) headers['Intercom-Version'] = version
    let payload: string | undefined = options.raw
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json'
      payload = JSON.stringify(body)
    }
    const response = await fetch(`${sandbox.url}${path}`, { method, headers, body: payload })
    const text = await response.text()
    return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) }
  }
}

/** Starts a sandbox on 127.0.0.1 and returns it with a caller. */
export async function started(options: SandboxOptions = {}): Promise<{ sandbox: Sandbox; call: Call }> {
  const sandbox = await startSandbox({ host: '127.0.0.1', ...options })
  return { sandbox, call: caller(sandbox) }
}

/**
 * Why a response does not match its operation's schema in the spec, or 'valid'. Error
 * statuses without a documented schema are checked against the spec's `error` component.
 */
export function specCheck(method: string, path: string, status: number, body: unknown): string {
  const contract = loadContract()
  const pathOnly = path.split('?')[0] ?? path
  if (contract.hasResponseSchema(method, pathOnly, status)) {
    return formatErrors(contract.validateResponse(method, pathOnly, status, body))
  }
  if (status >= 400) {
    const validate = contract.component('error')
    return validate(body) ? 'valid' : formatErrors([...(validate.errors ?? [])])
  }
  return `no ${status} response schema for ${method} ${pathOnly}`
}
