/**
 * The tools in the function-calling formats of OpenAI (Chat Completions and Responses) and
 * Anthropic (Messages), from the schemas of json-schema.ts, and one helper per format that runs a
 * model's tool call with `executeTool` and gives back what to send to the model. No SDK is loaded:
 * these are plain objects for the official clients.
 */
import { getTool } from '../tools/registry'
import { executeTool } from '../tools/executor'
import type { ToolContext, ToolError } from '../types'
import { agentToolSchema, type JsonSchema } from './json-schema'
import { selectTools, type ToolSelection } from './select'
import { fromStrictArguments, toStrictSchema } from './strict'

export interface OpenAiToolsOptions extends ToolSelection {
  /**
   * Which API the entries are for: Chat Completions (`{ type, function: { name, ... } }`) or the
   * Responses API (`{ type, name, ... }`).
   * @default 'chat'
   */
  api?: 'chat' | 'responses'
  /**
   * Offer the tools in strict mode (Structured Outputs): the model's arguments then always match
   * the schema. Optional params become nullable; run the calls with `runOpenAiToolCall(call,
   * context, { strict: true })` so that such a null means "left out". A tool whose params strict
   * mode cannot express is offered with `strict: false`.
   * @default false
   */
  strict?: boolean
}

/** A function definition for OpenAI's function calling. */
export interface OpenAiFunction {
  name: string
  description: string
  parameters: JsonSchema
  strict: boolean
}

/** A Chat Completions tool entry. */
export interface OpenAiChatTool {
  type: 'function'
  function: OpenAiFunction
}

/** A Responses API tool entry. */
export interface OpenAiResponsesTool extends OpenAiFunction {
  type: 'function'
}

function openAiFunctions(options: OpenAiToolsOptions): OpenAiFunction[] {
  return selectTools(options).map((tool) => {
    const { name, description, parameters } = agentToolSchema(tool)
    const strict = options.strict ? toStrictSchema(parameters) : undefined
    return { name, description, parameters: strict ?? parameters, strict: strict !== undefined }
  })
}

/**
 * The selected tools as OpenAI function-calling entries (Chat Completions by default).
 *
 * @throws UnknownToolError when `options.tools` names an id that is not a tool.
 * @example
 * const completion = await openai.chat.completions.create({ model, messages, tools: openAiTools({ strict: true }) })
 */
export function openAiTools(options?: OpenAiToolsOptions & { api?: 'chat' }): OpenAiChatTool[]
export function openAiTools(options: OpenAiToolsOptions & { api: 'responses' }): OpenAiResponsesTool[]
export function openAiTools(options: OpenAiToolsOptions = {}): OpenAiChatTool[] | OpenAiResponsesTool[] {
  const functions = openAiFunctions(options)
  if (options.api === 'responses') return functions.map((fn) => ({ type: 'function' as const, ...fn }))
  return functions.map((fn) => ({ type: 'function' as const, function: fn }))
}

/** A tool entry for Anthropic's Messages API. */
export interface AnthropicTool {
  name: string
  description: string
  input_schema: JsonSchema
}

/**
 * The selected tools as Anthropic tool entries (`{ name, description, input_schema }`).
 *
 * @throws UnknownToolError when `options.tools` names an id that is not a tool.
 * @example
 * const message = await anthropic.messages.create({ model, max_tokens: 1024, messages, tools: anthropicTools({ readOnly: true }) })
 */
export function anthropicTools(options: ToolSelection = {}): AnthropicTool[] {
  return selectTools(options).map((tool) => {
    const { name, description, parameters } = agentToolSchema(tool)
    return { name, description, input_schema: parameters }
  })
}

/** What a tool call resolves to: the output, or `{ error }`. */
export type ToolCallOutcome = { ok: true; output: Record<string, unknown> } | { ok: false; error: ToolError }

async function run(name: string, input: unknown, context: ToolContext, selection: ToolSelection | undefined): Promise<ToolCallOutcome> {
  if (selection && !selectTools(selection).some((tool) => tool.id === name)) {
    return { ok: false, error: { code: 'unknown_tool', message: `The tool ${JSON.stringify(name)} is not offered here.`, retryable: false } }
  }
  const result = await executeTool(name, input as Record<string, unknown>, context)
  return result.success ? { ok: true, output: result.output } : { ok: false, error: result.error }
}

/** A function call from OpenAI: a Chat Completions `tool_calls[i]` or a Responses API `function_call` item. */
export type OpenAiToolCall = { function: { name: string; arguments: string } } | { name: string; arguments: string }

export interface RunToolCallOptions {
  /** Set when the tools were offered with `strict: true`: a null for an optional param then means "left out". */
  strict?: boolean
  /** Refuse calls of tools outside this selection (pass the one the tools were offered with). */
  selection?: ToolSelection
}

/**
 * Runs an OpenAI function call and returns the text to send back as the tool's output: the
 * output as JSON, or `{"error": {...}}` naming what was wrong (invalid JSON arguments, a bad
 * param, Intercom's error), so that the model can correct itself. Never throws.
 *
 * @example
 * for (const call of completion.choices[0].message.tool_calls ?? []) {
 *   messages.push({ role: 'tool', tool_call_id: call.id, content: await runOpenAiToolCall(call, context, { strict: true }) })
 * }
 */
export async function runOpenAiToolCall(call: OpenAiToolCall, context: ToolContext, options: RunToolCallOptions = {}): Promise<string> {
  const { name, arguments: text } = 'function' in call ? call.function : call
  let args: unknown
  try {
    args = JSON.parse(text)
  } catch (error) {
    const message = `arguments: not valid JSON (${(error as Error).message})`
    return JSON.stringify({ error: { code: 'validation_error', field: 'arguments', message, retryable: false } satisfies ToolError })
  }
  const tool = getTool(name)
  if (options.strict && tool) args = fromStrictArguments(args, agentToolSchema(tool).parameters)
  const outcome = await run(name, args, context, options.selection)
  return JSON.stringify(outcome.ok ? outcome.output : { error: outcome.error })
}

/** A `tool_use` content block from Anthropic's Messages API. */
export interface AnthropicToolUse {
  id: string
  name: string
  input: unknown
}

/** The `tool_result` content block that answers a `tool_use`. */
export interface AnthropicToolResult {
  type: 'tool_result'
  tool_use_id: string
  /** The output as JSON, or `{"error": {...}}`. */
  content: string
  /** Present (true) when the call failed. */
  is_error?: true
}

/**
 * Runs an Anthropic `tool_use` block and returns the `tool_result` block to send back in the
 * next user message. Never throws: a failure is a result with `is_error: true` whose content is
 * the error object.
 *
 * @example
 * const results = await Promise.all(message.content.filter((block) => block.type === 'tool_use').map((block) => runAnthropicToolUse(block, context)))
 * messages.push({ role: 'user', content: results })
 */
export async function runAnthropicToolUse(block: AnthropicToolUse, context: ToolContext, options: Pick<RunToolCallOptions, 'selection'> = {}): Promise<AnthropicToolResult> {
  const outcome = await run(block.name, block.input, context, options.selection)
  if (outcome.ok) return { type: 'tool_result', tool_use_id: block.id, content: JSON.stringify(outcome.output) }
  return { type: 'tool_result', tool_use_id: block.id, content: JSON.stringify({ error: outcome.error }), is_error: true }
}
