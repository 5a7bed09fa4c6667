/**
 * Benchmarks, reported as ratios against baselines measured in the same run (never as absolute
 * timings asserted anywhere). Run with `npm run bench`.
 *
 * 1. In memory: `executeTool` (validation, request building, ky, response parsing, transform)
 *    against an injected fetch that answers at once, versus calling that same fetch directly
 *    with a hand-built request. The ratio is the executor's CPU overhead per call.
 * 2. Over loopback HTTP: `executeTool` against the embedded sandbox, versus plain `fetch` of the
 *    same URL with the same headers. The ratio is what the executor adds to a real exchange.
 * 3. Search validation: `executeTool('intercom_search_contacts')` with a 2-level, 15-filter
 *    query, versus the same call with a one-filter query (in memory), to show what query
 *    validation costs as the query grows.
 */
import { startSandbox } from '../sandbox'
import { executeTool } from '../tools/executor'

const contact = JSON.stringify({ type: 'contact', id: '6762f0dd1bb69f9f2193bb83', email: 'jane@example.com', role: 'user' })
const list = JSON.stringify({ type: 'list', data: [], total_count: 0, pages: { type: 'pages', page: 1, per_page: 50, total_pages: 0 } })

const instantFetch: typeof fetch = async (input) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  return new Response(url.includes('/search') ? list : contact, { status: 200, headers: { 'content-type': 'application/json' } })
}

async function timeIt(label: string, iterations: number, run: () => Promise<unknown>): Promise<number> {
  for (let index = 0; index < Math.min(200, iterations); index++) await run() // warm-up
  const start = process.hrtime.bigint()
  for (let index = 0; index < iterations; index++) await run()
  const nanos = Number(process.hrtime.bigint() - start)
  const perCall = nanos / iterations / 1000
  process.stderr.write(`  ${label.padEnd(58)} ${perCall.toFixed(1).padStart(8)} µs/call (${iterations} calls)\n`)
  return perCall
}

function ratio(name: string, measured: number, baseline: number): void {
  process.stdout.write(`${name.padEnd(60)} ${(measured / baseline).toFixed(2)}x baseline\n`)
}

async function main(): Promise<void> {
  const token = 'bench-token'
  const rounds = Number(process.env.BENCH_ITERATIONS ?? 3000)

  process.stderr.write('1. in memory\n')
  const direct = await timeIt('baseline: injected fetch called directly', rounds, async () => {
    const response = await instantFetch('https://api.intercom.io/contacts/6762f0dd1bb69f9f2193bb83', {
      headers: { Authorization: `Bearer ${token}`, 'Intercom-Version': '2.16', Accept: 'application/json' },
    })
    return response.json()
  })
  const memoryContext = { accessToken: token, fetch: instantFetch }
  const viaExecutor = await timeIt('executeTool(intercom_get_contact), same fetch', rounds, () =>
    executeTool('intercom_get_contact', { contactId: '6762f0dd1bb69f9f2193bb83' }, memoryContext),
  )

  process.stderr.write('2. loopback HTTP against the sandbox\n')
  const sandbox = await startSandbox({ port: 0, rateLimit: { limit: 1_000_000, windowMs: 10_000 } })
  try {
    const seeded = (await (await fetch(`${sandbox.url}/contacts?per_page=1`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      data: Array<{ id: string }>
    }
    const id = seeded.data[0]?.id
    if (!id) throw new Error('the sandbox has no contacts')
    const httpRounds = Math.max(200, Math.floor(rounds / 3))
    const rawHttp = await timeIt('baseline: fetch GET /contacts/{id}', httpRounds, async () => {
      const response = await fetch(`${sandbox.url}/contacts/${id}`, {
        headers: { Authorization: `Bearer ${token}`, 'Intercom-Version': '2.16', Accept: 'application/json' },
      })
      return response.json()
    })
    const httpContext = { accessToken: token, baseUrl: sandbox.url }
    const toolHttp = await timeIt('executeTool(intercom_get_contact) on the sandbox', httpRounds, () =>
      executeTool('intercom_get_contact', { contactId: id }, httpContext),
    )

    process.stderr.write('3. search query validation (in memory)\n')
    const filter = { field: 'custom_attributes.plan', operator: '=', value: 'pro' }
    const small = await timeIt('baseline: search with 1 filter', rounds, () =>
      executeTool('intercom_search_contacts', { query: filter }, memoryContext),
    )
    const large = await timeIt('search with 2 levels and 15 filters', rounds, () =>
      executeTool(
        'intercom_search_contacts',
        { query: { operator: 'AND', value: [{ operator: 'OR', value: Array.from({ length: 15 }, () => filter) }] } },
        memoryContext,
      ),
    )

    process.stdout.write('\n')
    ratio('executor vs direct fetch (in memory)', viaExecutor, direct)
    ratio('executor vs plain fetch (loopback HTTP, sandbox)', toolHttp, rawHttp)
    ratio('search with 15 filters vs 1 filter', large, small)
  } finally {
    await sandbox.close()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`)
  process.exitCode = 1
})
