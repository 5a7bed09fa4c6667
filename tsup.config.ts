import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { defineConfig } from 'tsup'
import { N8N_PACKAGE_DIR, n8nPackageFiles } from './hosts/n8n/package'

/** Writes the folder n8n loads the node from (CommonJS files that load dist/hosts/n8n.js). */
async function writeN8nPackage(): Promise<void> {
  for (const [file, content] of Object.entries(n8nPackageFiles())) {
    const path = join(N8N_PACKAGE_DIR, file)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, content)
  }
}

export default defineConfig([
  {
    // The library and its sandbox (a separate entry: it needs node:http, the library does not).
    entry: {
      index: 'index.ts',
      sandbox: 'sandbox/index.ts',
      // Host adapters (Sim Studio, n8n, Activepieces): each its own subpath; the main entry loads none.
      'hosts/sim': 'hosts/sim/index.ts',
      'hosts/n8n': 'hosts/n8n/index.ts',
      'hosts/activepieces': 'hosts/activepieces/index.ts',
    },
    external: ['@activepieces/pieces-framework'],
    onSuccess: writeN8nPackage,
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
