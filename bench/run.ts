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
 * 4. Sandbox persistence: saving one new contact by appending it to the journal (fsynced),
 *    versus rewriting the whole workspace file atomically (fsynced) as saves used to.
 * 5. Webhook handler: `createWebhookHandler` (signature, envelope, trigger output validation,
 *    seen store, onEvent) on a signed conversation notification, versus the bare minimum a
 *    receiver does (a Request read, Web Crypto HMAC-SHA1 and JSON.parse of the same body).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDataFile, saveDataFile } from '../sandbox/persist'
import { seedData } from '../sandbox/seed'
import { startSandbox } from '../sandbox'
import { executeTool } from '../tools/executor'
import { createWebhookHandler } from '../triggers/handler'
import { getTrigger } from '../triggers/registry'
import { signWebhookBody, verifyWebhookSignature } from '../triggers/signature'

const contact = JSON.stringify({ type: 'contact', id: '6762f0dd1bb69f9f2193bb83', email: 'jane@example.com', role: 'user' })
const list = JSON.stringify({ type: 'list', data: [], total_count: 0, pages: { type: 'pages', page: 1, per_page: 50, total_pages: 0 } })

const instantFetch: typeof fetch = async (input) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  return new Response(url.includes('/search') ? list : contact, { status: 200, headers: { 'content-type': 'application/json' } })
}

/** Microseconds per call of `run`, over `iterations` calls. */
async function perCall(iterations: number, run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint()
  for (let index = 0; index < iterations; index++) await run()
  return Number(process.hrtime.bigint() - start) / iterations / 1000
}

const BLOCKS = 5

/**
 * Measures a candidate against its baseline in alternating blocks (baseline, candidate, baseline,
 * ...), after a warm-up of both, so that JIT warm-up and machine load fall on both sides alike.
 * Prints each side's median and returns the median of the per-block ratios.
 */
async function compare(name: string, iterations: number, baseline: () => Promise<unknown>, candidate: () => Promise<unknown>): Promise<void> {
  const warm = Math.min(200, iterations)
  await perCall(warm, baseline)
  await perCall(warm, candidate)
  const base: number[] = []
  const cand: number[] = []
  for (let block = 0; block < BLOCKS; block++) {
    base.push(await perCall(iterations, baseline))
    cand.push(await perCall(iterations, candidate))
  }
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] as number
  const ratios = base.map((value, index) => (cand[index] as number) / value)
  process.stderr.write(`  ${name}: baseline ${median(base).toFixed(1)} µs/call, measured ${median(cand).toFixed(1)} µs/call (${BLOCKS} blocks of ${iterations} calls each)\n`)
  results.push(`${name.padEnd(58)} ${median(ratios).toFixed(2)}x baseline (median of ${BLOCKS} blocks; range ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)})`)
}

const results: string[] = []

async function main(): Promise<void> {
  const token = 'bench-token'
  const rounds = Number(process.env.BENCH_ITERATIONS ?? 1000)
  const memoryContext = { accessToken: token, fetch: instantFetch }

  await compare(
    'executor vs direct fetch (in memory)',
    rounds,
    async () => {
      const response = await instantFetch('https://api.intercom.io/contacts/6762f0dd1bb69f9f2193bb83', {
        headers: { Authorization: `Bearer ${token}`, 'Intercom-Version': '2.16', Accept: 'application/json' },
      })
      return response.json()
    },
    () => executeTool('intercom_get_contact', { contactId: '6762f0dd1bb69f9f2193bb83' }, memoryContext),
  )

  const filter = { field: 'custom_attributes.plan', operator: '=', value: 'pro' }
  const wide = { operator: 'AND', value: [{ operator: 'OR', value: Array.from({ length: 15 }, () => filter) }] }
  await compare(
    'search with 2 levels and 15 filters vs 1 filter (in memory)',
    rounds,
    () => executeTool('intercom_search_contacts', { query: filter }, memoryContext),
    () => executeTool('intercom_search_contacts', { query: wide }, memoryContext),
  )

  const sample = getTrigger('intercom_conversation_admin_replied')?.sample
  if (!sample) throw new Error('no sample notification')
  const hookSecret = 'bench-secret'
  const handler = createWebhookHandler({ clientSecret: hookSecret, onEvent: () => undefined })
  let serial = 0
  // A new notification id per call (a repeated id would be answered as a duplicate).
  const signedRequest = async () => {
    const body = JSON.stringify({ ...sample, id: `notif_bench_${serial++}`, created_at: Math.floor(Date.now() / 1000) })
    return new Request('https://hooks.example/intercom', { method: 'POST', body, headers: { 'X-Hub-Signature': await signWebhookBody(body, hookSecret) } })
  }
  await compare(
    'webhook handler vs verify + parse only (in memory)',
    rounds,
    async () => {
      const request = await signedRequest()
      const raw = await request.arrayBuffer()
      if (!(await verifyWebhookSignature(raw, request.headers.get('x-hub-signature'), hookSecret))) throw new Error('bad signature')
      return JSON.parse(new TextDecoder().decode(raw))
    },
    async () => {
      const response = await handler(await signedRequest())
      if (response.status !== 200) throw new Error(`handler answered ${response.status}`)
    },
  )

  const sandbox = await startSandbox({ port: 0, rateLimit: { limit: 1_000_000, windowMs: 10_000 } })
  try {
    const seeded = (await (await fetch(`${sandbox.url}/contacts?per_page=1`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      data: Array<{ id: string }>
    }
    const id = seeded.data[0]?.id
    if (!id) throw new Error('the sandbox has no contacts')
    const httpContext = { accessToken: token, baseUrl: sandbox.url }
    await compare(
      'executor vs plain fetch (loopback HTTP, sandbox)',
      Math.max(100, Math.floor(rounds / 4)),
      async () => {
        const response = await fetch(`${sandbox.url}/contacts/${id}`, {
          headers: { Authorization: `Bearer ${token}`, 'Intercom-Version': '2.16', Accept: 'application/json' },
        })
        return response.json()
      },
      () => executeTool('intercom_get_contact', { contactId: id }, httpContext),
    )
  } finally {
    await sandbox.close()
  }
  await benchPersistence()
  process.stdout.write(`${results.join('\n')}\n`)
}

async function benchPersistence(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'intercom-bench-persist-'))
  try {
    const journaled = openDataFile(join(folder, 'journal.json'), () => seedData(1))
    const whole = seedData(1)
    const template = whole.contacts[0]
    if (!template) throw new Error('the seed has no contacts')
    let n = 0
    const newContact = () => ({ ...structuredClone(template), id: `bench${String(n++).padStart(19, '0')}`, email: `bench-${n}@example.com` })
    await compare(
      'sandbox save: journal append vs whole-file rewrite (fsync)',
      Number(process.env.BENCH_PERSIST_ITERATIONS ?? 50),
      async () => {
        whole.contacts.push(newContact())
        saveDataFile(join(folder, 'whole.json'), whole)
      },
      async () => {
        journaled.tracked.contacts.push(newContact())
        journaled.save()
      },
    )
    journaled.close()
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`)
  process.exitCode = 1
})
