/**
 * Faults after the change: the request is handled and saved, then the client gets a 5xx or a
 * reset connection, so that ambiguous writes (and the retry classification of creates) can be
 * produced on purpose.
 */
import { describe, expect, it } from 'vitest'
import { startSandbox } from './index'
import { started } from './test-support'

describe('faults after the change is applied', () => {
  it('errorAfterRate: the contact is created, yet the client sees a 5xx in Intercom\'s error shape', async () => {
    const { sandbox, call } = await started({ faults: { errorAfterRate: 1, statuses: [503], seed: 3 } })
    try {
      const answer = await call('POST', '/contacts', { email: 'ambiguous@example.com' })
      expect(answer.status).toBe(503)
      expect(answer.body.errors).toEqual([{ code: 'service_unavailable', message: 'Service unavailable' }])
      expect(sandbox.state.snapshot().contacts.filter((contact) => contact.email === 'ambiguous@example.com')).toHaveLength(1)
    } finally {
      await sandbox.close()
    }
  })

  it('resetAfterRate: the connection is reset with no answer, and the change is kept', async () => {
    const { sandbox } = await started({ faults: { resetAfterRate: 1, seed: 3 } })
    try {
      const attempt = fetch(`${sandbox.url}/contacts`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'reset@example.com' }),
      })
      const error = await attempt.then(() => undefined, (caught: unknown) => caught as Error & { cause?: { code?: string } })
      expect(error).toBeInstanceOf(TypeError)
      expect(error?.cause?.code).toBe('ECONNRESET')
      expect(sandbox.state.snapshot().contacts.filter((contact) => contact.email === 'reset@example.com')).toHaveLength(1)
    } finally {
      await sandbox.close()
    }
  })

  it('draws each kind of fault from its own seeded stream: same seed, same outcomes; the before-faults do not move', async () => {
    async function outcomes(faults: Parameters<typeof startSandbox>[0]): Promise<string[]> {
      const { sandbox, call } = await started(faults)
      try {
        const out: string[] = []
        for (let n = 0; n < 16; n++) {
          const answer = await call('POST', '/contacts', { email: `seq${n}@example.com` }).catch(() => undefined)
          const made = sandbox.state.snapshot().contacts.some((contact) => contact.email === `seq${n}@example.com`)
          out.push(`${answer?.status ?? 'reset'}:${made ? 'made' : 'not'}`)
        }
        return out
      } finally {
        await sandbox.close()
      }
    }
    const options = { faults: { errorAfterRate: 0.4, resetAfterRate: 0.2, seed: 21 } }
    const first = await outcomes(options)
    expect(await outcomes(options)).toEqual(first)
    // Every request was applied; some answers were lost or replaced.
    expect(first.every((entry) => entry.endsWith(':made'))).toBe(true)
    expect(first.some((entry) => entry.startsWith('reset'))).toBe(true)
    expect(first.some((entry) => /^5\d\d/.test(entry))).toBe(true)
    expect(first.some((entry) => entry.startsWith('200'))).toBe(true)
    // The faults before handling keep their own sequence when the after-faults are turned on.
    const before = await outcomes({ faults: { errorRate: 0.5, seed: 21 } })
    const both = await outcomes({ faults: { errorRate: 0.5, errorAfterRate: 0.3, seed: 21 } })
    const notMade = (list: string[]) => list.map((entry) => entry.endsWith(':not'))
    expect(notMade(both)).toEqual(notMade(before))
    // And the after-faults keep theirs when another kind is turned on: the 5xx of errorAfterRate
    // fall on the same requests with resets (or faults before handling) added, except where
    // those took the request first.
    const errorsOnly = await outcomes({ faults: { errorAfterRate: 0.4, seed: 21 } })
    const withResets = await outcomes({ faults: { errorAfterRate: 0.4, resetAfterRate: 0.3, seed: 21 } })
    const withBefore = await outcomes({ faults: { errorAfterRate: 0.4, errorRate: 0.3, seed: 21 } })
    expect(withResets.some((entry) => entry.startsWith('reset'))).toBe(true)
    expect(withBefore.some((entry) => entry.endsWith(':not'))).toBe(true)
    errorsOnly.forEach((entry, n) => {
      if (!withResets[n]!.startsWith('reset')) expect(withResets[n], `request ${n}`).toBe(entry)
      if (withBefore[n]!.endsWith(':made')) expect(withBefore[n], `request ${n}`).toBe(entry)
    })
  })

  it('checks the new rates', async () => {
    await expect(startSandbox({ faults: { errorAfterRate: -0.1 } })).rejects.toThrow(/errorAfterRate/)
    await expect(startSandbox({ faults: { resetAfterRate: 1.5 } })).rejects.toThrow(/resetAfterRate/)
  })
})
