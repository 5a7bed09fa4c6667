/**
 * The packed package, installed from its tarball into a temporary folder the way users get it
 * (test/package/packed.ts), then used from ESM, from CommonJS and from TypeScript (node16 and
 * bundler resolution), each time with a real tool call against the sandbox. The ESM and CommonJS
 * checks and the CLI's demo run on the machine's Node and on each Node line of
 * scripts/node-lines.json (installed by `npm run node-lines`; `.ci/run` does it). Outside CI a
 * missing line is skipped, naming the command; with CI=true it fails.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as source from '../../index'
import { nodeLineBinary, nodeLineVersions, packAndInstall, root, runCheck, runInstalled, writeChecks, type CheckReport, type Installed } from './packed'

const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>
  engines: { node: string }
}
const subpaths = Object.keys(packageJson.exports).filter((subpath) => subpath !== './package.json')

let installed: Installed
beforeAll(async () => {
  installed = await packAndInstall()
  writeChecks(installed.dir)
}, 180_000)
afterAll(() => installed?.remove())

describe('the tarball', () => {
  // The budget catches what once bloated the tarball (source maps, JavaScript pasted into the
  // declarations, a second copy of the code or of the declarations for CommonJS): about 220 kB
  // packed now, for the tools, the sandbox with its webhooks, the agent faces, the three host
  // adapters and the playground.
  it('is under 230 kB packed and holds dist/ (code, declarations, the n8n folder with its icon), README.md, LICENSE and package.json only', () => {
    expect(installed.packedSize).toBeLessThan(230_000)
    for (const file of installed.files) expect(file).toMatch(/^(dist\/.+\.(js|cjs|d\.ts|d\.cts)|dist\/n8n\/(intercom\.svg|package\.json)|README\.md|LICENSE|package\.json)$/)
    expect(installed.files).toContain('LICENSE')
    expect(readFileSync(join(installed.dir, 'node_modules', 'intercom-blocks', 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) intercom-blocks contributors/)
  })

  it('installs without running anything: no prepare or install scripts, no build', () => {
    const installedPackage = JSON.parse(readFileSync(join(installed.dir, 'node_modules', 'intercom-blocks', 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>
    }
    for (const script of ['prepare', 'preinstall', 'install', 'postinstall']) expect(installedPackage.scripts?.[script]).toBeUndefined()
    expect(installed.installOutput).not.toMatch(/prepare|tsup|install-scripts/i)
  })

  it('"engines" admits exactly the tested lines: the machine\'s Node and every version of node-lines.json', () => {
    // Caret ranges only (^major.minor.patch), joined by ||: each tested version meets one, and
    // each range is a line that is tested.
    const ranges = packageJson.engines.node.split('||').map((range) => /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range.trim())?.slice(1).map(Number))
    expect(ranges.every((range) => range !== undefined)).toBe(true)
    const tested = [process.version.slice(1), ...nodeLineVersions].map((version) => version.split('.').map(Number))
    const meets = (version: number[], range: number[]) =>
      version[0] === range[0] && (version[1]! > range[1]! || (version[1] === range[1] && version[2]! >= range[2]!))
    for (const version of tested) expect(ranges.some((range) => meets(version, range!)), version.join('.')).toBe(true)
    for (const range of ranges) expect(tested.some((version) => version[0] === range![0]), `^${range!.join('.')}`).toBe(true)
  })

  it('every "exports" entry has an import and a require condition, each with its types', () => {
    expect(subpaths).toContain('.')
    for (const subpath of subpaths) {
      expect(packageJson.exports[subpath], subpath).toMatchObject({
        import: { types: expect.stringMatching(/\.d\.ts$/), default: expect.stringMatching(/\.js$/) },
        require: { types: expect.stringMatching(/\.d\.cts$/), default: expect.stringMatching(/\.cjs$/) },
      })
    }
  })
})

const lines = [
  { label: `the machine's Node ${process.version}`, binary: process.execPath, install: '' },
  ...nodeLineVersions.map((version) => ({ label: `Node ${version}`, binary: nodeLineBinary(version), install: version })),
]

const sha256abc = createHash('sha256').update('abc').digest('hex').slice(0, 16)

function expectReport(report: CheckReport, binaryVersion: string): void {
  expect(report.node).toBe(binaryVersion)
  for (const subpath of subpaths) {
    const names = report.entries[subpath]
    expect(names, `${subpath}: ${JSON.stringify(names)}`).toBeInstanceOf(Array)
    expect((names as string[]).length, subpath).toBeGreaterThan(0)
  }
  expect(report.entries['.']).toEqual(Object.keys(source).sort())
  expect(report.checks).toEqual({
    tools: source.listTools().length,
    listAdmins: { admins: expect.any(Number) },
    replyAsTokenAdmin: { adminIdFromMe: expect.any(String) },
    webCrypto: sha256abc,
    fetchStatus: 200,
    abortSignal: true,
    abortSignalAnyFollowsTimeout: 'TimeoutError',
    timeout: 'timeout',
    abort: 'aborted',
    refused: 'network_error',
    webhook: { delivered: ['ping:delivered', 'contact.user.created:delivered'], events: ['intercom_contact_created:true'] },
    forgedStatus: 401,
  })
  expect((report.checks.listAdmins as { admins: number }).admins).toBeGreaterThan(0)
}

describe.each(lines)('the installed package on $label', ({ binary, install }) => {
  const present = existsSync(binary)
  if (!present && !process.env.CI) {
    it.skip(`skipped: Node ${install} is not installed here (npm run node-lines installs it)`, () => {})
    return
  }
  let version = ''
  beforeAll(async () => {
    if (!present) throw new Error(`Node ${install} is missing at ${binary}: run \`npm run node-lines\` (.ci/run does)`)
    version = (await runInstalled(binary, root, ['--version'])).stdout.trim()
    if (install) expect(version).toBe(`v${install}`)
  })

  it('import (check.mjs) and require (check.cjs): every "exports" entry loads with the same names; a real tool call on the sandbox; Web Crypto, fetch, AbortSignal, timeouts', async () => {
    // The two run side by side: each is a separate process.
    const [esm, cjs] = await Promise.all([runCheck(binary, installed.dir, 'check.mjs'), runCheck(binary, installed.dir, 'check.cjs')])
    expectReport(esm, version)
    expectReport(cjs, version)
    expect(cjs.entries).toEqual(esm.entries)
  })

  it("the CLI's demo runs to the end", async () => {
    const { stdout, stderr } = await runInstalled(binary, installed.dir, [join('node_modules', 'intercom-blocks', 'dist', 'cli.js'), 'demo'])
    expect(stdout).toMatch(/^ 1\. List admins +\d+ admins$/m)
    expect(stderr).toMatch(/Demo finished: \d+ steps/)
    // Its triggers fired: the sandbox's webhooks reached the demo's node:http listener.
    expect(stdout).toMatch(/⚡ trigger intercom_contact_created fired/)
    expect(stderr).toMatch(/, [1-9]\d* trigger events/)
  })

  it('`intercom-blocks mcp` from the install (its bin) serves every tool to the MCP SDK\'s own client over stdio, on the sandbox', async () => {
    const bin = join(installed.dir, 'node_modules', '.bin', 'intercom-blocks')
    expect(existsSync(bin), bin).toBe(true)
    const env: Record<string, string> = {}
    for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !name.startsWith('INTERCOM_')) env[name] = value
    // On the machine's line the bin itself runs (its link and shebang, as npx does); on the other
    // lines the shebang would pick the PATH's node, so that line's binary runs the file it links to.
    const command = binary === process.execPath ? { command: bin, args: ['mcp'] } : { command: binary, args: [join(installed.dir, 'node_modules', 'intercom-blocks', 'dist', 'cli.js'), 'mcp'] }
    const transport = new StdioClientTransport({ ...command, env, cwd: installed.dir, stderr: 'pipe' })
    const errors: string[] = []
    transport.stderr?.on('data', (chunk: Buffer) => errors.push(chunk.toString()))
    const client = new Client({ name: 'packed-check', version: '1.0.0' })
    await client.connect(transport)
    try {
      const listed = (await client.listTools()).tools
      expect(listed.map((tool) => tool.name).sort()).toEqual(source.listTools().map((tool) => tool.id).sort())
      const result = await client.callTool({ name: 'intercom_list_admins', arguments: {} })
      expect(result.isError).toBeFalsy()
      expect((result.structuredContent as { admins: unknown[] }).admins.length).toBeGreaterThan(0)
      expect(errors.join('')).toMatch(/embedded Intercom sandbox/)
    } finally {
      await client.close()
    }
  })
})

const typedProgram = `
import { executeTool, type ToolOutput } from 'intercom-blocks'
import { startSandbox } from 'intercom-blocks/sandbox'

async function main(): Promise<void> {
  const sandbox = await startSandbox({ port: 0 })
  try {
    const result = await executeTool('intercom_list_admins', {}, { accessToken: sandbox.token, baseUrl: sandbox.url })
    if (!result.success) throw new Error(result.error.message)
    const admins: ToolOutput<'intercom_list_admins'>['admins'] = result.output.admins
    if (admins.length < 0) {
      // @ts-expect-error a misspelled tool id does not compile
      await executeTool('intercom_list_admin', {}, { accessToken: sandbox.token })
    }
    console.log(JSON.stringify({ admins: admins.length, first: admins[0]?.id }))
  } finally {
    await sandbox.close()
  }
}
main().catch((error: unknown) => {
  console.error(error)
  throw error
})
`

// The entries whose declarations are one graph for import and require (the main entry, redis)
// used with the one that keeps an ESM graph (mcp): a context, a store and a selection made by
// one must be accepted by the others. For ESM importers: the MCP SDK's own CommonJS declarations
// do not compile under node16 with skipLibCheck off (TS1541 in its validation/types.d.ts).
const mixedProgram = `
import { MemoryRateLimitStore, selectTools, type ToolContext, type ToolSelection } from 'intercom-blocks'
import { createMcpServer, mcpTools, type McpServerOptions } from 'intercom-blocks/mcp'
import { redisRateLimitStore } from 'intercom-blocks/redis'

export function mixed(context: ToolContext): unknown[] {
  const selection: ToolSelection = { tools: ['intercom_list_admins'] }
  const options: McpServerOptions = { ...selection, context: { ...context, rateLimitStore: new MemoryRateLimitStore() } }
  const withRedis: ToolContext = { ...context, rateLimitStore: redisRateLimitStore({ isReady: true, sendCommand: async () => null }) }
  return [createMcpServer(options), mcpTools(selection), selectTools(selection), withRedis]
}
`

describe.concurrent('TypeScript consumers of the installed package', () => {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
  const compilerOptions = { target: 'ES2022', strict: true, skipLibCheck: false, lib: ['ES2023', 'DOM'], types: [], outDir: 'out' }

  it('module/moduleResolution node16: an .mts (import) and a .cts (require) file compile and call the sandbox', async () => {
    const dir = join(installed.dir, 'ts-node16')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'node16', moduleResolution: 'node16' }, include: ['*.mts', '*.cts'] }))
    writeFileSync(join(dir, 'esm.mts'), typedProgram)
    writeFileSync(join(dir, 'cjs.cts'), typedProgram)
    writeFileSync(join(dir, 'mixed.mts'), mixedProgram)
    await runInstalled(process.execPath, dir, [tsc, '-p', '.'])
    expect(readFileSync(join(dir, 'out', 'cjs.cjs'), 'utf8')).toContain('require("intercom-blocks")')
    for (const file of ['esm.mjs', 'cjs.cjs']) {
      const { stdout } = await runInstalled(process.execPath, dir, [join('out', file)])
      expect(JSON.parse(stdout), file).toEqual({ admins: expect.any(Number), first: expect.any(String) })
    }
  }, 120_000)

  it('moduleResolution bundler: a .ts file compiles and calls the sandbox', async () => {
    const dir = join(installed.dir, 'ts-bundler')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }))
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'ESNext', moduleResolution: 'bundler' }, include: ['*.ts'] }))
    writeFileSync(join(dir, 'main.ts'), typedProgram)
    writeFileSync(join(dir, 'mixed.ts'), mixedProgram)
    await runInstalled(process.execPath, dir, [tsc, '-p', '.'])
    const { stdout } = await runInstalled(process.execPath, dir, [join('out', 'main.js')])
    expect(JSON.parse(stdout)).toEqual({ admins: expect.any(Number), first: expect.any(String) })
  }, 120_000)
})
