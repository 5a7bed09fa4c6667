import { CliUsageError } from './io'

/** Edit distance between two names: insertions, deletions, substitutions and swaps of neighbours. */
function distance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  const at = (i: number, j: number) => (rows[i] as number[])[j] as number
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1)
      ;(rows[i] as number[])[j] = best
    }
  }
  return at(a.length, b.length)
}

/**
 * The known name closest to an unknown one: the same name in another case first, then the
 * nearest by edit distance (ignoring case, `-` and `_`), when it is near enough to be a typo.
 */
export function closestName(unknown: string, known: readonly string[]): string | undefined {
  const fold = (name: string) => name.toLowerCase().replace(/[-_]/g, '')
  const sameCase = known.find((name) => name.toLowerCase() === unknown.toLowerCase()) ?? known.find((name) => fold(name) === fold(unknown))
  if (sameCase) return sameCase
  let best: string | undefined
  let bestDistance = Infinity
  for (const name of known) {
    const d = distance(fold(unknown), fold(name))
    if (d < bestDistance) {
      best = name
      bestDistance = d
    }
  }
  const limit = Math.max(1, Math.floor(unknown.length / 3))
  return bestDistance <= limit ? best : undefined
}

/** The flags a command knows: those that take a value and those that stand alone. */
export interface KnownFlags {
  values: readonly string[]
  booleans?: readonly string[]
}

/**
 * Refuses any flag (`--flag`, `--flag=value`, `-x`) that is not known, before Node's parser
 * sees it, with one line naming the flag, what it was given to, and the nearest known flag.
 * `-h` stands for `--help` where `help` is known.
 *
 * @param what e.g. `intercom_get_contact` or `sandbox`
 * @param noun `parameter` for a tool's params, `option` for a command's options
 * @param hint one line saying where the known flags are listed
 */
export function refuseUnknownFlags(args: readonly string[], known: KnownFlags, what: string, noun: string, hint: string): void {
  const booleans = known.booleans ?? []
  const all = [...known.values, ...booleans]
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string
    if (arg === '--') return
    if (arg === '-h' && booleans.includes('help')) continue
    if (!arg.startsWith('-') || arg === '-') continue
    if (!arg.startsWith('--') && /^-\d/.test(arg)) continue
    const name = arg.replace(/^--?/, '').split('=')[0] as string
    if (known.values.includes(name)) {
      // The next word is this flag's value, even when it starts with a dash.
      if (!arg.includes('=')) index++
      continue
    }
    if (booleans.includes(name)) continue
    const near = closestName(name, all)
    throw new CliUsageError(`unknown ${noun} ${arg.split('=')[0]} for ${what}${near ? ` (did you mean --${near}?)` : ''}`, hint)
  }
}
