import type { BlockConfig, ToolConfig, ToolResponse } from './sim-contract'

// Runs blocks the way SIM.md's last section says Sim does: resolve the block's values (references
// to earlier blocks' outputs, written <name.path>, substituted), call tools.config.tool(values)
// for the tool id and tools.config.params(values) for the params, merge the credential (the
// user-only sub-blocks), run the tool (directExecution if present, else request +
// transformResponse) and expose `output` to later blocks under the block's name.

export interface WorkflowStep {
  /** The block's name: later steps reference its output as <name.path>. */
  name: string
  values: Record<string, unknown>
}

export interface StepRun {
  name: string
  toolId: string
  response: ToolResponse
}

const REFERENCE = /<([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+)*)>/g

function pathValue(root: unknown, path: string[]): unknown {
  let current = root
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

/** Substitutes <name.path> references; a value that is one whole reference keeps its type. */
export function resolveValue(value: unknown, outputs: Map<string, unknown>): unknown {
  if (typeof value !== 'string') return value
  const whole = /^<([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+)*)>$/.exec(value)
  const lookup = (name: string, path: string) => {
    if (!outputs.has(name)) throw new Error(`reference to ${name}, which has not run`)
    return pathValue(outputs.get(name), path.split('.').filter(Boolean))
  }
  if (whole) return lookup(whole[1] as string, whole[2] ?? '')
  return value.replace(REFERENCE, (_, name: string, path: string) => String(lookup(name, path)))
}

/** Runs one block with resolved values. */
export async function runSimBlock(
  block: BlockConfig,
  tools: Record<string, ToolConfig>,
  values: Record<string, unknown>,
): Promise<{ toolId: string; response: ToolResponse }> {
  const config = block.tools.config
  if (!config) throw new Error(`${block.type} has no tools.config`)
  const toolId = config.tool(values)
  if (!block.tools.access.includes(toolId)) throw new Error(`${toolId} is not in tools.access`)
  const params: Record<string, unknown> = config.params ? config.params(values) : { ...values }
  for (const subBlock of block.subBlocks) {
    if (subBlock.paramVisibility === 'user-only' && values[subBlock.id] !== undefined) params[subBlock.id] = values[subBlock.id]
  }
  const tool = tools[toolId]
  if (!tool) throw new Error(`no tool ${toolId}`)
  if (tool.directExecution) return { toolId, response: await tool.directExecution(params) }
  const url = typeof tool.request.url === 'function' ? tool.request.url(params) : tool.request.url
  const method = typeof tool.request.method === 'function' ? tool.request.method(params) : tool.request.method
  const body = tool.request.body?.(params)
  const response = await fetch(url, {
    method,
    headers: tool.request.headers(params),
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  if (!tool.transformResponse) return { toolId, response: { success: response.ok, output: (await response.json()) as Record<string, unknown> } }
  return { toolId, response: await tool.transformResponse(response, params) }
}

/** Runs the steps in order, stopping at the first failure; returns every step's run. */
export async function runSimWorkflow(
  block: BlockConfig,
  tools: Record<string, ToolConfig>,
  steps: WorkflowStep[],
): Promise<StepRun[]> {
  const outputs = new Map<string, unknown>()
  const runs: StepRun[] = []
  for (const step of steps) {
    const values = Object.fromEntries(Object.entries(step.values).map(([id, value]) => [id, resolveValue(value, outputs)]))
    const { toolId, response } = await runSimBlock(block, tools, values)
    runs.push({ name: step.name, toolId, response })
    if (!response.success) break
    outputs.set(step.name, response.output)
  }
  return runs
}
