/**
 * Writes docs/ from `renderDocs()` and removes pages of tools that no longer exist.
 * Run with `npm run docs` (bundled by tsup into .cache/docs, since Node 20 cannot run TypeScript).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { renderDocs } from './docs'

// npm runs scripts from the package root.
const root = process.cwd()
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: string }
if (manifest.name !== 'intercom-blocks') {
  throw new Error(`Run this from the intercom-blocks package root (npm run docs), not ${root}`)
}
const docsDir = join(root, 'docs')

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return markdownFiles(path)
    return entry.name.endsWith('.md') ? [relative(docsDir, path).split('\\').join('/')] : []
  })
}

const files = renderDocs()
let written = 0
for (const [path, text] of Object.entries(files)) {
  const target = join(docsDir, path)
  if (existsSync(target) && readFileSync(target, 'utf8') === text) continue
  mkdirSync(dirname(target), { recursive: true })
  writeFileSync(target, text)
  written++
}
const stale = markdownFiles(docsDir).filter((path) => !Object.hasOwn(files, path))
for (const path of stale) rmSync(join(docsDir, path))

console.log(`docs/: ${Object.keys(files).length} files, ${written} written, ${stale.length} removed`)
