/**
 * `intercom-blocks/node` as users load it (Node's resolution of the exports map, ESM and CJS, in
 * a separate process), and the main entry free of Node-only modules. `npm test` builds dist/ first.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const node = (args: string[]) => promisify(execFile)(process.execPath, args, { cwd: root, timeout: 20_000 })

describe('"intercom-blocks/node"', () => {
  it.each([
    ['import', "import('intercom-blocks/node')", ['--input-type=module']],
    ['require', "Promise.resolve(require('intercom-blocks/node'))", []],
  ] as const)('%s: the node:http listener verifies and answers a signed ping', async (_, load, flags) => {
    const script = `
      const http = require('node:http')
      const { createHmac } = require('node:crypto')
      ${load}.then(async (m) => {
        const server = http.createServer(m.createNodeWebhookListener({ clientSecret: 'k', onEvent: () => {} }))
        await new Promise((r) => server.listen(0, '127.0.0.1', r))
        const url = 'http://127.0.0.1:' + server.address().port
        const body = JSON.stringify({ type: 'notification_event', topic: 'ping', id: null, data: { item: { type: 'ping' } } })
        const sig = 'sha1=' + createHmac('sha1', 'k').update(body).digest('hex')
        const ok = await fetch(url, { method: 'POST', body, headers: { 'X-Hub-Signature': sig } })
        const bad = await fetch(url, { method: 'POST', body })
        server.close()
        console.log(JSON.stringify({ names: Object.keys(m).filter((k) => k !== 'default' && k !== 'module.exports').sort(), ok: ok.status, bad: bad.status }))
      })`
    const esmScript = script.replace("const http = require('node:http')", "const http = await import('node:http')").replace("const { createHmac } = require('node:crypto')", "const { createHmac } = await import('node:crypto')")
    const { stdout } = await node([...flags, '-e', flags.length > 0 ? esmScript : script])
    expect(JSON.parse(stdout)).toEqual({ names: ['createNodeWebhookListener', 'toFetchRequest', 'toNodeListener', 'writeFetchResponse'], ok: 200, bad: 401 })
  })

  it('the main entry, with the chunks it imports, loads no Node built-in module (it runs wherever fetch and Web Crypto do)', () => {
    const files = ['index.js', 'index.cjs']
    const modules: string[] = []
    for (let index = 0; index < files.length; index++) {
      const text = readFileSync(`${root}/dist/${files[index]}`, 'utf8')
      for (const match of text.matchAll(/(?:from\s*|import\s*\(\s*|require\(\s*)["']([^"']+)["']/g)) {
        const name = match[1] as string
        if (name.startsWith('./')) {
          if (!files.includes(name.slice(2))) files.push(name.slice(2))
        } else modules.push(name)
      }
    }
    expect(modules.length).toBeGreaterThan(0)
    expect(modules.filter((name) => name.startsWith('node:') || builtinModules.includes(name))).toEqual([])
  })
})
