/**
 * Results typed by tool id, inferred from the definitions. The type checks below run in
 * `npm test` through `tsc --noEmit` (test/ is in tsconfig.json): an expected error that stops
 * being one fails as an unused `@ts-expect-error`. The last test strips those directives and
 * compiles the file again, to prove each one marks a real error (and nothing else does).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import {
  collect,
  executeTool,
  paginate,
  type CollectedOutput,
  type ToolItem,
  getTool,
  listTools,
  runBlock,
  type BlockOutput,
  type CheckedToolId,
  type ToolContext,
  type ToolId,
  type ToolOutput,
  type ToolParams,
  type ToolResult,
} from '../../index'
import { startSandbox, type Sandbox } from '../../sandbox'
import { resourceList } from '../../tools/registry'

let sandbox: Sandbox
let context: ToolContext
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  context = { accessToken: sandbox.token, baseUrl: sandbox.url }
})
afterAll(() => sandbox?.close())

describe('typed results by tool id', () => {
  it('a known id gives its output type: list_admins → admins[] (a real call on the sandbox)', async () => {
    const result = await executeTool('intercom_list_admins', {}, context)
    expectTypeOf(result).toEqualTypeOf<ToolResult<ToolOutput<'intercom_list_admins'>>>()
    if (!result.success) throw new Error(result.error.message)
    expectTypeOf(result.output.admins).toBeArray()
    expectTypeOf(result.output.admins[0]!.id).toEqualTypeOf<string>()
    expect(result.output.admins.length).toBeGreaterThan(0)
    expect(typeof result.output.admins[0]?.id).toBe('string')
  })

  it('a known id takes its params: get_contact needs contactId, and its output has contact', async () => {
    expectTypeOf<ToolParams<'intercom_get_contact'>>().toHaveProperty('contactId')
    const listed = await executeTool('intercom_list_contacts', { per_page: 1 }, context)
    if (!listed.success) throw new Error(listed.error.message)
    const id = listed.output.contacts[0]!.id
    const result = await executeTool('intercom_get_contact', { contactId: id }, context)
    if (!result.success) throw new Error(result.error.message)
    expectTypeOf(result.output.contact.id).toEqualTypeOf<string>()
    expect(result.output.contact.id).toBe(id)
  })

  it('misspelled ids and params, missing and mistyped params do not compile (and fail at run time)', async () => {
    // @ts-expect-error misspelled tool id
    const misspelled = await executeTool('intercom_get_contacts', { contactId: 'x' }, context)
    expect(misspelled).toMatchObject({ success: false, error: { code: 'unknown_tool' } })
    // @ts-expect-error misspelled param (contactid for contactId)
    const wrongParam = await executeTool('intercom_get_contact', { contactid: 'x' }, context)
    expect(wrongParam).toMatchObject({ success: false, error: { code: 'validation_error' } })
    // @ts-expect-error a required param is missing
    const missing = await executeTool('intercom_get_contact', {}, context)
    expect(missing).toMatchObject({ success: false, error: { code: 'validation_error', field: 'contactId' } })
    // @ts-expect-error per_page is a number
    const mistyped = await executeTool('intercom_list_contacts', { per_page: true }, context)
    expect(mistyped).toMatchObject({ success: false, error: { code: 'validation_error', field: 'per_page' } })
    const admins = await executeTool('intercom_list_admins', {}, context)
    if (admins.success) {
      // @ts-expect-error list_admins has no contacts output
      expect(admins.output.contacts).toBeUndefined()
    }
  })

  it('an id of type string still compiles, with the general types', async () => {
    const id: string = listTools()[0]!.id
    const result = await executeTool(id, { anything: 1 }, context)
    expectTypeOf(result).toEqualTypeOf<ToolResult<Record<string, unknown>>>()
    expectTypeOf<ToolParams<string>>().toEqualTypeOf<Record<string, unknown>>()
    expectTypeOf<ToolOutput>().toEqualTypeOf<Record<string, unknown>>()
    expect(result).toMatchObject({ success: false, error: { code: 'validation_error' } })
  })

  it('ToolId is the union of the registry ids, never widened to string (every tool is typed)', () => {
    // A tool whose id were typed `string` would widen ToolId to string and lose every typed result.
    expectTypeOf<string extends ToolId ? true : false>().toEqualTypeOf<false>()
    const ids: ToolId[] = listTools().map((tool) => tool.id as ToolId)
    for (const id of ids) expect(getTool(id)?.id).toBe(id)
    expectTypeOf(getTool('intercom_list_admins').id).toEqualTypeOf<'intercom_list_admins'>()
  })

  it('the helpers compose for other typed functions (CheckedToolId, ToolParams, ToolOutput)', async () => {
    async function outputOf<Id extends string>(toolId: CheckedToolId<Id>, params: ToolParams<Id>): Promise<ToolOutput<Id>> {
      const result = await executeTool<Id>(toolId, params, context)
      if (!result.success) throw new Error(result.error.message)
      return result.output
    }
    const tags = await outputOf('intercom_list_tags', {})
    expectTypeOf(tags.tags).toBeArray()
    expect(tags.tags.length).toBeGreaterThan(0)
    // @ts-expect-error misspelled id through the helper
    await expect(outputOf('intercom_list_tag', {})).rejects.toThrow()
  })

  it('paginate and collect are typed by tool id: the items of that list; only list and search tools compile', async () => {
    const emails: Array<string | null | undefined> = []
    for await (const contact of paginate('intercom_list_contacts', {}, context, { limit: 3 })) {
      expectTypeOf(contact.id).toEqualTypeOf<string>()
      emails.push(contact.email)
    }
    expect(emails).toHaveLength(3)
    const tags = await collect('intercom_list_tags', {}, context)
    expectTypeOf(tags).toEqualTypeOf<ToolResult<CollectedOutput<'intercom_list_tags'>>>()
    if (!tags.success) throw new Error(tags.error.message)
    expectTypeOf(tags.output.tags[0]!).toHaveProperty('name')
    expect(tags.output.tags.length).toBeGreaterThan(0)
    expectTypeOf<ToolItem<'intercom_search_conversations'>>().toHaveProperty('state')
    // @ts-expect-error misspelled list tool id
    await expect(collect('intercom_list_tag', {}, context)).resolves.toMatchObject({ success: false, error: { code: 'unknown_tool' } })
    // @ts-expect-error a tool that returns one record is not a list tool
    await expect(collect('intercom_get_contact', { contactId: 'x' }, context)).resolves.toMatchObject({ success: false, error: { code: 'validation_error', field: 'toolId' } })
    // @ts-expect-error a search needs its query
    await expect(collect('intercom_search_contacts', {}, context)).resolves.toMatchObject({ success: false, error: { code: 'validation_error', field: 'query' } })
    const id: string = 'intercom_list_admins'
    const general = await collect(id, {}, context)
    expectTypeOf(general).toEqualTypeOf<ToolResult<Record<string, unknown>>>()
  })

  it('runBlock is typed by a literal operation', async () => {
    const result = await runBlock({ operation: 'list_admins', accessToken: sandbox.token }, { baseUrl: sandbox.url })
    expectTypeOf(result).toEqualTypeOf<ToolResult<ToolOutput<'intercom_list_admins'>>>()
    if (!result.success) throw new Error(result.error.message)
    expect(result.output.admins.length).toBeGreaterThan(0)
    const values: Record<string, unknown> = { operation: 'list_admins', accessToken: sandbox.token }
    const general = await runBlock(values, { baseUrl: sandbox.url })
    expectTypeOf(general).toEqualTypeOf<ToolResult<Record<string, unknown>>>()
    expectTypeOf<BlockOutput<{ operation: 'get_contact' }>>().toEqualTypeOf<ToolOutput<'intercom_get_contact'>>()
  })
})

describe('the compile-time checks are real', () => {
  it('without its @ts-expect-error, each marked line is a type error, and no other line is', () => {
    const file = fileURLToPath(import.meta.url)
    const source = readFileSync(file, 'utf8')
    const lines = source.split('\n')
    const marked = lines.flatMap((line, index) => (/^\s*\/\/ @ts-expect-error/.test(line) ? [index + 1] : []))
    expect(marked.length).toBeGreaterThanOrEqual(6)
    // Blank the directives (keeping line numbers) and type-check this file alone.
    const stripped = lines.map((line) => (/^\s*\/\/ @ts-expect-error/.test(line) ? '' : line)).join('\n')
    const configPath = fileURLToPath(new URL('../../tsconfig.json', import.meta.url))
    const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, fileURLToPath(new URL('../..', import.meta.url)))
    const host = ts.createCompilerHost(config.options)
    const readFile = host.readFile.bind(host)
    host.readFile = (name) => (name === file ? stripped : readFile(name))
    const program = ts.createProgram([file], config.options, host)
    const errors = ts.getPreEmitDiagnostics(program).filter((diagnostic) => diagnostic.file?.fileName === file)
    const errorLines = [...new Set(errors.map((diagnostic) => diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start!).line + 1))]
    // Each directive sits on the line before the statement it marks.
    expect(errorLines.sort((a, b) => a - b)).toEqual(marked.map((line) => line + 1))
  }, 180_000)
})

describe('the registry keeps its runtime lists and its types in step', () => {
  const tool = (id: string) => ({ ...getTool('intercom_list_admins'), id })

  it('a resource module exporting a tool missing from its list (or the reverse) fails at load', () => {
    const listed = tool('intercom_a')
    const unlisted = tool('intercom_b')
    expect(resourceList({ listed, aTools: [listed] })).toEqual([listed])
    expect(() => resourceList({ listed, unlisted, aTools: [listed] })).toThrow('Tool intercom_b is exported but not in its resource')
    expect(() => resourceList({ aTools: [listed] })).toThrow('Tool intercom_a is in its resource')
    expect(() => resourceList({ listed })).toThrow('exports 0 tool lists')
  })
})
