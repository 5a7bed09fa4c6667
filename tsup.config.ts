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

// The library's entries, one per subpath export of package.json ("." is index). Each is built
// once, as ESM with declarations; scripts/cjs-entries.mjs then gives each its CommonJS face (the
// package test checks every "exports" entry through both import and require).
// The sandbox is a separate entry: it needs node:http, the library does not.
const entry = {
  index: 'index.ts',
  sandbox: 'sandbox/index.ts',
  mcp: 'agents/mcp-entry.ts',
  node: 'triggers/node.ts',
  // Redis-backed stores for several processes (Node only; takes a node-redis client, imports no redis).
  redis: 'redis/index.ts',
  // Host adapters (Sim Studio, n8n, Activepieces): each its own subpath; the main entry loads none.
  'hosts/sim': 'hosts/sim/index.ts',
  'hosts/n8n': 'hosts/n8n/index.ts',
  'hosts/activepieces': 'hosts/activepieces/index.ts',
}

export default defineConfig([
  {
    // The `intercom-blocks` command (package "bin") is one more entry: with splitting, the code it
    // shares with the library goes to chunks instead of being bundled a second time.
    entry: { ...entry, cli: 'cli/bin.ts' },
    format: ['esm'],
    splitting: true,
    external: ['@activepieces/pieces-framework'],
    // The folder n8n loads the node from, written after each build.
    onSuccess: writeN8nPackage,
    // tsup's declaration build sets baseUrl, which TypeScript 6 deprecates.
    dts: { entry, compilerOptions: { ignoreDeprecations: '6.0' } },
    // Unminified and without source maps: a stack trace names the function and a line of readable
    // code in dist/, under a `// tools/http.ts`-style comment naming the source file. Source maps
    // (even without the sources' text) were 40% of the packed size, for the TypeScript line numbers.
    sourcemap: false,
    clean: true,
    target: 'node20',
    outDir: 'dist',
  },
  {
    // The playground page's script: one self-contained file for the browser, served by the CLI.
    entry: { 'playground-app': 'playground/client/main.ts' },
    format: ['iife'],
    platform: 'browser',
    dts: false,
    sourcemap: false,
    clean: false,
    target: 'es2022',
    outDir: 'dist',
  },
])
