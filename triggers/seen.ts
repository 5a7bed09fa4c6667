import type { SeenStore } from '../types'

/** The options of `createMemorySeenStore`. */
export interface MemorySeenStoreOptions {
  /**
   * The most ids kept. When full, the oldest claim is forgotten first: a delivery of that id
   * after it was forgotten would be processed again, so keep this above the number of
   * notifications the endpoint receives within the time-to-live.
   * @default 100_000
   */
  maxEntries?: number
  /** The clock, in milliseconds (tests). @default Date.now */
  now?: () => number
}

interface Entry {
  expiresAt: number
}

/**
 * A `SeenStore` in this process's memory, bounded by time (each id expires after the `ttlMs` it
 * was claimed with) and by size (`maxEntries`, oldest first). Enough for one process; hosts that
 * run several processes behind one endpoint need a shared store (Redis, a database).
 */
export function createMemorySeenStore(options: MemorySeenStoreOptions = {}): SeenStore & { readonly size: number } {
  const maxEntries = options.maxEntries ?? 100_000
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) throw new TypeError('maxEntries must be a positive integer')
  const now = options.now ?? Date.now
  // A Map keeps insertion order: the first key is the oldest claim.
  const entries = new Map<string, Entry>()

  function sweep(at: number): void {
    // Claims are kept in claim order, so expired ones sit at the front (with one time-to-live
    // for all, which is the handler's case; a longer-lived id in front only delays the sweep).
    for (const [id, entry] of entries) {
      if (entry.expiresAt > at) break
      entries.delete(id)
    }
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next()
      if (oldest.done) break
      entries.delete(oldest.value)
    }
  }

  return {
    get size() {
      return entries.size
    },
    async claim(id, ttlMs) {
      if (typeof id !== 'string' || id === '') throw new TypeError('claim: id must be a non-empty string')
      if (!(typeof ttlMs === 'number' && ttlMs > 0 && Number.isFinite(ttlMs))) throw new TypeError('claim: ttlMs must be a positive number')
      const at = now()
      const existing = entries.get(id)
      if (existing && existing.expiresAt > at) return false
      entries.delete(id)
      entries.set(id, { expiresAt: at + ttlMs })
      sweep(at)
      return true
    },
    async release(id) {
      entries.delete(id)
    },
  }
}
