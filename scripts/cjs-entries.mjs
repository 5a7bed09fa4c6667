// After tsup: the CommonJS face of every subpath export in package.json "exports" whose
// "require" condition points at dist/<name>.cjs: a one-line module that loads the ESM build
// through Node's require(esm) (enabled by default from Node 20.19, the package's floor), plus the
// same declarations as dist/<name>.d.cts (the extension tells TypeScript's node16 resolution that
// they describe a CommonJS module).
//
// Why not a second, CommonJS bundle: ky ships only ESM, and a bundle that require()s it gets ky's
// namespace instead of ky (`import_ky.default.create is not a function`). A single copy of the code
// also means one registry, one error class and one cache whether a program imports or requires
// the package (no dual-package hazard), and half the tarball.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'

const root = new URL('../', import.meta.url)
const { exports } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'))
for (const [subpath, target] of Object.entries(exports)) {
  const cjs = target?.require?.default
  const esm = target?.import?.default
  if (typeof cjs !== 'string' || typeof esm !== 'string') continue
  if (!cjs.endsWith('.cjs') || !esm.endsWith('.js')) throw new Error(`exports[${JSON.stringify(subpath)}]: expected a .js import and a .cjs require`)
  const esmFile = esm.slice(esm.lastIndexOf('/') + 1)
  writeFileSync(new URL(cjs, root), `'use strict'\n// CommonJS face of ${esmFile} (require(esm), Node >= 20.19).\nmodule.exports = require('./${esmFile}')\n`)
  const types = target.import.types
  const cjsTypes = target.require.types
  if (typeof types === 'string' && typeof cjsTypes === 'string' && cjsTypes !== types.replace(/\.d\.ts$/, '.d.cts')) {
    throw new Error(`exports[${JSON.stringify(subpath)}]: the require types must be the import types as .d.cts`)
  }
}

// The CommonJS declarations: every .d.ts (the entries and the chunks they share) as a .d.cts whose
// relative imports name the .cjs siblings. TypeScript's node16 resolution reads a .d.cts as a
// CommonJS module, and a CommonJS module may not import the ESM .d.ts chunks (TS1479), so the
// CommonJS side gets a graph of its own.
const relativeJs = /((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]+)\.js\2/g
// The declarations must be declarations only. When a source's inferred type makes TypeScript
// write `import("..")` (the project root), the declaration bundler resolves it through
// package.json "main" to dist/index.js and pastes that JavaScript into the .d.ts (it once doubled
// the tarball). Annotate such exports with an imported type instead.
const dist = new URL('dist/', root)
const declarations = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? declarations(new URL(`${entry.name}/`, dir)) : /\.d\.c?ts$/.test(entry.name) ? [new URL(entry.name, dir)] : [],
  )
for (const file of declarations(dist)) {
  if (!file.pathname.endsWith('.d.ts')) continue
  const text = readFileSync(file, 'utf8')
  writeFileSync(new URL(file.href.replace(/\.d\.ts$/, '.d.cts')), text.replace(relativeJs, (_, head, quote, path) => `${head}${quote}${path}.cjs${quote}`))
  const code = /^(?:var|let|const) [\w$]+ =|^\/\/ [\w./-]+\.[jt]s$/m.exec(text)
  if (code) throw new Error(`${file.pathname.slice(dist.pathname.length)} holds JavaScript (${JSON.stringify(code[0])}): a declaration imports the package root ("..") instead of a module`)
}

// One declaration graph for both module systems where that is safe: an entry whose declarations
// (with the chunks they import) name no package other than zod and Node's built-ins gets, as its
// ESM .d.ts, one line re-exporting its .d.cts. zod points "types" at one file for import and
// require, and @types/node is one set of files, so such a graph means the same to both module
// systems. An ESM program may import a CommonJS module's named exports, so TypeScript accepts it
// in every resolution mode; the package test compiles consumers under node16 and bundler. Then
// the main entry's classes and types are declared once (an ESM and a CommonJS importer in one
// program see the same `MemoryRateLimitStore`), and the tarball carries one copy of them.
// Entries whose declarations import another package (the MCP SDK, Activepieces) keep an ESM
// graph: those packages declare their types once per module system, and a program must see the
// ones that match how it imports them.
const SAME_UNDER_IMPORT_AND_REQUIRE = /^(?:zod|node:[\w/]+)$/
const anyImport = /(?:from|import)\s*\(?\s*(['"])([^'"]+)\1/g
const graphOf = (file, seen = new Set()) => {
  if (seen.has(file.href)) return seen
  seen.add(file.href)
  // Without comments: the JSDoc examples show imports of other packages.
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  for (const [, , specifier] of text.matchAll(anyImport)) {
    if (specifier.startsWith('.')) graphOf(new URL(specifier.replace(/\.js$/, '.d.ts'), file), seen)
    else seen.add(`package:${specifier}`)
  }
  return seen
}
const esmEntryTypes = Object.values(exports)
  .map((target) => target?.import?.types)
  .filter((types) => typeof types === 'string')
  .map((types) => new URL(types, root))
const shared = esmEntryTypes.filter((file) =>
  [...graphOf(file)].every((node) => !node.startsWith('package:') || SAME_UNDER_IMPORT_AND_REQUIRE.test(node.slice('package:'.length))),
)
for (const file of shared) {
  const name = file.pathname.slice(file.pathname.lastIndexOf('/') + 1).replace(/\.d\.ts$/, '')
  writeFileSync(file, `// The same declarations as ${name}.d.cts (one graph for import and require).\nexport * from './${name}.cjs'\n`)
}
// The ESM declaration chunks no ESM entry imports any more.
const reachable = new Set(esmEntryTypes.flatMap((file) => [...graphOf(file)]))
for (const file of declarations(dist)) {
  if (file.pathname.endsWith('.d.ts') && !reachable.has(file.href)) rmSync(file)
}
