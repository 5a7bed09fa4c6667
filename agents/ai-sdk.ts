/**
 * The tools as the Vercel AI SDK's tool objects, with no run-time dependency on `ai`: each schema
 * is a Standard Schema (the interface the SDK reads, along with zod) that carries the JSON Schema
 * derived in json-schema.ts, so the schemas are derived once for every face.
 */
import { executeTool } from '../tools/executor'
import type { ToolContext, ToolError } from '../types'
import { agentToolSchema, resultJsonSchemaOf, type JsonSchema } from './json-schema'
import { selectTools, type ToolSelection } from './select'

/**
 * A Standard Schema (v1) with a JSON Schema converter, as the AI SDK takes for `inputSchema` and
 * `outputSchema`. Its `validate` accepts any value: `executeTool` validates the params and a bad
 * call comes back to the model as a result naming the field (see `AiSdkToolResult`).
 */
export interface AiSdkSchema<T> {
  readonly '~standard': {
    readonly version: 1
    readonly vendor: 'intercom-blocks'
    readonly validate: (value: unknown) => { readonly value: T }
    readonly jsonSchema: {
      readonly input: (options: { readonly target: string }) => Record<string, unknown>
      readonly output: (options: { readonly target: string }) => Record<string, unknown>
    }
    readonly types?: { readonly input: T; readonly output: T }
  }
}

/** What a tool's `execute` resolves to: the tool's output, or `{ error }` when the call failed. */
export type AiSdkToolResult = Record<string, unknown> | { error: ToolError }

/** One tool in the AI SDK's shape (`tool({...})` gives the same). */
export interface AiSdkTool {
  description: string
  title: string
  inputSchema: AiSdkSchema<Record<string, unknown>>
  outputSchema: AiSdkSchema<AiSdkToolResult>
  /** Runs the tool through `executeTool`. Never throws: a failure resolves to `{ error }`. */
  execute: (input: Record<string, unknown>, options: { abortSignal?: AbortSignal }) => Promise<AiSdkToolResult>
}

export interface AiSdkToolsOptions extends ToolSelection {}

function standardSchema<T>(schema: JsonSchema): AiSdkSchema<T> {
  // A fresh copy on every read: the AI SDK adjusts the JSON Schema it is given in place.
  const copy = () => structuredClone(schema)
  return {
    '~standard': {
      version: 1,
      vendor: 'intercom-blocks',
      validate: (value) => ({ value: value as T }),
      jsonSchema: { input: copy, output: copy },
    },
  }
}

/**
 * The selected tools as the object the AI SDK's `generateText` / `streamText` take as `tools`,
 * keyed by tool id. Each call runs `executeTool` with `context` (which never reaches the model):
 * the output on success, `{ error: { code, message, field, ... } }` on failure, so that a model
 * can read what was wrong and call again.
 *
 * @throws UnknownToolError when `options.tools` names an id that is not a tool.
 * @example
 * import { generateText, stepCountIs } from 'ai'
 * const { text } = await generateText({
 *   model,
 *   tools: aiSdkTools({ accessToken: process.env.INTERCOM_ACCESS_TOKEN! }, { readOnly: true }),
 *   stopWhen: stepCountIs(5),
 *   prompt: 'Who is jane@example.com?',
 * })
 */
export function aiSdkTools(context: ToolContext, options: AiSdkToolsOptions = {}): Record<string, AiSdkTool> {
  const entries = selectTools(options).map((tool): [string, AiSdkTool] => {
    const schema = agentToolSchema(tool)
    return [
      tool.id,
      {
        description: schema.description,
        title: schema.annotations.title,
        inputSchema: standardSchema(schema.parameters),
        outputSchema: standardSchema(resultJsonSchemaOf(tool)),
        execute: async (input, { abortSignal } = {}) => {
          const signal = abortSignal && context.signal ? AbortSignal.any([context.signal, abortSignal]) : (abortSignal ?? context.signal)
          const result = await executeTool(tool.id, input, signal ? { ...context, signal } : context)
          return result.success ? result.output : { error: result.error }
        },
      },
    ]
  })
  return Object.fromEntries(entries)
}
