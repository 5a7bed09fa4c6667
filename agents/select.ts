import type { AnyToolDefinition } from '../types'
import { getTool, listTools } from '../tools/registry'

/** Which tools an agent face offers. Every option narrows the registry; none given means all. */
export interface ToolSelection {
  /**
   * Only these tool ids, in registry order. An id that is not a tool throws (naming it), so a
   * typo never silently leaves an agent without a tool.
   */
  tools?: readonly string[]
  /**
   * Only tools that only read (annotated read-only).
   * @default false
   */
  readOnly?: boolean
  /**
   * Leave out tools that delete or overwrite (annotated destructive).
   * @default false
   */
  excludeDestructive?: boolean
}

/** An id given in a selection that is not a tool. */
export class UnknownToolError extends Error {
  override name = 'UnknownToolError'
  /** The ids that are not tools. */
  readonly ids: string[]

  constructor(ids: string[]) {
    super(`Unknown tool id${ids.length > 1 ? 's' : ''}: ${ids.join(', ')}. listTools() (or \`intercom-blocks tools\`) lists the tool ids.`)
    this.ids = ids
  }
}

/**
 * The registry's tools that a selection keeps, in registry order.
 *
 * @throws UnknownToolError when `tools` names an id that is not a tool.
 */
export function selectTools(selection: ToolSelection = {}): AnyToolDefinition[] {
  const { tools, readOnly = false, excludeDestructive = false } = selection
  let wanted: Set<string> | undefined
  if (tools !== undefined) {
    if (!Array.isArray(tools)) throw new TypeError('tools must be an array of tool ids')
    const unknown = tools.filter((id) => typeof id !== 'string' || !getTool(id))
    if (unknown.length > 0) throw new UnknownToolError(unknown.map(String))
    wanted = new Set(tools)
  }
  return listTools().filter(
    (tool) => (!wanted || wanted.has(tool.id)) && (!readOnly || tool.annotations.readOnly) && (!excludeDestructive || !tool.annotations.destructive),
  )
}
