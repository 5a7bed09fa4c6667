/**
 * Every docs page's example runs as written against a sandbox with the default seed (a fresh one
 * per example, so that a delete does not hide a later read), through the executor.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { executeTool, listTools } from '../../index'
import { startSandbox, type Sandbox } from '../../sandbox'
import { exampleParams, renderDocs, toolDocPath } from '../../scripts/docs'

const rendered = renderDocs()
let sandbox: Sandbox | undefined
afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
})

describe('docs examples run on the default-seeded sandbox', () => {
  it.each(listTools().map((tool) => [tool.id, tool] as const))('%s', async (id, tool) => {
    const params = exampleParams(tool)
    const page = rendered[toolDocPath(id)] ?? ''
    // The page shows exactly these params (the test runs what the page says).
    expect(page).toContain(`executeTool('${id}', `)
    expect(page).toContain(`HTTP: \`${tool.route}\``)
    sandbox = await startSandbox({ port: 0 })
    const result = await executeTool(id, params, { accessToken: sandbox.token, baseUrl: sandbox.url, maxRetries: 0 })
    expect(result, JSON.stringify(params)).toMatchObject({ success: true })
  })
})
