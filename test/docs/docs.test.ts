import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { intercomBlock, listTools, listTriggers, toolJsonSchema } from '../../index'
import { exampleParams, renderDocs, toolDocPath, triggerDocPath } from '../../scripts/docs'
import { hasSeed, repoRoot, seedToolsPath, SKIP_SEED } from '../helpers/openapi'

const docsDir = join(repoRoot, 'docs')
const rendered = renderDocs()
const tools = listTools()

interface SeedTool {
  id: string
  params: Array<{ name: string; required: boolean }>
  outputs: Array<{ name: string }>
}

/**
 * Reference params that a tool intentionally does not take. Each is allowed only because the
 * tool's page says why in its text (the test checks that the name appears there).
 */
const NOT_TAKEN: Record<string, string[]> = {
  // Intercom pages companies by number; there is no cursor for this listing.
  intercom_list_companies: ['starting_after'],
  // GET /conversations has no sort or order option.
  intercom_list_conversations: ['sort', 'order'],
  // Intercom's conversation search has no sort option.
  intercom_search_conversations: ['sort_field', 'sort_order'],
}

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return markdownFiles(path)
    return entry.name.endsWith('.md') ? [relative(docsDir, path).split('\\').join('/')] : []
  })
}

/** The text between a `## heading` and the next one. */
function section(page: string, heading: string): string {
  const start = page.indexOf(`\n## ${heading}\n`)
  expect(start, `## ${heading}`).toBeGreaterThan(-1)
  const end = page.indexOf('\n## ', start + 1)
  return page.slice(start, end === -1 ? undefined : end)
}

/** The rows of the markdown table in a text, as cells (header and separator left out). */
function rows(text: string): string[][] {
  const lines = text.split('\n').filter((line) => line.startsWith('| '))
  return lines.slice(2).map((line) => line.slice(2, -2).split(/ (?<!\\)\| /).map((cell) => cell.trim()))
}

/** Top-level row names of a table (nested `↳` rows left out). */
const topNames = (table: string[][]) => table.map((row) => row[0] ?? '').filter((name) => !name.startsWith('↳'))

function page(toolId: string): string {
  const text = rendered[toolDocPath(toolId)]
  expect(text, `${toolId} has a page`).toBeDefined()
  return text as string
}

describe('docs/', () => {
  it('is up to date with the definitions (run `npm run docs` after changing a tool)', () => {
    for (const [path, text] of Object.entries(rendered)) {
      const file = join(docsDir, path)
      expect(existsSync(file), `docs/${path} is missing: run npm run docs`).toBe(true)
      expect(readFileSync(file, 'utf8'), `docs/${path} is stale: run npm run docs`).toBe(text)
    }
    expect(markdownFiles(docsDir).sort(), 'docs/ holds pages of tools that no longer exist: run npm run docs').toEqual(Object.keys(rendered).sort())
  })

  it('has a README, the agents page and one page per tool and per trigger', () => {
    expect(Object.keys(rendered).sort()).toEqual(['README.md', 'agents.md', ...tools.map((tool) => toolDocPath(tool.id)), ...listTriggers().map((trigger) => triggerDocPath(trigger.id))].sort())
  })
})

describe('the block page', () => {
  const readme = rendered['README.md'] as string

  it('says what the block does and links every tool page', () => {
    expect(readme).toContain(intercomBlock.description)
    expect(readme).toContain(intercomBlock.longDescription)
    for (const tool of tools) expect(readme).toContain(`](${toolDocPath(tool.id)})`)
  })

  it('lists every field with the operations that show it and those that require it', () => {
    const fieldRows = rows(section(readme, 'The block').split('### Fields')[1] ?? '')
    const settingRows = rows(section(readme, 'The block').split('### Settings')[1]?.split('### Operations')[0] ?? '')
    expect(settingRows.map((row) => row[0])).toEqual(['`operation`', '`accessToken`', '`region`', '`returnAll`', '`limit`'])
    const params = intercomBlock.subBlocks.filter((field) => field.param !== undefined)
    expect(fieldRows.map((row) => row[0])).toEqual(params.map((field) => `\`${field.id}\``))
    for (const field of params) {
      const row = fieldRows.find((candidate) => candidate[0] === `\`${field.id}\``) ?? []
      expect(row[3]).toBe(`\`${field.param}\``)
      expect(row[4]).toBe(field.condition?.value.map((operation) => `\`${operation}\``).join(', '))
      const required = typeof field.required === 'object' ? field.required.value.map((operation) => `\`${operation}\``).join(', ') : '—'
      expect(row[5], field.id).toBe(required)
    }
  })
})

describe.each(tools.map((tool) => [tool.id, tool] as const))('%s: page', (toolId, tool) => {
  const text = page(toolId)

  it('names the tool, its id, description and behaviour', () => {
    expect(text.startsWith(`# ${tool.name}\n`)).toBe(true)
    expect(text).toContain(`\`${toolId}\``)
    expect(text).toContain(tool.description)
    const yesNo = (value: boolean) => (value ? 'Yes' : 'No')
    const { readOnly, destructive, idempotent } = tool.annotations
    expect(text).toContain(`| Read-only | Destructive | Idempotent |\n| --- | --- | --- |\n| ${yesNo(readOnly)} | ${yesNo(destructive)} | ${yesNo(idempotent)} |`)
  })

  it('has an Input table with every param, its requirement and description', () => {
    const schema = toolJsonSchema(toolId)
    const required = new Set((schema.required ?? []) as string[])
    const properties = schema.properties as Record<string, { description?: string }>
    const input = section(text, 'Input')
    const table = rows(input)
    expect(table.map((row) => row[0])).toEqual(Object.keys(properties))
    if (table.length > 0) expect(input).toContain('| Parameter | Type | Required | Description |')
    for (const row of table) {
      const name = row[0] as string
      expect(row[2], name).toBe(required.has(name) ? 'Yes' : 'No')
      const description = (properties[name]?.description ?? 'No description').replace(/\r?\n+/g, ' ').trim()
      expect(row[3]?.replace(/\\\|/g, '|'), name).toContain(description)
    }
  })

  it('has an Output table with success, every output field, and nested fields as ↳ rows', () => {
    const table = rows(section(text, 'Output'))
    expect(section(text, 'Output')).toContain('| Parameter | Type | Description |')
    const shape = (tool.output as unknown as z.ZodObject).shape as Record<string, unknown>
    expect(topNames(table)).toEqual(['success', ...Object.keys(shape)])
    expect(table[0]?.[1]).toBe('boolean')
    expect(table[0]?.[2]).toMatch(/result's `success`, beside `output` \(not a field of it\)/)
  })

  it('has an executeTool example whose params the tool accepts', () => {
    const example = section(text, 'Example')
    expect(example).toContain(`await executeTool('${toolId}', `)
    const params = exampleParams(tool)
    const parsed = tool.params.safeParse(params)
    expect(parsed.success, `${JSON.stringify(params)}: ${parsed.error?.message}`).toBe(true)
    for (const name of Object.keys(params)) expect(example).toContain(`${name}: `)
  })
})

describe.skipIf(!hasSeed)(`docs cover the reference${hasSeed ? '' : ` (${SKIP_SEED})`}`, () => {
  const seed: SeedTool[] = hasSeed ? JSON.parse(readFileSync(seedToolsPath, 'utf8')) : []

  it('has a page for every reference tool', () => {
    expect(seed.length).toBeGreaterThan(0)
    for (const entry of seed) expect(Object.hasOwn(rendered, toolDocPath(entry.id)), entry.id).toBe(true)
  })

  it.each(seed.map((entry) => [entry.id, entry] as const))('%s names every reference param and output', (id, entry) => {
    const text = page(id)
    const inputs = rows(section(text, 'Input')).map((row) => row[0])
    const outputs = topNames(rows(section(text, 'Output')))
    const intro = text.slice(0, text.indexOf('\n## Input'))
    for (const param of entry.params) {
      if (inputs.includes(param.name)) continue
      expect(NOT_TAKEN[id] ?? [], `${id} does not document the reference param ${param.name}`).toContain(param.name)
      expect(intro, `${id} must say why it does not take ${param.name}`).toContain(param.name)
    }
    for (const output of entry.outputs) expect(outputs, `${id} output ${output.name}`).toContain(output.name)
  })

  it('lists only exceptions that are real: each one is a reference param the tool does not take', () => {
    for (const [id, names] of Object.entries(NOT_TAKEN)) {
      const entry = seed.find((candidate) => candidate.id === id)
      const tool = tools.find((candidate) => candidate.id === id)
      for (const name of names) {
        expect(entry?.params.map((param) => param.name), `${id} ${name}`).toContain(name)
        expect(Object.keys((tool?.params as z.ZodObject).shape), `${id} ${name}`).not.toContain(name)
      }
    }
  })
})
