/**
 * `intercom-blocks/mcp`: the tools as a Model Context Protocol server. A separate entry because it
 * loads `@modelcontextprotocol/sdk` and Node's http module, which the main entry must not.
 */
export { createMcpServer, mcpTools, mcpErrorResult, type McpServerOptions } from './mcp'
export { serveMcpHttp, type McpHttpOptions, type McpHttpServer } from './mcp-http'
export { selectTools, UnknownToolError, type ToolSelection } from './select'
