/**
 * A small seeded PRNG (mulberry32). Its whole state is one 32-bit integer, so it can be saved
 * with the workspace and resumed. Never Math.random: the same seed gives the same data.
 */
export class Rng {
  constructor(public state: number) {
    this.state = state >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** True with the given probability. */
  chance(probability: number): boolean {
    return this.next() < probability
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('pick from an empty array')
    return item
  }

  /** `count` distinct elements, in a random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items]
    const out: T[] = []
    while (out.length < count && pool.length > 0) {
      const index = Math.floor(this.next() * pool.length)
      out.push(...pool.splice(index, 1))
    }
    return out
  }

  /** `length` lowercase hex digits. */
  hex(length: number): string {
    let out = ''
    while (out.length < length) out += Math.floor(this.next() * 16).toString(16)
    return out
  }
}

/**
 * A 24-character lowercase hex id shaped like Intercom's contact and company ids (Mongo
 * ObjectIds): 8 hex digits of the creation time, then 16 random ones.
 */
export function objectId(rng: Rng, createdAt: number): string {
  const time = (createdAt >>> 0).toString(16).padStart(8, '0').slice(-8)
  return time + rng.hex(16)
}
