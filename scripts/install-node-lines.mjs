#!/usr/bin/env node
// Installs the extra Node runtimes the package test runs the packed tarball on (scripts/node-lines.json)
// into a cache folder, from the npm registry's `node` package (its preinstall fetches the platform's
// binary package from the same registry). Nothing else is downloaded. Usage:
//   node scripts/install-node-lines.mjs          install what is missing, print each binary's path
//   node scripts/install-node-lines.mjs --check  exit 1 (naming what is missing) instead of installing
// The cache folder: $INTERCOM_BLOCKS_CACHE, else $XDG_CACHE_HOME/intercom-blocks, else ~/.cache/intercom-blocks.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

const { versions } = JSON.parse(readFileSync(new URL('./node-lines.json', import.meta.url), 'utf8'))

function cacheDir() {
  if (process.env.INTERCOM_BLOCKS_CACHE) return process.env.INTERCOM_BLOCKS_CACHE
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'intercom-blocks')
}

function nodeBinary(version) {
  const bin = process.platform === 'win32' ? join('node_modules', 'node', 'bin', 'node.exe') : join('node_modules', 'node', 'bin', 'node')
  return join(cacheDir(), `node-${version}`, bin)
}

function works(binary, version) {
  if (!existsSync(binary)) return false
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim() === `v${version}`
  } catch {
    return false
  }
}

const check = process.argv.includes('--check')
let missing = 0
for (const version of versions) {
  const binary = nodeBinary(version)
  if (works(binary, version)) {
    console.log(`node ${version}: ${binary}`)
    continue
  }
  if (check) {
    console.error(`node ${version}: missing (run: npm run node-lines)`)
    missing++
    continue
  }
  const prefix = join(cacheDir(), `node-${version}`)
  rmSync(prefix, { recursive: true, force: true })
  const started = Date.now()
  execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', `node@${version}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  })
  if (!works(binary, version)) {
    console.error(`node ${version}: npm installed node@${version} but ${binary} does not run (did npm skip its install script?)`)
    process.exit(1)
  }
  console.log(`node ${version}: ${binary} (installed in ${((Date.now() - started) / 1000).toFixed(1)} s)`)
}
process.exit(missing > 0 ? 1 : 0)
