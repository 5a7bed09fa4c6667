/**
 * What the playground page and its server say to each other, and the one rule they share: how a
 * field refers to an earlier block's output. Pure, with no imports, so that the page's bundle
 * and the server both use it.
 *
 * A reference is `{{<block>.<path>}}`, e.g. `{{block1.id}}` or `{{block2.contacts.0.email}}`:
 * the output of an earlier block of the chain, then property names (or array positions) separated
 * by dots. A value that is one reference and nothing else takes the referenced value as it is (a
 * number stays a number); a reference inside other text is replaced by its text (objects and
 * arrays by their JSON).
 */

/** One block of the chain, as the page sends it: its instance id and its field values. */
export interface ChainBlock {
  /** The instance id shown on the canvas, e.g. `block1` (`trigger` for the trigger); references name it. */
  id: string
  /**
   * `trigger`: the block used as a trigger (first in the chain only). It fires with its trigger's
   * sample event, signed and passed through the real webhook handler.
   * @default 'action'
   */
  kind?: 'action' | 'trigger'
  values: Record<string, unknown>
}

/** Where the chain runs: the embedded sandbox (no token), or Intercom with a token and region. */
export interface Connection {
  accessToken?: string
  region?: string
}

/** `POST /api/run`. */
export interface RunRequest {
  blocks: ChainBlock[]
  connection?: Connection
}

/** The error shape of a failed block (the executor's error object). */
export interface PlaygroundError {
  code: string
  message: string
  field?: string
  status?: number
  requestId?: string
  retryable?: boolean
}

/** What became of one block of the chain. */
export type BlockOutcome =
  | { id: string; status: 'success'; output: Record<string, unknown> }
  | { id: string; status: 'error'; error: PlaygroundError }
  | { id: string; status: 'skipped'; reason: string }

/** `POST /api/run`'s answer: one outcome per block, in chain order. */
export interface RunResponse {
  results: BlockOutcome[]
}

/** `POST /api/options`. */
export interface OptionsRequest {
  fieldId: string
  values?: Record<string, unknown>
  connection?: Connection
}

const REFERENCE = /\{\{\s*([A-Za-z][\w-]*)((?:\.[^.{}\s]+)+)\s*\}\}/g
const WHOLE_REFERENCE = /^\{\{\s*([A-Za-z][\w-]*)((?:\.[^.{}\s]+)+)\s*\}\}$/

/** A reference that cannot be resolved: names the field and says why. */
export class ChainReferenceError extends Error {
  override name = 'ChainReferenceError'
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

/** The references a text holds, as `{ block, path }`, in order. */
export function referencesIn(text: string): Array<{ block: string; path: string[] }> {
  return [...text.matchAll(REFERENCE)].map((match) => ({ block: match[1] as string, path: (match[2] as string).slice(1).split('.') }))
}

function lookup(field: string, source: string, outputs: ReadonlyMap<string, unknown>, block: string, path: string[]): unknown {
  if (!outputs.has(block)) {
    throw new ChainReferenceError(field, `${field}: ${source} refers to ${block}, which is not an earlier block of this chain that succeeded`)
  }
  let value: unknown = outputs.get(block)
  for (const [index, key] of path.entries()) {
    const container = value
    const own =
      container !== null && typeof container === 'object' && Object.prototype.hasOwnProperty.call(container, key) && (!Array.isArray(container) || /^\d+$/.test(key))
    if (!own) {
      const where = [block, ...path.slice(0, index)].join('.')
      throw new ChainReferenceError(field, `${field}: ${source}: ${where} has no ${JSON.stringify(key)}`)
    }
    value = (container as Record<string, unknown>)[key]
  }
  if (value === undefined) throw new ChainReferenceError(field, `${field}: ${source} has no value`)
  return value
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/**
 * Replaces the references in a block's values with the outputs of earlier blocks. `outputs`
 * holds, by block id, the output of every earlier block that succeeded. Throws a
 * `ChainReferenceError` naming the field when a reference points at no such block or no such value:
 * a value is never silently left unresolved or emptied.
 */
export function resolveReferences(values: Record<string, unknown>, outputs: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const resolved: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(values)) {
    if (typeof value !== 'string' || !value.includes('{{')) {
      resolved[field] = value
      continue
    }
    const whole = WHOLE_REFERENCE.exec(value)
    if (whole) {
      resolved[field] = lookup(field, value.trim(), outputs, whole[1] as string, (whole[2] as string).slice(1).split('.'))
      continue
    }
    resolved[field] = value.replace(REFERENCE, (source, block: string, path: string) => asText(lookup(field, source, outputs, block, path.slice(1).split('.'))))
  }
  return resolved
}
