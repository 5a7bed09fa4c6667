/**
 * Benchmarks (`npm run bench`), reported as ratios against baselines measured in the same run,
 * never as timings asserted anywhere. The server (the sandbox) runs in a separate process.
 *
 * 1. Per call, GET (get a contact) and POST (create a contact), sequential and 50 in flight:
 *    raw fetch, ky alone, the official SDK (intercom-client), executeTool with a reused context
 *    and with a fresh context per call. Sequential rounds interleave the variants call by call
 *    and take each one's median latency; in-flight rounds time a batch per variant, the order
 *    rotated round by round. Each ratio is taken within a round, and the median and range over
 *    the rounds are reported.
 * 2. In memory (injected fetch that answers at once): executeTool with a fresh context per call
 *    against a reused one: what a host that builds a context per call pays.
 * 3. Bulk jobs against the rate-limited sandbox (creates, then gets), with and without 5%
 *    injected 5xx, through executeTool and through the SDK: % of the allowed steady-state rate,
 *    answers of 429, failed ops, duplicates.
 * 4. Calls to walk every contact and every company.
 * 5. Import time, and import + first call, of the package against the SDK and ky + zod alone.
 * 6. Sandbox persistence: saving one new contact by appending it to the journal (fsynced),
 *    versus rewriting the whole workspace file atomically (fsynced).
 *
 * Results go to bench/results/latest.{md,json} (with the Node version and CPU count) and the
 * table between the bench markers of README.md. `BENCH_QUICK=1` shrinks every part (a smoke run).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { IntercomClient } from 'intercom-client'
import ky from 'ky'
import { executeTool } from '../tools/executor'
import { collect, paginate } from '../tools/paginate'
import { MemoryRateLimitStore } from '../tools/rate-limit'
import type { SandboxOptions } from '../sandbox'
import { openDataFile, saveDataFile } from '../sandbox/persist'
import { seedData } from '../sandbox/seed'
import type { ToolContext } from '../types'
import { bigWorkspaceFile } from '../test/helpers/big-workspace'

const QUICK = process.env.BENCH_QUICK === '1'
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const SERVER = join(ROOT, '.cache/bench/server.js')

interface Server {
  url: string
  token: string
  stop(): Promise<void>
}

async function startServer(options: SandboxOptions): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, [SERVER, JSON.stringify(options)], { stdio: ['pipe', 'pipe', 'inherit'] })
  const line = await new Promise<string>((resolveLine, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', resolveLine)
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)))
  })
  const { url, token } = JSON.parse(line) as { url: string; token: string }
  return {
    url,
    token,
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done())
        child.stdin?.end()
      }),
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}
const fmt = (value: number, digits = 2) => value.toFixed(digits)
const log = (text: string) => process.stderr.write(`${text}\n`)

/** Runs `calls` calls of `one` with `inFlight` at a time; returns the elapsed milliseconds. */
async function timed(calls: number, inFlight: number, one: (index: number) => Promise<unknown>): Promise<number> {
  let next = 0
  const start = performance.now()
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < calls) await one(next++)
    }),
  )
  return performance.now() - start
}

interface RatioRow {
  measure: string
  variant: string
  baseline: string
  median: number
  min: number
  max: number
  /** Median of the variant's own value: µs per call, or calls per second. */
  value: number
  unit: string
}

/**
 * Alternating rounds: each round runs every variant once, in an order rotated round by round.
 * Returns per-variant elapsed ms for each round.
 */
async function rounds(names: string[], count: number, run: (name: string) => Promise<number>): Promise<Map<string, number[]>> {
  const out = new Map(names.map((name) => [name, [] as number[]]))
  for (const name of names) await run(name) // warm-up
  for (let round = 0; round < count; round++) {
    const order = names.map((_, index) => names[(index + round) % names.length] as string)
    for (const name of order) out.get(name)!.push(await run(name))
  }
  return out
}

/** The names in a random order (Fisher–Yates). */
function shuffled(names: readonly string[]): string[] {
  const out = [...names]
  for (let index = out.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1))
    ;[out[index], out[other]] = [out[other] as string, out[index] as string]
  }
  return out
}

/**
 * Sequential rounds, interleaved call by call: in each round every variant makes `calls` calls,
 * taking turns one call at a time, and a variant's value for the round is its median latency
 * (ms). A pause, a collection or a busy neighbour then falls on every variant alike, and the few
 * calls it slows do not move a median. The order is drawn anew for every turn: in a fixed cycle
 * a variant that follows one running the same code (the executor with a fresh context after the
 * executor with a reused one) finds it warm in the CPU's caches and reads faster than it is.
 */
async function interleavedRounds(names: string[], count: number, calls: number, run: (name: string) => Promise<unknown>): Promise<Map<string, number[]>> {
  const out = new Map(names.map((name) => [name, [] as number[]]))
  for (const name of names) for (let call = 0; call < 20; call++) await run(name) // warm-up
  for (let round = 0; round < count; round++) {
    const latencies = new Map(names.map((name) => [name, [] as number[]]))
    for (let call = 0; call < calls; call++) {
      for (const name of shuffled(names)) {
        const start = performance.now()
        await run(name)
        latencies.get(name)!.push(performance.now() - start)
      }
    }
    for (const name of names) out.get(name)!.push(median(latencies.get(name)!))
  }
  return out
}

function ratios(measure: string, times: Map<string, number[]>, baseline: string, calls: number, throughput: boolean): RatioRow[] {
  const base = times.get(baseline)!
  const rows: RatioRow[] = []
  for (const [variant, values] of times) {
    if (variant === baseline) continue
    // Time ratio for latency; for throughput, calls per second of the variant over the baseline's.
    const per = values.map((value, index) => (throughput ? (base[index] as number) / value : value / (base[index] as number)))
    rows.push({
      measure,
      variant,
      baseline,
      median: median(per),
      min: Math.min(...per),
      max: Math.max(...per),
      value: throughput ? (calls * 1000) / median(values) : (median(values) * 1000) / calls,
      unit: throughput ? 'calls/s' : 'µs/call',
    })
  }
  return rows
}

async function perCall(server: Server, contactId: string): Promise<RatioRow[]> {
  const { url, token } = server
  const headers = { Authorization: `Bearer ${token}`, 'Intercom-Version': '2.16', Accept: 'application/json' }
  const sdk = new IntercomClient({ token, baseUrl: url })
  const reused: ToolContext = { accessToken: token, baseUrl: url }
  let serial = 0
  const email = () => `bench-${process.pid}-${serial++}@example.com`
  const get: Record<string, () => Promise<unknown>> = {
    'raw fetch': async () => (await fetch(`${url}/contacts/${contactId}`, { headers })).json(),
    'ky alone': () => ky.get(`${url}/contacts/${contactId}`, { headers, retry: 0 }).json(),
    'intercom-client 7.0.3': () => sdk.contacts.find({ contact_id: contactId }),
    'executeTool, reused context': () => executeTool('intercom_get_contact', { contactId }, reused),
    'executeTool, fresh context': () => executeTool('intercom_get_contact', { contactId }, { accessToken: token, baseUrl: url }),
  }
  const post: Record<string, () => Promise<unknown>> = {
    'raw fetch': async () =>
      (await fetch(`${url}/contacts`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ email: email() }) })).json(),
    'ky alone': () => ky.post(`${url}/contacts`, { headers, json: { email: email() }, retry: 0 }).json(),
    'intercom-client 7.0.3': () => sdk.contacts.create({ email: email() }),
    'executeTool, reused context': () => executeTool('intercom_create_contact', { email: email() }, reused),
    'executeTool, fresh context': () => executeTool('intercom_create_contact', { email: email() }, { accessToken: token, baseUrl: url }),
  }
  // Many short rounds rather than a few long ones: on a small shared machine a round's ratio
  // swings with what else ran, and the median of many rounds is what holds still between runs.
  const count = QUICK ? 3 : 15
  const sequential = QUICK ? 50 : 200
  // Batches in flight: a GET batch of 300 took about 0.1 s, short enough for one busy moment to
  // swing its throughput several-fold; creates are slower and grow the workspace, so fewer.
  const parallel = { GET: QUICK ? 200 : 1500, 'POST create': QUICK ? 200 : 300 }
  const rows: RatioRow[] = []
  for (const [verb, variants] of [['GET', get], ['POST create', post]] as const) {
    const names = Object.keys(variants)
    for (const [label, calls, inFlight] of [['sequential', sequential, 1], ['50 in flight', parallel[verb], 50]] as const) {
      log(`per call: ${verb}, ${label}`)
      const throughput = inFlight > 1
      // Sequential: median latency per round, calls interleaved (a value per call); in flight:
      // the time for the whole batch, variants alternated round by round.
      const times = throughput
        ? await rounds(names, count, (name) => timed(calls, inFlight, () => variants[name]!()))
        : await interleavedRounds(names, count, calls, (name) => variants[name]!())
      const perValue = throughput ? calls : 1
      const measure = `${verb}, ${label}`
      rows.push(...ratios(measure, times, 'raw fetch', perValue, throughput))
      rows.push(
        ...ratios(measure, times, 'intercom-client 7.0.3', perValue, throughput).filter((row) => row.variant.startsWith('executeTool')),
      )
    }
  }
  return rows
}

async function inMemory(): Promise<RatioRow[]> {
  const body = JSON.stringify({ type: 'contact', id: '6762f0dd1bb69f9f2193bb83', email: 'jane@example.com', role: 'user' })
  const instant: typeof fetch = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } })
  const reused: ToolContext = { accessToken: 'bench-token', fetch: instant }
  const calls = QUICK ? 500 : 3000
  const variants: Record<string, () => Promise<unknown>> = {
    'executeTool, reused context': () => executeTool('intercom_get_contact', { contactId: '6762f0dd1bb69f9f2193bb83' }, reused),
    'executeTool, fresh context': () => executeTool('intercom_get_contact', { contactId: '6762f0dd1bb69f9f2193bb83' }, { accessToken: 'bench-token', fetch: instant }),
    'injected fetch alone': async () => (await instant('https://api.intercom.io/contacts/6762f0dd1bb69f9f2193bb83')).json(),
  }
  log('in memory: fresh vs reused context')
  const times = await rounds(Object.keys(variants), QUICK ? 3 : 7, (name) => timed(calls, 1, () => variants[name]!()))
  return [
    ...ratios('GET, in memory', times, 'executeTool, reused context', calls, false).filter((row) => row.variant === 'executeTool, fresh context'),
    ...ratios('GET, in memory', times, 'injected fetch alone', calls, false),
  ]
}

interface BulkResult {
  client: string
  workers: number
  limit: string
  faults: string
  ops: number
  seconds: number
  /** Completed (successful) ops per second after the first window, over the allowed rate. */
  steadyShare: number
  /** Calls Intercom answered (anything but 429) per second after the first window, over the allowed rate. */
  answeredShare: number
  tooMany: number
  windows: number
  failed: number
  duplicates: number
  requests: number
}

async function bulk(client: 'executeTool' | 'intercom-client 7.0.3', workers: number, limit: number, windowMs: number, creates: number, errorRate: number): Promise<BulkResult> {
  const server = await startServer({ rateLimit: { limit, windowMs }, ...(errorRate > 0 ? { faults: { errorRate, statuses: [500, 503] } } : {}) })
  let tooMany = 0
  let requests = 0
  const answered: number[] = []
  const counting: typeof fetch = async (input, init) => {
    requests++
    const response = await realFetch(input, init)
    if (response.status === 429) tooMany++
    else answered.push(Date.now())
    return response
  }
  const realFetch = globalThis.fetch
  const prefix = `bulk-${client === 'executeTool' ? 'ours' : 'sdk'}-${workers}-${Date.now()}`
  const context: ToolContext = { accessToken: server.token, baseUrl: server.url, fetch: counting, rateLimitStore: new MemoryRateLimitStore(), maxRateLimitWaitMs: 300_000 }
  const sdk = new IntercomClient({ token: server.token, baseUrl: server.url })
  if (client !== 'executeTool') globalThis.fetch = counting
  const ids: string[] = []
  const done: number[] = []
  let failed = 0
  const start = Date.now()

  async function create(index: number): Promise<void> {
    const email = `${prefix}-${index}@example.com`
    if (client === 'executeTool') {
      let result: { success: true; output: { contactId: string } } | { success: false; error: import('../types').ToolError } = await executeTool('intercom_create_contact', { email }, context)
      // What a careful job does with a create that may or may not have been applied: look, then send it again only if it is absent.
      for (let attempt = 0; !result.success && result.error.retryable !== true && result.error.status !== undefined && result.error.status >= 500 && attempt < 3; attempt++) {
        const found = await executeTool('intercom_search_contacts', { query: { field: 'email', operator: '=', value: email } }, context)
        if (found.success && (found.output.contacts as unknown[]).length > 0) {
          result = { success: true, output: { contactId: (found.output.contacts as Array<{ id: string }>)[0]!.id } }
          break
        }
        result = await executeTool('intercom_create_contact', { email }, context)
      }
      if (result.success) {
        ids.push(String(result.output.contactId))
        done.push(Date.now())
      } else failed++
    } else {
      try {
        const contact = await sdk.contacts.create({ email })
        ids.push(contact.id)
        done.push(Date.now())
      } catch {
        failed++
      }
    }
  }
  async function read(index: number): Promise<void> {
    const id = ids[index % Math.max(1, ids.length)]
    if (id === undefined) {
      failed++
      return
    }
    if (client === 'executeTool') {
      const result = await executeTool('intercom_get_contact', { contactId: id }, context)
      if (result.success) done.push(Date.now())
      else failed++
    } else {
      try {
        await sdk.contacts.find({ contact_id: id })
        done.push(Date.now())
      } catch {
        failed++
      }
    }
  }
  try {
    await timed(creates, workers, create)
    await timed(creates, workers, read)
  } finally {
    globalThis.fetch = realFetch
  }
  const seconds = (Date.now() - start) / 1000
  // Duplicates: contacts of this job's emails, counted through a fresh, un-faulted look.
  const listing = await startCountContacts(server, prefix)
  await server.stop()
  const steady = (times: number[]): number => {
    const after = times.filter((time) => time >= start + windowMs).sort((a, b) => a - b)
    return after.length > 1 ? (after.length - 1) / (((after[after.length - 1] as number) - (after[0] as number)) / 1000) : 0
  }
  const allowed = limit / (windowMs / 1000)
  // The job's own calls only (the duplicate count below is not part of the job).
  const answeredShare = steady(answered.filter((time) => time <= start + seconds * 1000)) / allowed
  const rate = steady(done)
  return {
    client,
    workers,
    limit: `${limit} per ${windowMs / 1000} s`,
    faults: errorRate > 0 ? `${errorRate * 100}% 5xx` : 'none',
    ops: creates * 2,
    seconds,
    steadyShare: rate / allowed,
    answeredShare,
    tooMany,
    windows: Math.ceil((seconds * 1000) / windowMs),
    failed,
    duplicates: listing.total - listing.distinct,
    requests,
  }
}

/** Counts the contacts whose email starts with the prefix (all of them, and distinct emails). */
async function startCountContacts(server: Server, prefix: string): Promise<{ total: number; distinct: number }> {
  const emails: string[] = []
  const context: ToolContext = { accessToken: server.token, baseUrl: server.url, maxRetries: 10, maxRateLimitWaitMs: 300_000, rateLimitStore: new MemoryRateLimitStore() }
  for await (const contact of paginate('intercom_search_contacts', { query: { field: 'email', operator: '^', value: prefix } }, context)) {
    emails.push(String(contact.email))
  }
  return { total: emails.length, distinct: new Set(emails).size }
}

interface WalkRow {
  what: string
  how: string
  calls: number
  items: number
}

async function walks(): Promise<WalkRow[]> {
  const file = bigWorkspaceFile(360, 250)
  const rows: WalkRow[] = []
  for (const what of ['contacts', 'companies'] as const) {
    for (const how of ['paginate / collect', 'by hand, default page size', 'intercom-client 7.0.3 paginator'] as const) {
      const server = await startServer({ data: file, rateLimit: { limit: 1_000_000, windowMs: 10_000 } })
      let calls = 0
      const realFetch = globalThis.fetch
      const counting: typeof fetch = (input, init) => {
        calls++
        return realFetch(input, init)
      }
      const context: ToolContext = { accessToken: server.token, baseUrl: server.url, fetch: counting }
      let items = 0
      if (how === 'paginate / collect') {
        const result = what === 'contacts' ? await collect('intercom_list_contacts', {}, context) : await collect('intercom_list_companies', {}, context)
        if (!result.success) throw new Error(JSON.stringify(result.error))
        items = ('contacts' in result.output ? result.output.contacts : result.output.companies).length
      } else if (how === 'by hand, default page size') {
        if (what === 'contacts') {
          let cursor: string | undefined
          do {
            const result = await executeTool('intercom_list_contacts', cursor ? { starting_after: cursor } : {}, context)
            if (!result.success) throw new Error(JSON.stringify(result.error))
            items += (result.output.contacts as unknown[]).length
            cursor = (result.output.pages as { next?: { starting_after?: string } } | undefined)?.next?.starting_after
          } while (cursor)
        } else {
          for (let page = 1; ; page++) {
            const result = await executeTool('intercom_list_companies', { page }, context)
            if (!result.success) throw new Error(JSON.stringify(result.error))
            items += (result.output.companies as unknown[]).length
            if (page >= ((result.output.pages as { total_pages?: number }).total_pages ?? 0)) break
          }
        }
      } else {
        globalThis.fetch = counting
        try {
          const sdk = new IntercomClient({ token: server.token, baseUrl: server.url })
          const pager = what === 'contacts' ? await sdk.contacts.list() : await sdk.companies.list()
          for await (const _ of pager) items++
        } finally {
          globalThis.fetch = realFetch
        }
      }
      await server.stop()
      rows.push({ what, how, calls, items })
    }
  }
  return rows
}

interface ImportRow {
  measure: string
  variant: string
  baseline: string
  median: number
  min: number
  max: number
  ms: number
}

function importTimes(server: Server, contactId: string): ImportRow[] {
  const dist = join(ROOT, 'dist/index.js')
  const scripts: Record<string, { load: string; call: string }> = {
    'intercom-blocks': {
      load: `await import(${JSON.stringify(dist)})`,
      call: `const m = await import(${JSON.stringify(dist)}); const r = await m.executeTool('intercom_get_contact', { contactId: ${JSON.stringify(contactId)} }, { accessToken: ${JSON.stringify(server.token)}, baseUrl: ${JSON.stringify(server.url)} }); if (!r.success) throw new Error('call failed')`,
    },
    'intercom-client 7.0.3': {
      load: `await import('intercom-client')`,
      call: `const { IntercomClient } = await import('intercom-client'); await new IntercomClient({ token: ${JSON.stringify(server.token)}, baseUrl: ${JSON.stringify(server.url)} }).contacts.find({ contact_id: ${JSON.stringify(contactId)} })`,
    },
    'ky + zod alone': {
      load: `await import('ky'); await import('zod')`,
      call: `const { default: ky } = await import('ky'); const { z } = await import('zod'); const body = await ky.get(${JSON.stringify(`${server.url}/contacts/${contactId}`)}, { headers: { Authorization: 'Bearer ${server.token}' } }).json(); z.object({ id: z.string() }).loose().parse(body)`,
    },
  }
  const runOnce = (code: string): number => {
    const wrapped = `const t = performance.now(); ${code}; process.stdout.write(String(performance.now() - t))`
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', wrapped], { cwd: ROOT, encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`import bench failed: ${result.stderr}`)
    return Number(result.stdout)
  }
  const rows: ImportRow[] = []
  const count = QUICK ? 3 : 9
  for (const kind of ['load', 'call'] as const) {
    log(`import ${kind === 'load' ? 'time' : '+ first call'}`)
    const names = Object.keys(scripts)
    const times = new Map(names.map((name) => [name, [] as number[]]))
    for (const name of names) runOnce(scripts[name]![kind]) // warm the file cache
    for (let round = 0; round < count; round++) {
      for (let index = 0; index < names.length; index++) {
        const name = names[(index + round) % names.length] as string
        times.get(name)!.push(runOnce(scripts[name]![kind]))
      }
    }
    const ours = times.get('intercom-blocks')!
    for (const baseline of ['intercom-client 7.0.3', 'ky + zod alone']) {
      const base = times.get(baseline)!
      const per = ours.map((value, index) => value / (base[index] as number))
      rows.push({ measure: kind === 'load' ? 'import' : 'import + first GET', variant: 'intercom-blocks', baseline, median: median(per), min: Math.min(...per), max: Math.max(...per), ms: median(ours) })
    }
    for (const name of names) if (name !== 'intercom-blocks') rows.push({ measure: kind === 'load' ? 'import' : 'import + first GET', variant: name, baseline: '(own time)', median: 0, min: 0, max: 0, ms: median(times.get(name)!) })
  }
  return rows
}

/** Journal append against whole-file rewrite, alternating rounds (ratio of time per save). */
async function persistence(): Promise<RatioRow[]> {
  const folder = mkdtempSync(join(tmpdir(), 'intercom-bench-persist-'))
  try {
    const journaled = openDataFile(join(folder, 'journal.json'), () => seedData(1))
    const whole = seedData(1)
    const template = whole.contacts[0]
    if (!template) throw new Error('the seed has no contacts')
    let n = 0
    const newContact = () => ({ ...structuredClone(template), id: `bench${String(n++).padStart(19, '0')}`, email: `bench-${n}@example.com` })
    const saves = Number(process.env.BENCH_PERSIST_ITERATIONS ?? (QUICK ? 10 : 50))
    const variants: Record<string, () => Promise<unknown>> = {
      'whole-file rewrite': async () => {
        whole.contacts.push(newContact())
        saveDataFile(join(folder, 'whole.json'), whole)
      },
      'journal append': async () => {
        journaled.tracked.contacts.push(newContact())
        journaled.save()
      },
    }
    log('sandbox persistence')
    const times = await rounds(Object.keys(variants), QUICK ? 3 : 5, (name) => timed(saves, 1, () => variants[name]!()))
    journaled.close()
    return ratios('sandbox save (fsync)', times, 'whole-file rewrite', saves, false)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

function markdown(meta: Record<string, unknown>, perCallRows: RatioRow[], bulkRows: BulkResult[], walkRows: WalkRow[], importRows: ImportRow[]): string {
  const lines: string[] = []
  lines.push(`Measured ${meta.date} on Node ${meta.node}, ${meta.cpus} CPUs (${meta.cpuModel}), server in a separate process${QUICK ? ', QUICK run (small samples)' : ''}.`, '')
  lines.push('| Measure | Variant | Against | Ratio (median) | Range | Variant alone |', '| --- | --- | --- | --- | --- | --- |')
  for (const row of perCallRows) {
    lines.push(`| ${row.measure} | ${row.variant} | ${row.baseline} | ${fmt(row.median)}× | ${fmt(row.min)}–${fmt(row.max)} | ${fmt(row.value, row.unit === 'calls/s' ? 0 : 0)} ${row.unit} |`)
  }
  lines.push('', 'Latency rows are time ratios (lower is better); "50 in flight" rows are throughput ratios (higher is better).', '')
  lines.push('| Bulk job | Client | Workers | Limit | Faults | Ops | Seconds | Successful ops / allowed rate | Answered calls / allowed rate | 429s | Windows | Failed ops | Duplicates |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
  for (const row of bulkRows) {
    lines.push(`| creates then gets | ${row.client} | ${row.workers} | ${row.limit} | ${row.faults} | ${row.ops} | ${fmt(row.seconds, 1)} | ${fmt(row.steadyShare * 100, 1)}% | ${fmt(row.answeredShare * 100, 1)}% | ${row.tooMany} | ${row.windows} | ${row.failed} | ${row.duplicates} |`)
  }
  lines.push('', 'Rates are steady-state: from the end of the first window to the last op. A failed op is one the job gave up on (for executeTool: after a 5xx on a create, the job searches by email and creates again only when absent).')
  lines.push('', '| Walk | How | Calls | Items |', '| --- | --- | --- | --- |')
  for (const row of walkRows) lines.push(`| all ${row.what} | ${row.how} | ${row.calls} | ${row.items} |`)
  lines.push('', '| Start-up | Variant | Against | Ratio (median) | Range | Variant alone (ms) |', '| --- | --- | --- | --- | --- | --- |')
  for (const row of importRows) {
    lines.push(row.baseline === '(own time)' ? `| ${row.measure} | ${row.variant} | — | — | — | ${fmt(row.ms, 1)} |` : `| ${row.measure} | ${row.variant} | ${row.baseline} | ${fmt(row.median)}× | ${fmt(row.min)}–${fmt(row.max)} | ${fmt(row.ms, 1)} |`)
  }
  return `${lines.join('\n')}\n`
}

async function main(): Promise<void> {
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    quick: QUICK,
  }
  const server = await startServer({ rateLimit: { limit: 1_000_000_000, windowMs: 10_000 } })
  const first = (await (await fetch(`${server.url}/contacts?per_page=1`, { headers: { Authorization: `Bearer ${server.token}` } })).json()) as { data: Array<{ id: string }> }
  const contactId = first.data[0]!.id
  const perCallRows = [...(await perCall(server, contactId)), ...(await inMemory()), ...(await persistence())]
  const importRows = importTimes(server, contactId)
  await server.stop()

  const walkRows = await walks()

  const bulkRows: BulkResult[] = []
  const jobs: Array<[number, number, number, number]> = QUICK
    ? [[20, 20, 2_000, 40], [50, 20, 2_000, 40]]
    : [[20, 100, 10_000, 300], [50, 20, 2_000, 100]]
  for (const [workers, limit, windowMs, creates] of jobs) {
    for (const errorRate of [0, 0.05]) {
      for (const client of ['executeTool', 'intercom-client 7.0.3'] as const) {
        log(`bulk: ${client}, ${workers} workers, ${limit} per ${windowMs} ms, ${errorRate * 100}% faults`)
        bulkRows.push(await bulk(client, workers, limit, windowMs, creates, errorRate))
      }
    }
  }

  const table = markdown(meta, perCallRows, bulkRows, walkRows, importRows)
  const dir = join(ROOT, 'bench/results')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify({ meta, perCall: perCallRows, bulk: bulkRows, walks: walkRows, startup: importRows }, null, 2)}\n`)
  writeFileSync(join(dir, 'latest.md'), `# Benchmark results\n\n${table}`)
  const readmePath = join(ROOT, 'README.md')
  const readme = readFileSync(readmePath, 'utf8')
  const start = '<!-- bench:start -->'
  const end = '<!-- bench:end -->'
  if (!QUICK && readme.includes(start) && readme.includes(end)) {
    writeFileSync(readmePath, `${readme.slice(0, readme.indexOf(start) + start.length)}\n${table}${readme.slice(readme.indexOf(end))}`)
  }
  process.stdout.write(table)
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`)
  process.exitCode = 1
})
