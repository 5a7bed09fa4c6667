/**
 * The `intercom-blocks/mcp` entry of the built package, and proof that the main entry loads
 * neither the MCP SDK nor `ai`. `npm test` builds dist/ first.
 */
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const dist = join(root, 'dist')
const node = (args: string[]) => promisify(execFile)(process.execPath, args, { cwd: root, timeout: 20_000 })
const BUILT = existsSync(join(dist, 'index.js'))

/** Every bare specifier that an ESM file of dist/ imports, following its relative imports (chunks). */
function bareImports(file: string, seen = new Set<string>()): Set<string> {
  const bare = new Set<string>()
  if (seen.has(file)) return bare
  seen.add(file)
  const text = readFileSync(file, 'utf8')
  for (const match of text.matchAll(/(?:^|[;\s])(?:import|export)\s*(?:[^'"]*?\sfrom\s*)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
    const specifier = (match[1] ?? match[2]) as string
    if (specifier.startsWith('.')) for (const inner of bareImports(join(file, '..', specifier), seen)) bare.add(inner)
    else bare.add(specifier)
  }
  return bare
}

describe.skipIf(!BUILT && !process.env.CI)(`the mcp entry${BUILT ? '' : ': skipped, dist/ is missing; run npm run build'}`, () => {
  it('the main entry does not load the MCP SDK or ai (ESM import graph, and the CommonJS module cache at run time)', async () => {
    const esm = [...bareImports(join(dist, 'index.js'))]
    expect(esm.length).toBeGreaterThan(0)
    expect(esm.filter((specifier) => specifier.startsWith('@modelcontextprotocol/') || specifier === 'ai' || specifier.startsWith('ai/'))).toEqual([])
    // The mcp entry does import the SDK: the check above can see it.
    expect([...bareImports(join(dist, 'mcp.js'))].some((specifier) => specifier.startsWith('@modelcontextprotocol/sdk/'))).toBe(true)

    const { stdout } = await node(['-e', `require('intercom-blocks'); console.log(JSON.stringify(Object.keys(require.cache)))`])
    const loaded = JSON.parse(stdout) as string[]
    expect(loaded.some((path) => path.includes('intercom-blocks') || path.includes(`${join('dist', 'index.cjs')}`))).toBe(true)
    expect(loaded.filter((path) => path.includes('@modelcontextprotocol') || /node_modules[\\/]ai[\\/]/.test(path))).toEqual([])
  })

  it('import and require of "intercom-blocks/mcp" give createMcpServer and serveMcpHttp, which answer an MCP client', async () => {
    const script = (load: string) => `
      ${load}.then(async (m) => {
        const { Client } = await import('@modelcontextprotocol/sdk/client/index.js')
        const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js')
        const server = m.createMcpServer({ context: { accessToken: 't' } })
        const http = await m.serveMcpHttp({ context: { accessToken: 't', baseUrl: 'http://127.0.0.1:9' }, tools: ['intercom_list_admins'] })
        const client = new Client({ name: 'check', version: '1' })
        await client.connect(new StreamableHTTPClientTransport(new URL(http.url)))
        const { tools } = await client.listTools()
        await client.close()
        await http.close()
        console.log(JSON.stringify({ server: typeof server.connect, tools: tools.map((tool) => tool.name) }))
      })`
    for (const run of [['--input-type=module', '-e', script("import('intercom-blocks/mcp')")], ['-e', script("Promise.resolve(require('intercom-blocks/mcp'))")]]) {
      const { stdout } = await node(run)
      expect(JSON.parse(stdout)).toEqual({ server: 'function', tools: ['intercom_list_admins'] })
    }
  })
})
