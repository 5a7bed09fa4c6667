/**
 * The package as its users get it: `npm pack`, then `npm install <tarball>` into a temporary
 * folder (dependencies from the npm cache or registry), and scripts that load it from there. The
 * same install is run by any Node binary (`runInstalled`), for the Node lines of node-lines.json.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

export const root = fileURLToPath(new URL('../..', import.meta.url))
const run = promisify(execFile)

export interface Installed {
  /** The folder the tarball is installed in (node_modules/intercom-blocks). */
  dir: string
  tarball: string
  /** `npm pack --json`'s numbers for the tarball. */
  packedSize: number
  unpackedSize: number
  files: string[]
  /** What `npm install <tarball>` printed. */
  installOutput: string
  remove(): void
}

/** Packs the built dist/ (without running the build again) and installs the tarball in a temp folder. */
export async function packAndInstall(): Promise<Installed> {
  if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test builds first)')
  const dir = mkdtempSync(join(tmpdir(), 'intercom-blocks-packed-'))
  const npm = { cwd: root, timeout: 120_000, maxBuffer: 16 * 1024 * 1024, shell: process.platform === 'win32' }
  const packed = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], npm)
  const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }>
  if (!info) throw new Error('npm pack printed no tarball')
  const tarball = join(dir, info.filename)
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'packed-check', private: true }))
  // The optional peers too (at the versions the project tests with), as a user of those
  // entries installs them: every "exports" entry then loads.
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    peerDependenciesMeta?: Record<string, { optional?: boolean }>
    devDependencies?: Record<string, string>
  }
  const peers = Object.entries(manifest.peerDependenciesMeta ?? {})
    .filter(([name, meta]) => meta.optional && manifest.devDependencies?.[name])
    .map(([name]) => `${name}@${manifest.devDependencies?.[name]}`)
  const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, ...peers], { ...npm, cwd: dir })
  return {
    dir,
    tarball,
    packedSize: info.size,
    unpackedSize: info.unpackedSize,
    files: info.files.map((file) => file.path),
    installOutput: installed.stdout + installed.stderr,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

const body = () => readFileSync(new URL('./check-installed.js.txt', import.meta.url), 'utf8')

/** Writes check.mjs and check.cjs: the same checks, loaded through import and through require. */
export function writeChecks(dir: string): void {
  writeFileSync(join(dir, 'check.mjs'), `import fs from 'node:fs'\nimport path from 'node:path'\nconst load = (specifier) => import(specifier)\n${body()}`)
  writeFileSync(
    join(dir, 'check.cjs'),
    `const fs = require('node:fs')\nconst path = require('node:path')\nconst load = async (specifier) => require(specifier)\n;(async () => {\n${body()}\n})().catch((error) => { console.error(error); process.exit(1) })\n`,
  )
}

/** Runs a file of the install folder with this Node binary. */
export async function runInstalled(node: string, dir: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(node, args, { cwd: dir, timeout: 60_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } })
  } catch (error) {
    // What the command printed (tsc prints its errors on stdout) belongs in the failure.
    const { stdout, stderr } = error as { stdout?: string; stderr?: string }
    throw new Error(`${(error as Error).message.split('\n')[0]}\n${stdout ?? ''}${stderr ?? ''}`.trimEnd(), { cause: error })
  }
}

/** The report check.mjs / check.cjs print. */
export interface CheckReport {
  node: string
  entries: Record<string, string[] | { error: string }>
  checks: Record<string, unknown>
}

export async function runCheck(node: string, dir: string, file: 'check.mjs' | 'check.cjs'): Promise<CheckReport> {
  const { stdout } = await runInstalled(node, dir, [file])
  return JSON.parse(stdout) as CheckReport
}

/** The Node lines the package is proven on besides the machine's (scripts/node-lines.json). */
export const nodeLineVersions: string[] = (
  JSON.parse(readFileSync(join(root, 'scripts', 'node-lines.json'), 'utf8')) as { versions: string[] }
).versions

/** Where scripts/install-node-lines.mjs puts a version's binary (keep the two in step). */
export function nodeLineBinary(version: string): string {
  const cache = process.env.INTERCOM_BLOCKS_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'intercom-blocks')
  return join(cache, `node-${version}`, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node')
}
