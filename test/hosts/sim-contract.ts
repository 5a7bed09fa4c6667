// Sim Studio's BlockConfig / SubBlockConfig / ToolConfig, transcribed from ../shared/hosts/SIM.md
// (which restates Sim's apps/sim/blocks/types.ts and apps/sim/tools/types.ts). Written from that
// page alone, independently of hosts/sim/types.ts, so that the compile-time checks in
// sim.test.ts compare our output with Sim's contract rather than with itself.

export type SVGProps = Record<string, unknown>
export type JSXElement = unknown

type Scalar = string | number | boolean
export type ConditionValue = Scalar | Scalar[]
export type Condition = {
  field: string
  value: ConditionValue
  not?: boolean
  and?: { field: string; value: ConditionValue; not?: boolean }
}
type ConditionOrFn = boolean | Condition | ((values?: Record<string, unknown>) => Condition)

export type SubBlockType =
  | 'short-input'
  | 'long-input'
  | 'dropdown'
  | 'combobox'
  | 'switch'
  | 'code'
  | 'slider'
  | 'checkbox-list'
  | 'oauth-input'
  | 'webhook-config'
  | 'text'

export type ParamVisibility = 'user-or-llm' | 'user-only' | 'llm-only' | 'hidden'

export interface SubBlockConfig {
  id: string
  title?: string
  type: SubBlockType
  mode?: 'basic' | 'advanced' | 'both' | 'trigger'
  canonicalParamId?: string
  paramVisibility?: ParamVisibility
  required?: ConditionOrFn
  condition?: Condition | (() => Condition)
  options?: Array<{ label: string; id: string; group?: string; hidden?: boolean }> | (() => Array<{ label: string; id: string }>)
  fetchOptions?: (blockId: string, subBlockId: string) => Promise<Array<{ label: string; id: string }>>
  fetchOptionById?: (blockId: string, subBlockId: string, optionId: string) => Promise<{ label: string; id: string } | null>
  defaultValue?: string | number | boolean | Record<string, unknown> | Array<unknown>
  placeholder?: string
  password?: boolean
  description?: string
  tooltip?: string
  readOnly?: boolean
  hidden?: boolean
  language?: 'javascript' | 'json' | 'python'
  rows?: number
  min?: number
  max?: number
  step?: number
  integer?: boolean
  dependsOn?: string[] | { all?: string[]; any?: string[] }
  wandConfig?: { enabled: boolean; prompt: string; generationType?: string; placeholder?: string }
}

export type ParamType = 'string' | 'number' | 'boolean' | 'json' | 'array' | 'file'
export type OutputType = 'string' | 'number' | 'boolean' | 'json' | 'array' | 'file' | 'file[]' | 'any'

export interface BlockConfig {
  type: string
  name: string
  description: string
  longDescription?: string
  bestPractices?: string
  docsLink?: string
  category: 'blocks' | 'tools' | 'triggers'
  integrationType?: string
  tags?: string[]
  bgColor: string
  icon: (props: SVGProps) => JSXElement
  authMode?: 'oauth' | 'api_key' | 'bot_token'
  subBlocks: SubBlockConfig[]
  tools: {
    access: string[]
    config?: {
      tool: (params: Record<string, any>) => string
      params?: (params: Record<string, any>) => Record<string, any>
    }
  }
  inputs: Record<string, { type: ParamType; description?: string; schema?: unknown }>
  outputs: Record<string, OutputType | { type: OutputType; description?: string; condition?: Condition; hiddenFromDisplay?: boolean }>
  triggers?: { enabled: boolean; available: string[] }
  triggerAllowed?: boolean
  singleInstance?: boolean
  hideFromToolbar?: boolean
}

export interface ToolResponse {
  success: boolean
  output: Record<string, any>
  error?: string
  timing?: { startTime: string; endTime: string; duration: number }
}

export interface OutputProperty {
  type: 'string' | 'number' | 'boolean' | 'json' | 'file' | 'file[]' | 'array' | 'object'
  description?: string
  optional?: boolean
  nullable?: boolean
  properties?: Record<string, OutputProperty>
  items?: OutputProperty | { type: string; description?: string; properties?: Record<string, OutputProperty> }
}

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD'

export interface ToolConfig<P = any> {
  id: string
  name: string
  description: string
  version: string
  params: Record<
    string,
    { type: string; required?: boolean; visibility?: ParamVisibility; default?: any; description?: string; items?: unknown }
  >
  outputs?: Record<string, OutputProperty>
  request: {
    url: string | ((params: P) => string)
    method: HttpMethod | ((params: P) => HttpMethod)
    headers: (params: P) => Record<string, string>
    body?: (params: P) => Record<string, any> | string
    retry?: unknown
  }
  transformResponse?: (response: Response, params?: P) => Promise<ToolResponse>
  directExecution?: (params: P, signal?: AbortSignal) => Promise<ToolResponse>
}
