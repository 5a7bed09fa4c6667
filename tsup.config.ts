import { defineConfig } from 'tsup'

export default defineConfig([
  {
    // The library and its sandbox (a separate entry: it needs node:http, the library does not).
    // `node`: the webhook handler's node:http adapter (Node-only, so not in the main entry).
    entry: { index: 'index.ts', sandbox: 'sandbox/index.ts', node: 'triggers/node.ts' },
    format: ['esm', 'cjs'],
    // tsup's declaration build sets baseUrl, which TypeScript 6 deprecates.
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    sourcemap: true,
    clean: true,
    target: 'node20',
    outDir: 'dist',
  },
  {
    // The `intercom-blocks` command (package "bin"): ESM only, no declarations.
    entry: { cli: 'cli/bin.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    outDir: 'dist',
  },
])
