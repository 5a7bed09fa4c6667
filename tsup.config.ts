import { defineConfig } from 'tsup'

export default defineConfig([
  {
    // The library, its sandbox and its MCP server (separate entries: they need node:http and the MCP SDK, the library does not).
    entry: { index: 'index.ts', sandbox: 'sandbox/index.ts', mcp: 'agents/mcp-entry.ts' },
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
