import type { BlockRunContext } from '../../types'

// The shapes this adapter produces, in Sim Studio's terms (see the README's "Hosts" section).
// They are ours and narrower than Sim's own types; the tests check that they are assignable to a
// transcription of Sim's contract.

/** Sim's `createElement` (React's, or any JSX runtime's with the same signature). */
export type CreateElement<E> = (type: string, props: Record<string, unknown> | null, ...children: unknown[]) => E

/** Options of `simBlock` and `simTools`. */
export interface SimAdapterOptions<E = unknown> {
  /** The host's `createElement`, used to draw the icon (so that this package needs no React). */
  createElement: CreateElement<E>
  /**
   * Merged into every call, under the credential of the block: a `baseUrl` for a proxy or the
   * sandbox, a `fetch`, a `timeoutMs`, ...
   */
  context?: BlockRunContext
  /**
   * Reads a value of a block in the editor (Sim: the sub-block store), so that dropdowns loaded
   * from Intercom use that block's own access token and region. Without it they use `context`.
   */
  readValue?: (blockId: string, subBlockId: string) => unknown
}

export type SimCondition = { field: string; value: string | number | boolean | Array<string | number | boolean>; not?: boolean }

export interface SimOption {
  label: string
  id: string
  group?: string
}

export interface SimSubBlock {
  id: string
  title?: string
  type: 'short-input' | 'long-input' | 'dropdown' | 'combobox' | 'switch' | 'code'
  /** `advanced`: folded away by default; `trigger`: shown only when the block is used as a trigger. */
  mode?: 'basic' | 'advanced' | 'trigger'
  paramVisibility?: 'user-or-llm' | 'user-only'
  required?: boolean | SimCondition
  condition?: SimCondition
  options?: SimOption[]
  fetchOptions?: (blockId: string, subBlockId: string) => Promise<Array<{ label: string; id: string }>>
  fetchOptionById?: (blockId: string, subBlockId: string, optionId: string) => Promise<{ label: string; id: string } | null>
  /** Loaded options are fetched again when these change (the credential). */
  dependsOn?: string[]
  defaultValue?: string | number | boolean
  placeholder?: string
  password?: boolean
  description?: string
  language?: 'json'
}

export type SimInputType = 'string' | 'number' | 'boolean' | 'json' | 'array'
export type SimOutputType = 'string' | 'number' | 'boolean' | 'json' | 'array' | 'any'

export interface SimToolResponse {
  success: boolean
  output: Record<string, unknown>
  error?: string
}

export interface SimBlockConfig<E = unknown> {
  type: string
  name: string
  description: string
  longDescription: string
  bestPractices: string
  docsLink: string
  category: 'tools'
  integrationType: 'customer-support'
  tags: string[]
  bgColor: string
  icon: (props: Record<string, unknown>) => E
  authMode: 'api_key'
  subBlocks: SimSubBlock[]
  tools: {
    access: string[]
    config: {
      tool(params: Record<string, unknown>): string
      params(params: Record<string, unknown>): Record<string, unknown>
    }
  }
  inputs: Record<string, { type: SimInputType; description?: string }>
  outputs: Record<string, { type: SimOutputType; description?: string; condition?: SimCondition }>
  triggers?: { enabled: boolean; available: string[] }
}

export type SimParamType = 'string' | 'number' | 'boolean' | 'json' | 'array'

export interface SimToolParam {
  type: SimParamType
  required: boolean
  visibility: 'user-or-llm' | 'user-only'
  description: string
  default?: unknown
}

export interface SimToolOutput {
  type: 'string' | 'number' | 'boolean' | 'json' | 'array' | 'object'
  description?: string
  optional?: boolean
  properties?: Record<string, SimToolOutput>
  items?: SimToolOutput
}

export interface SimToolConfig {
  id: string
  name: string
  description: string
  version: string
  params: Record<string, SimToolParam>
  outputs: Record<string, SimToolOutput>
  request: {
    url: (params: Record<string, unknown>) => string
    method: 'GET' | 'POST' | 'PUT' | 'DELETE'
    headers: (params: Record<string, unknown>) => Record<string, string>
    body?: (params: Record<string, unknown>) => Record<string, unknown>
  }
  transformResponse: (response: Response, params?: Record<string, unknown>) => Promise<SimToolResponse>
  directExecution: (params: Record<string, unknown>, signal?: AbortSignal) => Promise<SimToolResponse>
}
