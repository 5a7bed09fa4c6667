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
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'

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
  if (typeof types === 'string' && typeof cjsTypes === 'string') copyFileSync(new URL(types, root), new URL(cjsTypes, root))
}
