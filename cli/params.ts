import { BlockValueError } from '../blocks/errors'
import { coerceParamText } from '../blocks/intercom'
import { FORBIDDEN_KEY_MESSAGE, forbiddenKeyPath } from '../tools/params'
import type { AnyToolDefinition } from '../types'
import { CliUsageError } from './io'

/**
 * The params of `run`: the `--params` JSON object, then each `--<param> value` flag, read with
 * the block's coercion rules ("25" → 25, "false" → false, JSON text → object). A param given both
 * ways, JSON that is not an object, or a value that cannot be read is a usage error naming it.
 */
export function cliParams(tool: AnyToolDefinition, flags: Record<string, string | undefined>, paramNames: string[]): Record<string, unknown> {
  let params: Record<string, unknown> = {}
  if (flags.params !== undefined) {
    let parsed: unknown
    try {
      parsed = JSON.parse(flags.params)
    } catch (error) {
      throw new CliUsageError(`--params is not valid JSON (${(error as Error).message})`)
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new CliUsageError('--params must be a JSON object of named params, e.g. --params \'{"per_page": 5}\'')
    }
    const forbidden = forbiddenKeyPath(parsed)
    if (forbidden) {
      const where = forbidden.length > 1 ? ` at ${forbidden.slice(0, -1).map(String).join('.')}` : ''
      throw new CliUsageError(`--params ${FORBIDDEN_KEY_MESSAGE}${where}`)
    }
    params = { ...(parsed as Record<string, unknown>) }
  }
  const text: Record<string, string> = {}
  for (const name of paramNames) {
    const value = flags[name]
    if (value === undefined) continue
    if (Object.hasOwn(params, name)) throw new CliUsageError(`${name} is given both as --${name} and inside --params; give it once`)
    text[name] = value
  }
  try {
    return { ...params, ...coerceParamText(tool.id, text) }
  } catch (error) {
    if (error instanceof BlockValueError) throw new CliUsageError(`--${error.message}`)
    throw error
  }
}
