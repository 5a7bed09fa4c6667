/**
 * The `data` file: the workspace as a base snapshot (`<file>`) plus an append-only journal
 * (`<file>.journal`) of the changes made since.
 *
 * - A save appends one line to the journal, holding only what the answered request changed (the
 *   records it touched, the ids it removed), and fsyncs it before the sandbox answers: an
 *   acknowledged write survives `kill -9`. The cost of a save follows the size of the change,
 *   not the size of the workspace.
 * - When the journal has grown past the base (and a minimum), the base is rewritten atomically
 *   (temporary file, fsync, rename) with a new generation number, then the journal is replaced by
 *   an empty one of that generation. A journal of an older generation than its base is ignored, so
 *   a crash between the two steps loses nothing and replays nothing twice.
 * - At start, temporary files left by a crash are removed, and a journal line cut short by a
 *   crash (a save that was never acknowledged) is dropped.
 * - One process at a time: `<file>.lock` holds the owner's pid; a second sandbox on the same file
 *   is refused while the owner lives, and a lock left by a killed process is taken over.
 *
 * Changes are found by wrapping the workspace in proxies that note which record (or top-level
 * value) each write touches, so handlers need not report what they change.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { SandboxData } from './types'

const FORMAT = 'intercom-blocks-sandbox'
const FORMAT_VERSION = 1
const JOURNAL_FORMAT = 'intercom-blocks-sandbox-journal'
/** The journal is folded into the base once it is larger than the base and than this, so a compaction's cost is spread over at least as many bytes of changes. */
const DEFAULT_COMPACT_BYTES = 256 * 1024
/** Overrides the journal size past which it is folded into the base (tests exercise compaction with it). */
export const COMPACT_BYTES_ENV = 'INTERCOM_BLOCKS_SANDBOX_COMPACT_BYTES'

let temps = 0

interface DataFile {
  format: typeof FORMAT
  version: typeof FORMAT_VERSION
  /** Which journal belongs to this base. Absent in files written before the journal: 0. */
  generation?: number
  data: SandboxData
}

type ListKey = { [K in keyof SandboxData]: SandboxData[K] extends unknown[] ? K : never }[keyof SandboxData]
type Op =
  | ['put', string, Record<string, unknown>]
  | ['del', string, string]
  | ['order', string, string[]]
  | ['append', string, unknown[]]
  | ['list', string, unknown[]]
  | ['set', string, unknown]

const LISTS = ['admins', 'teams', 'tags', 'data_attributes', 'contacts', 'notes', 'companies', 'conversations', 'ticket_types', 'tickets', 'events'] as const satisfies readonly ListKey[]

/** The lock file that keeps a second process off a data file. */
export function lockPath(path: string): string {
  return `${path}.lock`
}

/** Another live process has the data file open. */
export class DataFileBusyError extends Error {
  override name = 'DataFileBusyError'
  readonly code = 'EDATAFILEBUSY'
  readonly pid: number

  constructor(path: string, pid: number) {
    super(`The sandbox data file ${path} is in use by process ${pid}; two sandboxes cannot share one file`)
    this.pid = pid
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes the data file for this process: two processes appending to one journal (and compacting
 * it under each other) would lose acknowledged writes. A lock left by a process that is gone
 * (killed) is taken over. Returns the release function.
 */
function lockDataFile(path: string): () => void {
  const lock = lockPath(path)
  mkdirSync(dirname(lock), { recursive: true })
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lock, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(lock, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    let holder = Number.NaN
    try {
      holder = Number(readFileSync(lock, 'utf8').trim())
    } catch {
      // Gone in between: try again.
    }
    // The same process counts as a holder too: two sandboxes of one process on one file.
    if (Number.isInteger(holder) && holder > 0 && (holder === process.pid || alive(holder))) throw new DataFileBusyError(path, holder)
    rmSync(lock, { force: true })
  }
  throw new Error(`Could not take the lock ${lock}`)
}

/** The journal's path next to a data file. */
export function journalPath(path: string): string {
  return `${path}.journal`
}

function readBase(path: string): { data: SandboxData; generation: number; bytes: number } | undefined {
  if (!existsSync(path)) return undefined
  const text = readFileSync(path, 'utf8')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new Error(`The sandbox data file ${path} is not valid JSON (${(error as Error).message}); move it away to start from the seed`)
  }
  const file = parsed as Partial<DataFile> | null
  if (!file || file.format !== FORMAT || file.version !== FORMAT_VERSION || typeof file.data !== 'object' || file.data === null) {
    throw new Error(`${path} is not a sandbox data file (format ${FORMAT} version ${FORMAT_VERSION})`)
  }
  const data = file.data
  if (!LISTS.every((key) => Array.isArray(data[key])) || typeof data.counters !== 'object' || data.admins.length === 0) {
    throw new Error(`${path} is a sandbox data file with missing parts`)
  }
  const generation = typeof file.generation === 'number' ? file.generation : 0
  return { data, generation, bytes: Buffer.byteLength(text) }
}

/** The saved workspace with its journal replayed, or undefined when the file does not exist. Throws on a corrupt file. */
export function loadDataFile(path: string): SandboxData | undefined {
  const base = readBase(path)
  if (!base) return undefined
  replayJournal(journalPath(path), base.data, base.generation)
  return base.data
}

/**
 * Applies the journal's complete lines to the data. Returns the byte length of the part to keep
 * (a torn last line is cut off), or undefined when there is no journal of this generation.
 */
function replayJournal(path: string, data: SandboxData, generation: number): { keep: number } | undefined {
  if (!existsSync(path)) return undefined
  const text = readFileSync(path, 'utf8')
  const lines = text.split('\n')
  let offset = 0
  type Header = { format?: unknown; generation?: unknown }
  let header: Header | undefined
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string
    const complete = index < lines.length - 1
    let parsed: unknown
    try {
      parsed = complete ? JSON.parse(line) : undefined
    } catch {
      parsed = undefined
    }
    if (parsed === undefined) {
      // Only the last line may be cut short by a crash; anything else is damage.
      const rest = lines.slice(index + 1).join('\n')
      if (line === '' && rest === '') break
      if (rest.trim() === '') break
      throw new Error(`The sandbox journal ${path} is damaged at line ${index + 1}; move it away to keep only the base file`)
    }
    if (!header) {
      header = parsed as Header
      if (header.format !== JOURNAL_FORMAT) throw new Error(`${path} is not a sandbox journal`)
      // A journal older than its base was already folded into it (a crash during compaction).
      if (header.generation !== generation) return undefined
    } else {
      for (const op of parsed as Op[]) applyOp(data, op)
    }
    offset += Buffer.byteLength(line) + 1
  }
  if (!header) return undefined
  return { keep: offset }
}

function applyOp(data: SandboxData, op: Op): void {
  const lists = data as unknown as Record<string, unknown[]>
  switch (op[0]) {
    case 'put': {
      const list = lists[op[1]] ?? (lists[op[1]] = [])
      const record = op[2]
      const at = list.findIndex((item) => (item as { id?: unknown }).id === record.id)
      if (at === -1) list.push(record)
      else list[at] = record
      return
    }
    case 'del': {
      const list = lists[op[1]]
      if (list) lists[op[1]] = list.filter((item) => (item as { id?: unknown }).id !== op[2])
      return
    }
    case 'order': {
      const list = lists[op[1]] ?? []
      const byId = new Map(list.map((item) => [(item as { id: string }).id, item]))
      lists[op[1]] = op[2].map((id) => byId.get(id)).filter((item) => item !== undefined)
      return
    }
    case 'append':
      ;(lists[op[1]] ?? (lists[op[1]] = [])).push(...op[2])
      return
    case 'list':
      lists[op[1]] = op[2]
      return
    case 'set':
      ;(data as unknown as Record<string, unknown>)[op[1]] = op[2]
      return
  }
}

/** Writes a file atomically: temp file in the same folder, fsync, rename, folder fsync. */
function writeAtomically(path: string, text: string): void {
  const folder = dirname(path)
  mkdirSync(folder, { recursive: true })
  temps += 1
  const temp = join(folder, `.${basename(path)}.${process.pid}.${temps}.tmp`)
  const fd = openSync(temp, 'wx')
  try {
    writeSync(fd, text)
    fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    rmSync(temp, { force: true })
    throw error
  }
  closeSync(fd)
  try {
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
  syncFolder(folder)
}

/** Writes the whole workspace as a base file of a generation, atomically. Returns its size. */
export function saveDataFile(path: string, data: SandboxData, generation = 0): number {
  const file: DataFile = { format: FORMAT, version: FORMAT_VERSION, generation, data }
  const text = JSON.stringify(file)
  writeAtomically(path, text)
  return Buffer.byteLength(text)
}

/** Flushes a rename where the platform allows it (not on Windows). */
function syncFolder(folder: string): void {
  let fd: number | undefined
  try {
    fd = openSync(folder, 'r')
    fsyncSync(fd)
  } catch {
    // Folders cannot be opened or synced on every platform; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** Removes temporary files a crash left next to the data file (ours are `.<name>.<pid>.<n>.tmp`). */
function removeLeftovers(path: string): string[] {
  const folder = dirname(path)
  if (!existsSync(folder)) return []
  const prefixes = [`.${basename(path)}.`, `.${basename(journalPath(path))}.`]
  const removed: string[] = []
  for (const name of readdirSync(folder)) {
    if (name.endsWith('.tmp') && prefixes.some((prefix) => name.startsWith(prefix)) && /\.\d+\.\d+\.tmp$/.test(name)) {
      rmSync(join(folder, name), { force: true })
      removed.push(name)
    }
  }
  return removed
}

/** The journal size past which it is folded into the base: the env override, else the base size (at least a minimum). */
function compactAt(baseBytes: number): number {
  const value = Number(process.env[COMPACT_BYTES_ENV])
  return Number.isInteger(value) && value > 0 ? value : Math.max(baseBytes, DEFAULT_COMPACT_BYTES)
}

/** A workspace kept in a data file: the data to hand to the store, and the save hook. */
export interface PersistedWorkspace {
  /** The workspace wrapped so that every change is noted: give this to the store. */
  readonly tracked: SandboxData
  /** The same workspace unwrapped (snapshots, structuredClone). */
  readonly raw: SandboxData
  /** Appends what changed since the last save to the journal and flushes it to disk. */
  save(): void
  /** Bytes written by the last save (journal line, or base and journal after a compaction). */
  readonly lastSaveBytes: number
  /** Closes the journal. */
  close(): void
}

/**
 * Opens (or creates from `seed`) the data file at `path`: cleans up after a crash, loads the base,
 * replays the journal and prepares the journal for appending.
 */
export function openDataFile(path: string, seed: () => SandboxData): PersistedWorkspace {
  const unlock = lockDataFile(path)
  try {
    return openLocked(path, seed, unlock)
  } catch (error) {
    unlock()
    throw error
  }
}

function openLocked(path: string, seed: () => SandboxData, unlock: () => void): PersistedWorkspace {
  removeLeftovers(path)
  const journal = journalPath(path)
  const base = readBase(path)
  let generation: number
  let baseBytes: number
  let data: SandboxData
  let journalBytes: number
  if (!base) {
    data = seed()
    generation = 0
    baseBytes = saveDataFile(path, data, generation)
    journalBytes = writeJournalHeader(journal, generation)
  } else {
    data = base.data
    generation = base.generation
    baseBytes = base.bytes
    const replayed = replayJournal(journal, data, generation)
    if (replayed) {
      journalBytes = replayed.keep
      if (statSync(journal).size !== journalBytes) {
        // Cut off a line a crash left half written, so the next line starts clean.
        const cut = openSync(journal, 'r+')
        try {
          ftruncateSync(cut, journalBytes)
          fsyncSync(cut)
        } finally {
          closeSync(cut)
        }
      }
    } else {
      journalBytes = writeJournalHeader(journal, generation)
    }
  }
  let fd = openSync(journal, 'a')

  const tracker = trackChanges(data)
  let lastSaveBytes = 0
  let closed = false

  function compact(): void {
    generation += 1
    baseBytes = saveDataFile(path, data, generation)
    closeSync(fd)
    journalBytes = writeJournalHeader(journal, generation)
    fd = openSync(journal, 'a')
    lastSaveBytes += baseBytes + journalBytes
  }

  return {
    tracked: tracker.proxy,
    raw: data,
    get lastSaveBytes() {
      return lastSaveBytes
    },
    save() {
      if (closed) throw new Error('the sandbox data file is closed')
      const ops = tracker.take()
      if (ops.length === 0) {
        lastSaveBytes = 0
        return
      }
      const line = `${JSON.stringify(ops)}\n`
      writeSync(fd, line)
      fsyncSync(fd)
      journalBytes += Buffer.byteLength(line)
      lastSaveBytes = Buffer.byteLength(line)
      if (journalBytes > compactAt(baseBytes)) compact()
    },
    close() {
      if (closed) return
      closed = true
      closeSync(fd)
      unlock()
    },
  }
}

function writeJournalHeader(path: string, generation: number): number {
  const text = `${JSON.stringify({ format: JOURNAL_FORMAT, generation })}\n`
  writeAtomically(path, text)
  return Buffer.byteLength(text)
}

// ---------------------------------------------------------------------------------------------
// Change tracking

interface Owner {
  /** The top-level key of the workspace the value lives under. */
  top: string
  /** The list record the value lives in, when under a list. */
  record?: object
}

interface ListState {
  refs: Set<object>
  ids: string[] | undefined
}

/**
 * Wraps the workspace so that every write notes what it touched: a record of a list, the list
 * itself (a record added, removed or moved), or a top-level value. `take()` turns the notes into
 * journal operations and starts over.
 */
function trackChanges(data: SandboxData) {
  const root = data as unknown as Record<string, unknown>
  const proxies = new WeakMap<object, object>()
  const targets = new WeakMap<object, object>()
  const dirtyRecords = new Map<string, Set<object>>()
  const dirtyLists = new Set<string>()
  const dirtyValues = new Set<string>()
  const lists = new Map<string, ListState>()

  const remember = (key: string) => {
    const list = root[key]
    if (!Array.isArray(list)) {
      lists.delete(key)
      return
    }
    const ids = list.every((item) => typeof (item as { id?: unknown })?.id === 'string') ? list.map((item) => (item as { id: string }).id) : undefined
    lists.set(key, { refs: new Set(list as object[]), ids: ids && new Set(ids).size === ids.length ? ids : undefined })
  }
  for (const key of Object.keys(root)) remember(key)

  const unwrap = (value: unknown, seen = new Set<object>()): unknown => {
    if (value === null || typeof value !== 'object') return value
    // A proxy's target is part of the workspace already, and the workspace holds no proxies.
    const target = targets.get(value)
    if (target) return target
    if (seen.has(value)) return value
    seen.add(value)
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key]
      if (child !== null && typeof child === 'object') {
        const inner = unwrap(child, seen)
        if (inner !== child) (value as Record<string, unknown>)[key] = inner
      }
    }
    return value
  }

  const mark = (owner: Owner | undefined, key: PropertyKey) => {
    if (!owner) {
      if (typeof key !== 'string') return
      if (Array.isArray(root[key]) || lists.has(key)) dirtyLists.add(key)
      else dirtyValues.add(key)
      return
    }
    if (owner.record) {
      let set = dirtyRecords.get(owner.top)
      if (!set) dirtyRecords.set(owner.top, (set = new Set()))
      set.add(owner.record)
    } else if (lists.has(owner.top) && Array.isArray(root[owner.top])) dirtyLists.add(owner.top)
    else dirtyValues.add(owner.top)
  }

  const wrap = (value: object, owner: Owner | undefined): object => {
    const existing = proxies.get(value)
    if (existing) return existing
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        const child = Reflect.get(target, key, receiver)
        if (child === null || typeof child !== 'object' || typeof key === 'symbol') return child
        if (!Object.hasOwn(target, key)) return child
        let next: Owner
        if (!owner) next = { top: key }
        else if (!owner.record && Array.isArray(target) && Array.isArray(root[owner.top])) next = { top: owner.top, record: child }
        else next = owner
        return wrap(child, next)
      },
      set(target, key, value) {
        mark(owner, key)
        return Reflect.set(target, key, unwrap(value))
      },
      deleteProperty(target, key) {
        mark(owner, key)
        return Reflect.deleteProperty(target, key)
      },
      defineProperty(target, key, descriptor) {
        mark(owner, key)
        const copy = { ...descriptor }
        if ('value' in copy) copy.value = unwrap(copy.value)
        return Reflect.defineProperty(target, key, copy)
      },
    })
    proxies.set(value, proxy)
    targets.set(proxy, value)
    return proxy
  }

  function listOps(key: string): Op[] {
    const list = root[key]
    const before = lists.get(key)
    const touched = dirtyRecords.get(key) ?? new Set<object>()
    if (!Array.isArray(list)) return [['set', key, list]]
    const ids = list.every((item) => typeof (item as { id?: unknown })?.id === 'string') ? list.map((item) => (item as { id: string }).id) : undefined
    const unique = ids !== undefined && new Set(ids).size === ids.length
    if (before?.ids && ids && unique) {
      const now = new Set(ids)
      const had = new Set(before.ids)
      const ops: Op[] = []
      for (const id of before.ids) if (!now.has(id)) ops.push(['del', key, id])
      for (const item of list as object[]) {
        if (touched.has(item) || !before.refs.has(item)) ops.push(['put', key, item as Record<string, unknown>])
      }
      const expected = [...before.ids.filter((id) => now.has(id)), ...ids.filter((id) => !had.has(id))]
      if (expected.length !== ids.length || expected.some((id, index) => id !== ids[index])) ops.push(['order', key, ids])
      return ops
    }
    // Lists without ids (events): an append is written as one; anything else rewrites the list.
    if (before) {
      const old = [...before.refs]
      const prefix = old.length <= list.length && old.every((item, index) => list[index] === item && !touched.has(item))
      if (prefix) return list.length > old.length ? [['append', key, list.slice(old.length)]] : []
    }
    return [['list', key, list]]
  }

  return {
    proxy: wrap(data, undefined) as SandboxData,
    take(): Op[] {
      const ops: Op[] = []
      const keys = new Set([...dirtyLists, ...dirtyRecords.keys()])
      for (const key of keys) {
        ops.push(...listOps(key))
        remember(key)
      }
      for (const key of dirtyValues) {
        if (keys.has(key)) continue
        ops.push(['set', key, root[key]])
        remember(key)
      }
      dirtyLists.clear()
      dirtyRecords.clear()
      dirtyValues.clear()
      return ops
    },
  }
}
