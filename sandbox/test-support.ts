/**
 * Test helpers for the sandbox suites: start a sandbox, call it with plain fetch, and check a
 * response against the OpenAPI 2.16 schema of its operation.
 */
import { formatErrors, loadContract, type Contract, type SpecDelta } from '../test/helpers/openapi'
import { startSandbox, type Sandbox, type SandboxOptions } from './index'
import { versionNumber } from './versions'

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
export function specCheck(method: string, path: string, status: number, body: unknown, version?: string): string {
  const contract = contractFor(version)
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

type SpecJson = Record<string, any>

/**
 * The documented differences of versions before 2.16 (see versions.ts), applied to the 2.16
 * description: the contract that answers to 2.15 and older are checked against.
 */
export const BEFORE_2_16: SpecDelta = {
  name: 'before 2.16',
  apply(spec: SpecJson) {
    const schemas = spec.components.schemas as SpecJson
    schemas.contact.properties.owner_id = { type: 'integer', nullable: true }
    for (const name of ['conversation', 'conversation_list_item']) {
      const conversation = schemas[name].properties
      conversation.priority = { type: 'string', enum: ['priority', 'not_priority'] }
      conversation.admin_assignee_id = { type: 'integer', nullable: true }
      conversation.team_assignee_id = { type: 'string', nullable: true }
    }
    schemas.conversation_teammates = {
      type: 'object',
      nullable: true,
      required: ['type', 'admins'],
      properties: { type: { type: 'string' }, admins: { type: 'array', items: { $ref: '#/components/schemas/reference' } } },
    }
    schemas.ticket.properties.admin_assignee_id = { type: 'string' }
    schemas.ticket.properties.team_assignee_id = { type: 'string' }
    delete schemas.ticket.properties.previous_ticket_state_id
    spec.paths['/tags'].post.responses['200'].content['application/json'].schema = { $ref: '#/components/schemas/tag_basic' }
  },
}

/** The contract for a version header: 2.16's, or 2.16's with the documented older deltas. */
export function contractFor(version: string | undefined): Contract {
  return versionNumber(version) >= 2.16 ? loadContract() : loadContract(BEFORE_2_16)
}
