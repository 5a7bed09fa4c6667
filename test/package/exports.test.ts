/**
 * The built package as its users load it: Node's own resolution of the "exports" map, from ESM
 * (`import`) and CommonJS (`require`), in a separate process. `npm test` builds dist/ first.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import * as source from '../../index'

const root = fileURLToPath(new URL('../..', import.meta.url))
const node = (args: string[]) => promisify(execFile)(process.execPath, args, { cwd: root, timeout: 20_000 })

describe('the package exports', () => {
  const names = Object.keys(source).sort()

  it('import and require of "intercom-blocks" expose the same names as the source, and the tools work', async () => {
    const script = (load: string) =>
      `${load}.then((m) => { console.log(JSON.stringify({ names: Object.keys(m).filter((k) => k !== 'default' && k !== 'module.exports').sort(), tools: m.listTools().length, block: m.intercomBlock.type })) })`
    const esm = await node(['--input-type=module', '-e', script("import('intercom-blocks')")])
    const cjs = await node(['-e', script("Promise.resolve(require('intercom-blocks'))")])
    for (const { stdout } of [esm, cjs]) {
      const loaded = JSON.parse(stdout) as { names: string[]; tools: number; block: string }
      expect(loaded.names).toEqual(names)
      expect(loaded.tools).toBe(source.listTools().length)
      expect(loaded.block).toBe('intercom')
    }
  })

  it('"intercom-blocks/sandbox" starts a sandbox that the built executor can call', async () => {
    const script = `
      const { startSandbox } = await import('intercom-blocks/sandbox')
      const { executeTool } = await import('intercom-blocks')
      const sandbox = await startSandbox({ port: 0 })
      const result = await executeTool('intercom_list_tags', {}, { accessToken: sandbox.token, baseUrl: sandbox.url })
      await sandbox.close()
      console.log(JSON.stringify({ success: result.success, tags: result.success ? result.output.tags.length : 0 }))`
    const { stdout } = await node(['--input-type=module', '-e', script])
    const loaded = JSON.parse(stdout) as { success: boolean; tags: number }
    expect(loaded.success).toBe(true)
    expect(loaded.tags).toBeGreaterThan(0)
  })
})
