export { executeTool, clearAdminCache } from './tools/executor'
export { getTool, listTools, tools } from './tools/registry'
export { buildRequest } from './tools/request'
export { REGION_HOSTS } from './tools/http'
export { DEFAULT_INTERCOM_VERSION, PACKAGE_VERSION } from './tools/version'
export type * from './types'
export { intercomBlock, runBlock, loadFieldOptions } from './blocks/intercom'
export type { BlockOperation, BlockOutput } from './blocks/intercom'
export { BlockValueError } from './blocks/errors'
export { toolJsonSchema, listToolSchemas } from './agents/json-schema'
export type { AgentToolSchema, AgentToolAnnotations, JsonSchema } from './agents/json-schema'
export type { IntercomTools, ToolId, ToolDefinitionOf, ToolParams, ToolOutput, CheckedToolId, ListToolId, CheckedListToolId, ToolItem, CollectedOutput } from './tools/typed'
export type { RegistryOf, ToolsIn } from './tools/registry'
export { aiSdkTools } from './agents/ai-sdk'
export type { AiSdkTool, AiSdkToolResult, AiSdkSchema, AiSdkToolsOptions } from './agents/ai-sdk'
export { selectTools, UnknownToolError } from './agents/select'
export type { ToolSelection } from './agents/select'
export { openAiTools, anthropicTools, runOpenAiToolCall, runAnthropicToolUse } from './agents/function-calling'
export type {
  OpenAiToolsOptions,
  OpenAiFunction,
  OpenAiChatTool,
  OpenAiResponsesTool,
  OpenAiToolCall,
  AnthropicTool,
  AnthropicToolUse,
  AnthropicToolResult,
  RunToolCallOptions,
} from './agents/function-calling'
export { getTrigger, listTriggers, triggers } from './triggers/registry'
export { verifyWebhookSignature, signWebhookBody } from './triggers/signature'
export { createWebhookHandler } from './triggers/handler'
export { createMemorySeenStore } from './triggers/seen'
export type { MemorySeenStoreOptions } from './triggers/seen'
export { blockWebhookHandlerOptions } from './blocks/triggers'
export type { ConversationTriggerOutput } from './triggers/conversations'
export type { ContactTriggerOutput, ContactTagTriggerOutput, ContactDeletedTriggerOutput } from './triggers/contacts'
export type { CompanyTriggerOutput } from './triggers/companies'
export type { TicketTriggerOutput } from './triggers/tickets'
export type { WebhookTriggerOutput } from './triggers/webhook'
export { paginate, collect, paginationOf } from './tools/paginate'
export type { Pagination, PaginateOptions } from './tools/paginate'
export { MemoryRateLimitStore } from './tools/rate-limit'
export type { RateLimitKeyState } from './tools/rate-limit'
export { ToolFailure } from './tools/errors'
