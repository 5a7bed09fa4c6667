/**
 * The OpenAPI 2.16 description as a contract for every tool (CONTRACT.md §F):
 * - every request our tools build from their sample params validates against the operation's
 *   request schema;
 * - every transform accepts the spec's response examples, and its output parses with the tool's
 *   output schema.
 * Skipped, with the reason in the suite name, when ../shared is absent.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { clearAdminCache, executeTool, listTools } from '../../index'
import { parseRoute } from '../../tools/request'
import type { AnyToolDefinition } from '../../types'
import { fakeFetch, jsonResponse, TEST_TOKEN, type RecordedRequest } from '../helpers/fake-fetch'
import { formatErrors, hasSpec, loadContract, SKIP_SPEC } from '../helpers/openapi'
import { samples } from '../samples'

beforeEach(() => clearAdminCache())

describe('samples', () => {
  it('every registered tool has sample params, and every sample names a registered tool', () => {
    const ids = listTools().map((tool) => tool.id)
    expect(ids.filter((id) => !samples[id] || samples[id].length === 0)).toEqual([])
    expect(Object.keys(samples).filter((id) => !ids.includes(id))).toEqual([])
  })
})

/** The spec path template of a tool's route, e.g. /contacts/{contact_id}. */
function specTemplate(tool: AnyToolDefinition): { method: string; template: string } {
  const { method, path } = parseRoute(tool.route)
  const concrete = path.replace(/\{[^}]+\}/g, 'x1')
  const template = loadContract().matchPath(method, concrete)
  if (!template) throw new Error(`${tool.id}: ${method} ${path} is not in the spec`)
  return { method, template }
}

/** The status a tool's operation answers with on success. */
function successStatus(method: string, template: string): number {
  const op = (loadContract().spec.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)[template]?.[method.toLowerCase()]
  const status = Object.keys(op?.responses ?? {}).find((code) => code.startsWith('2'))
  return Number(status ?? 200)
}

/**
 * Bodies for the success responses the spec gives a schema but no example (CONTRACT.md §A,
 * "Resp ex. no"). Each is itself validated against the spec's response schema below.
 */
const EXAMPLELESS: Record<string, unknown> = {
  'DELETE /contacts/{contact_id}': { type: 'contact', id: '6762f0dd1bb69f9f2193bb83', external_id: 'u-42', deleted: true },
  'POST /contacts/{contact_id}/archive': { type: 'contact', id: '6762f0d51bb69f9f2193bb7f', external_id: null, archived: true },
  'POST /contacts/{contact_id}/unarchive': { type: 'contact', id: '6762f0d51bb69f9f2193bb7f', external_id: 'u-42', archived: false },
}

/** The spec's examples of an operation's success response, or our schema-checked stand-in. */
function successBodies(method: string, template: string, status: number): unknown[] {
  const examples = loadContract().examples(method, template, status)
  if (examples.length > 0) return examples.map((example) => example.value)
  const standIn = EXAMPLELESS[`${method.toUpperCase()} ${template}`]
  return standIn === undefined ? [] : [standIn]
}

/** Answers any request with the first example of its operation's success response. */
function specResponder(request: RecordedRequest): Response {
  const contract = loadContract()
  const template = contract.matchPath(request.method, request.url.pathname)
  if (!template) return jsonResponse(404, { type: 'error.list', errors: [{ code: 'not_found', message: 'not in spec' }] })
  const status = successStatus(request.method, template)
  const [body] = successBodies(request.method, template, status)
  return jsonResponse(status, body ?? null)
}

describe.skipIf(!hasSpec)(`requests against the OpenAPI request schemas${hasSpec ? '' : ` (${SKIP_SPEC})`}`, () => {
  const cases = listTools().flatMap((tool) => (samples[tool.id] ?? []).map((params, index) => [tool.id, index, params] as const))
  it.each(cases)('%s sample %i builds a request the spec accepts', async (toolId, _index, params) => {
    const fake = fakeFetch(specResponder)
    const result = await executeTool(toolId, params, { accessToken: TEST_TOKEN, fetch: fake.fetch, maxRetries: 0 })
    expect(result, JSON.stringify(result)).toMatchObject({ success: true })
    expect(fake.requests.length).toBeGreaterThan(0)
    const contract = loadContract()
    for (const request of fake.requests) {
      expect(contract.matchPath(request.method, request.url.pathname), `${request.method} ${request.url.pathname}`).toBeDefined()
      const template = contract.matchPath(request.method, request.url.pathname) ?? ''
      const declared = contract.queryParams(request.method, template)
      const undeclared = [...request.url.searchParams.keys()].filter((name) => !declared.has(name))
      expect(undeclared, `${request.method} ${template} sends query params the spec and its overrides do not declare`).toEqual([])
      if (request.body !== undefined) {
        const errors = contract.validateRequest(request.method, request.url.pathname, request.body)
        expect(errors, `${request.method} ${request.url.pathname} ${JSON.stringify(request.body)}: ${formatErrors(errors)}`).toBeNull()
        // The request schemas allow extra keys, so a misspelt field would pass the check above.
        const declaredKeys = contract.requestProperties(request.method, request.url.pathname)
        expect(declaredKeys, `${request.method} ${template}: the request schema declares no properties to check the body's keys against`).toBeDefined()
        const bodyKeys = request.body !== null && typeof request.body === 'object' && !Array.isArray(request.body) ? Object.keys(request.body) : []
        const undeclaredKeys = bodyKeys.filter((key) => !declaredKeys?.has(key))
        expect(undeclaredKeys, `${request.method} ${template} sends body fields its request schema does not declare`).toEqual([])
      }
    }
  })
})

describe.skipIf(!hasSpec)(`transforms against the OpenAPI response examples${hasSpec ? '' : ` (${SKIP_SPEC})`}`, () => {
  it.each(listTools().map((tool) => [tool.id, tool] as const))('%s accepts every example of its success response', (_id, tool) => {
    const { method, template } = specTemplate(tool)
    const status = successStatus(method, template)
    let bodies = successBodies(method, template, status)
    if (bodies.length === 0) {
      expect(status, `${tool.id}: a ${status} with no example and no stand-in must be an empty-body answer`).toBe(202)
      bodies = [undefined]
    }
    const params = samples[tool.id]?.[0] ?? {}
    const parsed = tool.params.parse(params)
    for (const body of bodies) {
      const output = tool.transform(body, { status, params: parsed })
      const check = tool.output.safeParse(output)
      expect(check.success, `${tool.id}: ${check.success ? '' : check.error.message}`).toBe(true)
    }
  })
})

describe.skipIf(!hasSpec)(`stand-in response bodies${hasSpec ? '' : ` (${SKIP_SPEC})`}`, () => {
  it.each(Object.entries(EXAMPLELESS))('%s validates against the spec response schema', (key, body) => {
    const [method = '', template = ''] = key.split(' ')
    const errors = loadContract().validateResponse(method, template.replace(/\{[^}]+\}/g, 'x1'), 200, body)
    expect(errors, formatErrors(errors)).toBeNull()
  })
})
