/**
 * The scaffolding every tool test file shares: a fresh {@link FakeFetch} and an empty admin
 * cache before each test, a context that uses them, and the usual assertions.
 *
 * @example
 * const t = toolHarness()
 *
 * it('GETs the contact', async () => {
 *   t.fake.reply({ status: 200, json: contact })
 *   const result = await t.run('intercom_get_contact', { contactId: contact.id })
 *   expect(t.fake.requests[0]?.method).toBe('GET')
 *   t.parseOutput('intercom_get_contact', result.success && result.output)
 * })
 */
import { beforeEach, expect } from 'vitest'
import { clearAdminCache, executeTool, getTool } from '../../index'
import type { ToolContext, ToolError, ToolResult } from '../../index'
import { fakeFetch, TEST_TOKEN, type FakeFetch } from './fake-fetch'

/** What {@link toolHarness} hands a test file. */
export interface ToolHarness {
  /** The fake fetch of the running test: a new one before each test. */
  readonly fake: FakeFetch
  /**
   * A context with {@link TEST_TOKEN}, the current fake fetch and no retries;
   * `overrides` replace any of these (e.g. `{ maxRetries: 3 }` to test retrying).
   */
  ctx(overrides?: Partial<ToolContext>): ToolContext
  /** `executeTool(toolId, params, ctx(overrides))`. */
  run(toolId: string, params: Record<string, unknown>, overrides?: Partial<ToolContext>): Promise<ToolResult>
  /**
   * Runs the tool and asserts it was refused before anything was sent: `success: false`,
   * code `validation_error`, the given `field`, a message containing `text` (any message when
   * omitted), and no request made. Returns the error for further checks.
   */
  expectRefused(toolId: string, params: Record<string, unknown>, field: string, text?: string): Promise<ToolError>
  /** Parses `output` with the tool's declared output schema; throws when the tool is unknown or the output does not fit. */
  parseOutput(toolId: string, output: unknown): unknown
}

/**
 * Sets up a tool test file. Call it once at the top level of the file: it registers a
 * `beforeEach` that makes a new fake fetch and calls `clearAdminCache()`.
 */
export function toolHarness(): ToolHarness {
  let current: FakeFetch | undefined

  beforeEach(() => {
    current = fakeFetch()
    clearAdminCache()
  })

  const harness: ToolHarness = {
    get fake(): FakeFetch {
      if (!current) throw new Error('toolHarness: the fake fetch exists only inside a test (call toolHarness() at the top level of the file)')
      return current
    },
    ctx: (overrides = {}) => ({ accessToken: TEST_TOKEN, fetch: harness.fake.fetch, maxRetries: 0, ...overrides }),
    run: (toolId, params, overrides) => executeTool(toolId, params, harness.ctx(overrides)),
    async expectRefused(toolId, params, field, text = '') {
      const result = await harness.run(toolId, params)
      expect(result.success).toBe(false)
      if (result.success) throw new Error(`${toolId} accepted ${JSON.stringify(params)}`)
      expect(result.error.code).toBe('validation_error')
      expect(result.error.field).toBe(field)
      expect(result.error.message).toContain(text)
      expect(harness.fake.requests).toHaveLength(0)
      return result.error
    },
    parseOutput(toolId, output) {
      const tool = getTool(toolId)
      if (!tool) throw new Error(`no tool ${toolId}`)
      return tool.output.parse(output) as unknown
    },
  }
  return harness
}

/**
 * Ids that would leave their path segment if sent raw, each with the single segment it must be
 * sent as: `/contacts/${encoded}` and no query string.
 */
export const HOSTILE_IDS: ReadonlyArray<[id: string, encoded: string]> = [
  ['../x', '..%2Fx'],
  ['a/b', 'a%2Fb'],
  ['?', '%3F'],
  ['#', '%23'],
]

/** Ids every path param refuses before anything is sent: empty, `.` and `..`. */
export const REFUSED_IDS: readonly string[] = ['', '.', '..']
