import { z } from 'zod'
import type { AnyToolDefinition } from '../types'
import { paramKinds } from '../tools/params'
import { getTool, listTools } from '../tools/registry'

/** A JSON Schema document (draft 2020-12), as plain data. */
export type JsonSchema = Record<string, unknown>

/**
 * A tool's behaviour hints, named as the Model Context Protocol names them; function-calling APIs
 * without annotations ignore the field.
 */
export interface AgentToolAnnotations {
  /** The tool's human name. */
  title: string
  /** The tool only reads. */
  readOnlyHint: boolean
  /** The tool removes or overwrites something that cannot be restored by calling it again. */
  destructiveHint: boolean
  /** Calling it twice with the same params has the effect of calling it once. */
  idempotentHint: boolean
  /** It talks to an outside system (Intercom). */
  openWorldHint: true
}

/** One tool in the shape function-calling APIs take. */
export interface AgentToolSchema {
  /** The tool id, e.g. `intercom_get_contact`: pass it to `executeTool`. */
  name: string
  description: string
  /** The JSON Schema of the params (without `$schema`, which some APIs refuse). */
  parameters: JsonSchema
  annotations: AgentToolAnnotations
}

/** Marks the string alternative added to `json` params, so that it is added only once. */
const JSON_TEXT_BRANCH = {
  type: 'string',
  contentMediaType: 'application/json',
  description: 'The same value as JSON text.',
} as const

/**
 * A `json` param (see `paramKinds`) accepts its object or array, or the same as JSON text: the
 * schema zod gives for the value becomes one branch of an `anyOf`, JSON text the other.
 */
function allowJsonText(jsonSchema: JsonSchema): void {
  const anyOf = jsonSchema.anyOf
  if (Array.isArray(anyOf) && anyOf.some((branch) => branch?.contentMediaType === JSON_TEXT_BRANCH.contentMediaType)) return
  const { description, title, default: defaultValue, ...value } = jsonSchema
  for (const key of Object.keys(jsonSchema)) delete jsonSchema[key]
  const onlyAnyOf = Object.keys(value).length === 1 && Array.isArray(value.anyOf)
  Object.assign(jsonSchema, {
    ...(description === undefined ? {} : { description }),
    ...(title === undefined ? {} : { title }),
    ...(defaultValue === undefined ? {} : { default: defaultValue }),
    anyOf: [...(onlyAnyOf ? (value.anyOf as unknown[]) : [value]), { ...JSON_TEXT_BRANCH }],
  })
}

function schemaOf(tool: AnyToolDefinition): JsonSchema {
  return z.toJSONSchema(tool.params, {
    target: 'draft-2020-12',
    io: 'input',
    override: ({ zodSchema, jsonSchema }) => {
      if (paramKinds.get(zodSchema as z.core.$ZodType)?.kind === 'json') allowJsonText(jsonSchema as JsonSchema)
    },
  }) as JsonSchema
}

/**
 * The JSON Schema (draft 2020-12) of a tool's params, as a model should fill them in. The access
 * token and region are not in it: they belong to the context of `executeTool`.
 *
 * @throws Error when no tool has this id.
 * @example
 * toolJsonSchema('intercom_get_contact')
 * // { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object',
 * //   properties: { contactId: { ... } }, required: ['contactId'], additionalProperties: false }
 */
export function toolJsonSchema(id: string): JsonSchema {
  const tool = getTool(id)
  if (!tool) throw new Error(`There is no tool ${JSON.stringify(id)}; listTools() returns the tool ids.`)
  return schemaOf(tool)
}

/**
 * Every tool as `{ name, description, parameters, annotations }`, ready to hand to a model's
 * function-calling API or to register as MCP tools (`parameters` is MCP's `inputSchema`).
 *
 * @example
 * const functions = listToolSchemas().map(({ name, description, parameters }) => ({ type: 'function', name, description, parameters }))
 */
export function listToolSchemas(): AgentToolSchema[] {
  return listTools().map(agentToolSchema)
}

/** One tool as `listToolSchemas()` gives it: the agent faces (MCP, AI SDK, OpenAI, Anthropic) start from this. */
export function agentToolSchema(tool: AnyToolDefinition): AgentToolSchema {
  const { $schema: _schema, ...parameters } = schemaOf(tool)
  return {
    name: tool.id,
    description: tool.description,
    parameters,
    annotations: {
      title: tool.name,
      readOnlyHint: tool.annotations.readOnly,
      destructiveHint: tool.annotations.destructive,
      idempotentHint: tool.annotations.idempotent,
      openWorldHint: true,
    },
  }
}

/**
 * The JSON Schema (draft 2020-12, without `$schema`) of a tool's output, as `executeTool`
 * returns it in `result.output`.
 */
export function outputJsonSchemaOf(tool: AnyToolDefinition): JsonSchema {
  const { $schema: _schema, ...schema } = z.toJSONSchema(tool.output, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }) as JsonSchema
  return schema
}

/** The JSON Schema of the error object (`ToolError`) a failed call returns. */
export const TOOL_ERROR_JSON_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'Why the call failed. Read message (and field, for bad input), correct the call and try again when retryable or when the input was at fault.',
  properties: {
    code: { type: 'string', description: 'validation_error, unknown_tool, timeout, network_error, invalid_response, aborted, or Intercom\'s own code (not_found, unauthorized, ...).' },
    message: { type: 'string', description: 'What went wrong and what to do about it.' },
    status: { type: 'integer', description: 'The HTTP status Intercom answered with, when it answered.' },
    requestId: { type: 'string', description: "Intercom's request id." },
    field: { type: 'string', description: 'The param at fault, as a dotted path.' },
    retryable: { type: 'boolean', description: 'Whether the same call may succeed later without changes.' },
  },
  required: ['code', 'message'],
}

/**
 * What an agent face returns for one call: the tool's output, or `{ error }` when the call failed
 * (the MCP server sets `isError` on such a result). The root is an object, as MCP requires of an
 * `outputSchema`; the error branch is in the schema because clients check failed results against
 * it too (the MCP SDK's own `Client.callTool` does).
 */
export function resultJsonSchemaOf(tool: AnyToolDefinition): JsonSchema {
  const { $defs, ...output } = outputJsonSchemaOf(tool)
  return {
    type: 'object',
    ...($defs === undefined ? {} : { $defs }),
    anyOf: [output, { type: 'object', properties: { error: TOOL_ERROR_JSON_SCHEMA }, required: ['error'], additionalProperties: false }],
  }
}
