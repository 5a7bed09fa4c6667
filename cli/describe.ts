import { toolJsonSchema } from '../agents/json-schema'
import { outputFieldsOf, paramsOf, type OutputField } from '../blocks/schema'
import type { AnyToolDefinition } from '../types'

function flagsOf(tool: AnyToolDefinition): string {
  const { readOnly, destructive, idempotent } = tool.annotations
  return [readOnly ? 'read-only' : 'writes', destructive ? 'destructive' : '', idempotent ? 'idempotent' : 'not idempotent'].filter(Boolean).join(', ')
}

/** What a tool does to the workspace, as the `tools` list marks it. */
function effectOf(tool: AnyToolDefinition): 'read-only' | 'writes' | 'destructive' {
  if (tool.annotations.readOnly) return 'read-only'
  return tool.annotations.destructive ? 'destructive' : 'writes'
}

/**
 * The first sentence of a description: up to the first full stop followed by a capital letter,
 * not counting the stops of abbreviations such as "e.g." and "i.e.".
 */
export function summaryOf(description: string): string {
  const end = /(?<!\b(?:e\.g|i\.e|etc|vs|approx|incl))\.\s+(?=[A-Z(])/.exec(description)
  return end ? description.slice(0, end.index + 1) : description
}

/** `intercom-blocks tools`: one line per tool, or a JSON array. */
export function toolList(tools: readonly AnyToolDefinition[], json: boolean): string {
  if (json) {
    const rows = tools.map((tool) => ({
      id: tool.id,
      name: tool.name,
      readOnly: tool.annotations.readOnly,
      destructive: tool.annotations.destructive,
      idempotent: tool.annotations.idempotent,
      description: tool.description,
    }))
    return `${JSON.stringify(rows, null, 2)}\n`
  }
  const width = Math.max(...tools.map((tool) => tool.id.length))
  const effectWidth = 'destructive'.length
  return `${tools.map((tool) => `${tool.id.padEnd(width)}  ${effectOf(tool).padEnd(effectWidth)}  ${summaryOf(tool.description)}`).join('\n')}\n`
}

function outputLines(fields: OutputField[], depth: number): string[] {
  return fields.flatMap((field) => [
    `${'  '.repeat(depth + 1)}${depth > 0 ? '↳ ' : ''}${field.name} (${field.type})${field.description ? `: ${field.description}` : ''}`,
    ...outputLines(field.children, depth + 1),
  ])
}

/** `intercom-blocks describe <id>`: a tool's params and outputs, as text or as JSON. */
export function describeTool(tool: AnyToolDefinition, json: boolean): string {
  const outputs = outputFieldsOf(tool)
  if (json) {
    return `${JSON.stringify({ id: tool.id, name: tool.name, description: tool.description, annotations: tool.annotations, route: tool.route, parameters: toolJsonSchema(tool.id), outputs }, null, 2)}\n`
  }
  const params = paramsOf(tool)
  const lines = [
    `${tool.id}: ${tool.name} (${flagsOf(tool)})`,
    `${tool.route}`,
    '',
    tool.description,
    '',
    'Params (pass as --<name> value, or all at once with --params \'<json>\'):',
    ...(params.length === 0
      ? ['  none']
      : params.map((param) => `  --${param.name} (${param.kind}${param.enumValues ? `: ${param.enumValues.join('|')}` : ''}${param.required ? ', required' : ''})  ${param.description}`)),
    '',
    'Output (printed as JSON; the result also has success: true or false):',
    ...outputLines(outputs, 0),
  ]
  return `${lines.join('\n')}\n`
}
