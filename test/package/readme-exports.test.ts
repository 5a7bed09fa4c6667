/**
 * README lists every export of every subpath of package.json "exports", values and types, read
 * from the built declarations (so an entry added later is covered with no change here).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { root } from './packed'

const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, { import?: { types?: string } } | string>
}
const readme = readFileSync(join(root, 'README.md'), 'utf8')

describe('README lists every export', () => {
  const entries = Object.entries(packageJson.exports).flatMap(([subpath, target]) =>
    typeof target === 'object' && target.import?.types ? [[subpath, join(root, target.import.types)] as const] : [],
  )
  const program = ts.createProgram(
    entries.map(([, file]) => file),
    { noEmit: true, skipLibCheck: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
  )
  const checker = program.getTypeChecker()

  it.each(entries)('%s', (subpath, file) => {
    const sourceFile = program.getSourceFile(file)
    expect(sourceFile, `${file} (npm test builds dist/ first)`).toBeDefined()
    const symbol = checker.getSymbolAtLocation(sourceFile!)
    const names = checker.getExportsOfModule(symbol!).map((item) => item.name)
    expect(names.length).toBeGreaterThan(0)
    const heading = subpath === '.' ? '`intercom-blocks`:' : `\`intercom-blocks/${subpath.slice(2)}\``
    expect(readme, `README has a list for ${subpath}`).toContain(heading)
    expect(names.filter((name) => !readme.includes(`\`${name}\``))).toEqual([])
  })
})
