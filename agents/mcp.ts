/**
 * The tools as a Model Context Protocol server, built on the official SDK (`@modelcontextprotocol/sdk`).
 * It sits behind the `intercom-blocks/mcp` entry (agents/mcp-entry.ts): the main entry never loads the SDK.
 *
 * ```ts
 * import { createMcpServer } from 'intercom-blocks/mcp'
 * import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
 *
 * const server = createMcpServer({ context: { accessToken: process.env.INTERCOM_ACCESS_TOKEN!, region: 'eu' }, readOnly: true })
 * await server.connect(new StdioServerTransport())
 * ```
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js'
import { redactError } from '../tools/errors'
import { executeTool } from '../tools/executor'
import { PACKAGE_VERSION } from '../tools/version'
import type { ToolContext, ToolError } from '../types'
import { agentToolSchema, resultJsonSchemaOf } from './json-schema'
import { selectTools, type ToolSelection } from './select'

export interface McpServerOptions extends ToolSelection {
  /**
   * How tools reach Intercom: the access token, region or base URL, timeouts. It is never sent to
   * the MCP client and never appears in a result.
   */
  context: ToolContext
  /**
   * The server name announced to clients.
   * @default 'intercom-blocks'
   */
  name?: string
  /** Text for the client on how to use the tools. */
  instructions?: string
}

/**
 * The selected tools as MCP `tools/list` entries: name = tool id, title, description, the params'
 * JSON Schema as `inputSchema`, the output's as `outputSchema`, and the annotations.
 *
 * @throws UnknownToolError when `selection.tools` names an id that is not a tool.
 */
export function mcpTools(selection: ToolSelection = {}): Tool[] {
  return selectTools(selection).map((tool) => {
    const { name, description, parameters, annotations } = agentToolSchema(tool)
    return {
      name,
      title: annotations.title,
      description,
      inputSchema: parameters as Tool['inputSchema'],
      outputSchema: resultJsonSchemaOf(tool) as Tool['outputSchema'],
      annotations,
    }
  })
}

/** A failure as an MCP tool result: the error object as JSON text and as structured content. */
export function mcpErrorResult(error: ToolError): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: JSON.stringify({ error }) }], structuredContent: { error } }
}

/** Combines the context's own signal with the request's (a client cancelling the call). */
function withSignal(context: ToolContext, signal: AbortSignal | undefined): ToolContext {
  if (!signal) return context
  return { ...context, signal: context.signal ? AbortSignal.any([context.signal, signal]) : signal }
}

/**
 * Calls one tool for an MCP client. Never throws: every failure (unknown or unselected tool, bad
 * arguments, Intercom's errors) is a result with `isError: true` carrying the error object.
 */
export async function callMcpTool(name: string, args: unknown, context: ToolContext, offered: ReadonlySet<string>, signal?: AbortSignal): Promise<CallToolResult> {
  if (!offered.has(name)) {
    return mcpErrorResult({ code: 'unknown_tool', message: `This server offers no tool ${JSON.stringify(name)}; tools/list lists the ones it offers.`, retryable: false })
  }
  try {
    const result = await executeTool(name, (args ?? {}) as Record<string, unknown>, withSignal(context, signal))
    if (!result.success) return mcpErrorResult(result.error)
    return { content: [{ type: 'text', text: JSON.stringify(result.output) }], structuredContent: result.output }
  } catch (error) {
    // executeTool never throws; this guards the protocol against anything unforeseen all the same.
    return mcpErrorResult(redactError({ code: 'internal_error', message: error instanceof Error ? error.message : String(error), retryable: false }, context.accessToken))
  }
}

/**
 * An MCP server (the SDK's low-level `Server`) offering the selected tools. Connect it to any
 * transport: `server.connect(new StdioServerTransport())`, or see `serveMcpHttp` for Streamable HTTP.
 *
 * @throws UnknownToolError when `tools` names an id that is not a tool.
 * @example
 * const server = createMcpServer({ context: { accessToken, region: 'eu' }, excludeDestructive: true })
 */
export function createMcpServer(options: McpServerOptions): Server {
  return serverFor(options, mcpTools(options))
}

/** Builds a server over an already derived tool list (the HTTP server builds one per request). */
export function serverFor(options: McpServerOptions, list: Tool[]): Server {
  const { context } = options
  if (!context || typeof context.accessToken !== 'string') throw new TypeError('createMcpServer: options.context.accessToken must be a string')
  const offered = new Set(list.map((tool) => tool.name))
  const server = new Server(
    { name: options.name ?? 'intercom-blocks', version: PACKAGE_VERSION, title: 'Intercom' },
    { capabilities: { tools: {} }, ...(options.instructions === undefined ? {} : { instructions: options.instructions }) },
  )
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: list }))
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => callMcpTool(request.params.name, request.params.arguments, context, offered, extra.signal))
  return server
}
