import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import type { CliIo } from '../../cli/io'
import { main } from '../../cli/main'

function capture() {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = { stdout: (text) => void out.push(text), stderr: (text) => void err.push(text), env: {} }
  return { io, stdout: () => out.join(''), stderr: () => err.join('') }
}

describe('intercom-blocks playground', () => {
  it('serves the page until stopped, printing its address', async () => {
    const cli = capture()
    const stop = new AbortController()
    const running = main(['playground', '--port', '0'], cli.io, stop.signal)
    await expect.poll(() => cli.stdout()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\n$/)
    const page = await fetch(cli.stdout().trim())
    expect(await page.text()).toContain('intercom-blocks playground')
    expect(cli.stderr()).toContain('embedded sandbox')
    stop.abort()
    expect(await running).toBe(0)
  })

  it('says in one line that the port is taken, and exits 1', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as AddressInfo).port
    try {
      const cli = capture()
      expect(await main(['playground', '--port', String(port)], cli.io)).toBe(1)
      expect(cli.stderr()).toBe(`intercom-blocks: port 127.0.0.1:${port} is already in use; stop what uses it, or choose another with --port (0 picks a free one)\n`)
    } finally {
      blocker.close()
    }
  })

  it('the demo (npm start) says where the playground is', async () => {
    const cli = capture()
    expect(await main(['demo'], cli.io)).toBe(0)
    expect(cli.stderr()).toContain('npx intercom-blocks playground, then open http://127.0.0.1:4020/')
  }, 60_000)

  it('refuses a bad port as a usage error', async () => {
    const cli = capture()
    expect(await main(['playground', '--port', 'x'], cli.io)).toBe(2)
    expect(cli.stderr()).toContain('--port must be a whole number')
  })
})
