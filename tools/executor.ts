import type { z } from 'zod'
import type { AnyToolDefinition, ToolApi, ToolContext, ToolError, ToolResult } from '../types'
import { MAY_HAVE_BEEN_APPLIED, ToolFailure, invalidResponse, redactError } from './errors'
import { clientFor, urlCredentials, type IntercomClient } from './http'
import { getTool, listTools } from './registry'
import { FORBIDDEN_KEY_MESSAGE, forbiddenKeyPath } from './params'
import { buildRequest } from './request'
import type { CheckedToolId, ToolOutput, ToolParams } from './typed'

type Issue = z.core.$ZodIssue

/** The value at a path of the raw params, or `undefined` when any step is missing. */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

/** Picks, inside a union error, the branch that got furthest: the one with the fewest issues. */
function flattenIssues(
  issues: readonly Issue[],
  input: unknown,
  prefix: PropertyKey[] = [],
): Array<{ path: PropertyKey[]; message: string }> {
  const out: Array<{ path: PropertyKey[]; message: string }> = []
  for (const issue of issues) {
    const path = [...prefix, ...issue.path]
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? []
      out.push(...flattenIssues(best, input, path))
    } else if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: [...path, key], message: 'is not a parameter of this tool' })
      }
    } else if (issue.code === 'invalid_type' && path.length > 0 && valueAt(input, path) === undefined) {
      // "expected string, received undefined" says less than this, to a person or a model.
      out.push({ path, message: 'is required' })
    } else {
      out.push({ path, message: issue.message })
    }
  }
  return out
}

/** Turns zod issues into one `validation_error` that names every field at fault. */
export function validationError(issues: readonly Issue[], input?: unknown): ToolError {
  const flat = flattenIssues(issues, input)
  const name = (path: PropertyKey[]) => (path.length === 0 ? 'params' : path.map(String).join('.'))
  const message = flat.map((entry) => (entry.message === 'is required' ? `${name(entry.path)} is required` : `${name(entry.path)}: ${entry.message}`)).join('; ')
  return { code: 'validation_error', field: name(flat[0]?.path ?? []), message, retryable: false }
}

const meCache = new Map<string, Promise<{ id: string; [key: string]: unknown }>>()

async function tokenKey(client: IntercomClient, token: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${client.baseUrl}\n${hex}`
}

function apiFor(client: IntercomClient, context: ToolContext): ToolApi {
  return {
    async send(request, options) {
      return (await client.send(request, options)).body
    },
    async me() {
      const key = await tokenKey(client, context.accessToken)
      let pending = meCache.get(key)
      if (!pending) {
        pending = client.send({ method: 'GET', path: '/me', query: {} }, { idempotent: true }).then((response) => {
          const body = response.body as { id?: unknown } | undefined
          if (!body || (typeof body.id !== 'string' && typeof body.id !== 'number')) {
            throw invalidResponse('GET /me did not return an admin id.', response.status)
          }
          return { ...(body as Record<string, unknown>), id: String(body.id) }
        })
        meCache.set(key, pending)
        pending.catch(() => meCache.delete(key))
      }
      return pending
    },
  }
}

/** Forgets the cached `GET /me` answers (tests, token rotation). */
export function clearAdminCache(): void {
  meCache.clear()
}

/** Adds the tool's declared advice to an error from Intercom that it matches. */
function withHints(tool: AnyToolDefinition, error: ToolError): ToolError {
  if (!tool.errorHints || error.status === undefined) return error
  const text = `${error.code} ${error.message}`
  const hint = tool.errorHints.find((entry) => entry.match.test(text))
  return hint ? { ...error, message: `${error.message} ${hint.hint}` } : error
}

function unknownTool(toolId: unknown): ToolError {
  const ids = listTools().map((tool) => tool.id)
  const id = String(toolId)
  const near = ids.filter((candidate) => candidate.includes(id.replace(/^intercom_/, '')) || id.includes(candidate.replace(/^intercom_/, '')))
  return {
    code: 'unknown_tool',
    message: `There is no tool ${JSON.stringify(id)}.${near.length > 0 ? ` Did you mean ${near.join(', ')}?` : ''} listTools() returns the ${ids.length} tool ids.`,
    retryable: false,
  }
}

/**
 * Validates params against a tool's schema, exactly as `executeTool` does before it sends
 * anything: the parsed values, or the `validation_error` naming the field at fault.
 */
export function checkParams(
  tool: AnyToolDefinition,
  params: unknown,
): { success: true; values: Record<string, unknown> } | { success: false; error: ToolError } {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    return { success: false, error: { code: 'validation_error', field: 'params', message: 'params: must be an object of named parameters', retryable: false } }
  }
  const forbidden = forbiddenKeyPath(params)
  if (forbidden) {
    const field = forbidden.length > 1 ? forbidden.slice(0, -1).map(String).join('.') : 'params'
    return { success: false, error: { code: 'validation_error', field, message: `${field}: ${FORBIDDEN_KEY_MESSAGE}`, retryable: false } }
  }
  const parsed = tool.params.safeParse(params)
  if (!parsed.success) return { success: false, error: validationError(parsed.error.issues, params) }
  return { success: true, values: parsed.data as Record<string, unknown> }
}

/**
 * Runs one tool: validates the params, builds the request, calls Intercom, transforms the answer.
 * Never throws: every failure, including bad input and network trouble, comes back as
 * `success: false` with a specific code. The access token never appears in the result.
 *
 * Typed by tool id: a known id takes that tool's params (`ToolParams<Id>`) and gives its output
 * (`ToolOutput<Id>`); a misspelled id or param does not compile; an id of type `string` gets
 * `Record<string, unknown>` both ways.
 *
 * @example
 * const result = await executeTool('intercom_get_contact', { contactId: '6762f0d51bb69f9f2193bb7f' }, { accessToken })
 * if (result.success) console.log(result.output.contact)
 */
export async function executeTool<Id extends string>(
  toolId: CheckedToolId<Id>,
  params: ToolParams<Id>,
  context: ToolContext,
): Promise<ToolResult<ToolOutput<Id>>> {
  const tool: AnyToolDefinition | undefined = typeof toolId === 'string' ? getTool(toolId as string) : undefined
  if (!tool) return { success: false, error: unknownTool(toolId) }
  if (context === null || typeof context !== 'object' || Array.isArray(context)) {
    return {
      success: false,
      error: { code: 'validation_error', field: 'context', message: 'context: give an object with at least accessToken', retryable: false },
    }
  }
  // The secrets to keep out of a failure, as the call began; the base URL's login details are
  // parsed out only when there is a failure (a success needs none).
  const { accessToken, baseUrl } = context
  const fail = (error: ToolError): { success: false; error: ToolError } => {
    const secrets = [typeof accessToken === 'string' ? accessToken : undefined, ...urlCredentials(baseUrl)]
    return { success: false, error: redactError({ ...error, retryable: error.retryable ?? false }, secrets) }
  }
  // Where the call got to: once a write has been answered 2xx it was applied, and no later
  // failure may invite sending the call again.
  let stage: 'checking' | 'sending' | 'applied' = 'checking'
  try {
    const checked = checkParams(tool, params)
    if (!checked.success) return fail(checked.error)

    const client = clientFor(context)
    let values = checked.values
    if (tool.prepare) values = await tool.prepare(values, apiFor(client, context))
    const request = buildRequest(tool, values)
    if (context.signal?.aborted) {
      return fail({ code: 'aborted', message: 'The call was cancelled by its abort signal before anything was sent.', retryable: true })
    }
    stage = 'sending'
    const response = await client.send(request, { idempotent: tool.annotations.idempotent })
    if (!tool.annotations.readOnly) stage = 'applied'
    let output: Record<string, unknown>
    try {
      output = tool.transform(response.body, { status: response.status, params: values })
    } catch (error) {
      if (error instanceof ToolFailure) throw error
      throw invalidResponse(`Intercom's answer could not be read: ${(error as Error).message}`, response.status)
    }
    if (tool.followUp) output = await tool.followUp(output, values, apiFor(client, context))
    return { success: true, output: output as ToolOutput<Id> }
  } catch (error) {
    const toolError: ToolError =
      error instanceof ToolFailure
        ? withHints(tool, error.error)
        : { code: 'internal_error', message: error instanceof Error ? error.message : String(error), retryable: false }
    if (stage === 'applied') return fail(afterWrite(toolError, tool))
    const answered2xx = toolError.status !== undefined && toolError.status >= 200 && toolError.status < 300
    if (stage === 'sending' && answered2xx && !tool.annotations.readOnly) return fail(possibleWrite(toolError))
    return fail(toolError)
  }
}

/**
 * A failure after the tool's write was answered 2xx and read: the write was applied, so the call
 * must not be sent again (a create would create twice). A `followUp` names what it applied.
 */
function afterWrite(error: ToolError, tool: AnyToolDefinition): ToolError {
  const note = `Intercom had already applied ${tool.id}: do not send the same call again.`
  return { ...error, message: error.message.includes(note) ? error.message : `${error.message} ${note}`, retryable: false }
}

/** A write answered 2xx with an answer that could not be read: it may well have been applied. */
function possibleWrite(error: ToolError): ToolError {
  const message = error.message.includes(MAY_HAVE_BEEN_APPLIED) ? error.message : `${error.message} ${MAY_HAVE_BEEN_APPLIED}`
  return { ...error, message, retryable: false }
}
