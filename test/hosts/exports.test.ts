/**
 * The host adapters as their hosts load them: each subpath from ESM and CommonJS through the
 * package's "exports", in a separate process; and the main entry loading none of them.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const node = (args: string[]) => promisify(execFile)(process.execPath, args, { cwd: root, timeout: 30_000 })

const SUBPATHS: Record<string, string[]> = {
  'intercom-blocks/hosts/sim': ['simBlock', 'simTools'],
  'intercom-blocks/hosts/n8n': ['IntercomBlocks', 'IntercomBlocksApi', 'n8nPackageFiles'],
  'intercom-blocks/hosts/activepieces': ['intercomPiece', 'intercomAuth', 'createIntercomPiece'],
}

describe('host adapter subpaths', () => {
  for (const [subpath, names] of Object.entries(SUBPATHS)) {
    it(`${subpath} loads with import and require`, async () => {
      const script = (load: string) => `${load}.then((m) => console.log(JSON.stringify(Object.keys(m))))`
      const esm = await node(['--input-type=module', '-e', script(`import('${subpath}')`)])
      const cjs = await node(['-e', script(`Promise.resolve(require('${subpath}'))`)])
      for (const { stdout } of [esm, cjs]) expect(JSON.parse(stdout)).toEqual(expect.arrayContaining(names))
    })
  }

  it('the built Activepieces piece has one action per tool', async () => {
    const { stdout } = await node([
      '--input-type=module',
      '-e',
      `const { intercomPiece } = await import('intercom-blocks/hosts/activepieces'); const { listTools } = await import('intercom-blocks')
       console.log(JSON.stringify([Object.keys(intercomPiece.actions()).length, listTools().length]))`,
    ])
    const [actions, tools] = JSON.parse(stdout) as [number, number]
    expect(actions).toBe(tools)
  })

  it('the main entry loads no host package', async () => {
    const { stdout } = await node([
      '-e',
      `require('intercom-blocks'); console.log(JSON.stringify(Object.keys(require.cache).filter((path) => /activepieces|[\\\\/]hosts[\\\\/]/.test(path))))`,
    ])
    expect(JSON.parse(stdout)).toEqual([])
    const esm = readFileSync(`${root}/dist/index.js`, 'utf8')
    const imported = [...esm.matchAll(/from\s+["']([^"']+)["']/g)].map((match) => match[1] ?? '')
    for (const chunk of imported.filter((path) => path.startsWith('./'))) {
      expect(readFileSync(`${root}/dist/${chunk.slice(2)}`, 'utf8'), chunk).not.toMatch(/@activepieces|pieces-framework/)
    }
    expect(imported.filter((path) => !path.startsWith('./'))).toEqual(expect.not.arrayContaining(['@activepieces/pieces-framework']))
  })
})
