import type { ToolContext, ToolResult } from './tool'

/**
 * What a workflow engine draws for one field:
 * - `short-input`: one line of text;
 * - `long-input`: several lines of text;
 * - `number-input`: a number;
 * - `switch`: on/off;
 * - `dropdown`: a choice among `options`, or among options loaded by `optionsLoader`;
 * - `code`: an editor for JSON (objects and arrays).
 */
export type SubBlockType = 'short-input' | 'long-input' | 'number-input' | 'switch' | 'dropdown' | 'code'

/**
 * How a field's value is read before it becomes a tool param (UIs deliver text):
 * - `text`: passed as given (numbers are turned into their decimal text);
 * - `id`: an Intercom id, text or a whole number, passed as given;
 * - `integer` / `number`: decimal text such as `"25"` becomes a number;
 * - `boolean`: `"true"` / `"false"` become booleans;
 * - `enum`: one of the field's options;
 * - `json`: JSON text becomes the object or array it encodes.
 */
export type FieldValueKind = 'text' | 'id' | 'integer' | 'number' | 'boolean' | 'enum' | 'json'

/** Makes a field (or a requirement) depend on the chosen operation. */
export interface OperationCondition {
  field: 'operation'
  /** The operations (values of the `operation` field) for which the condition holds. */
  value: string[]
}

/** One choice of a dropdown. */
export interface DropdownOption {
  /** The value stored and passed on. */
  id: string
  /** What a person sees. */
  label: string
  /** A heading to group options under (the operation dropdown groups by resource). */
  group?: string
}

/**
 * Options loaded at run time through one of our own tools, e.g. the admins of the workspace for
 * an `admin_id` field: call `tool` (with no params), read the array `output[list]`, and offer one
 * option per item with `item[value]` as the value and `item[label]` as the label.
 */
export interface OptionsLoader {
  /** A tool id of the registry, e.g. `intercom_list_admins`. */
  tool: string
  /** The output field holding the array, e.g. `admins`. */
  list: string
  /** The item key used as the option's value, e.g. `id`. */
  value: string
  /** The item key used as the option's label, e.g. `name`. */
  label: string
  /** Params to call `tool` with, e.g. `{ model: 'contact' }`; none when absent. */
  params?: Readonly<Record<string, string | number | boolean>>
  /** Keep only the items whose keys hold these values, e.g. `{ custom: true }`. */
  where?: Readonly<Record<string, string | number | boolean>>
  /** The heading the loaded options are grouped under (`DropdownOption.group`). */
  group?: string
  /** Further lists whose options follow this one's, e.g. the teams after the admins of an assignee field. */
  also?: readonly OptionsLoader[]
}

/** One UI field of a block. */
export interface SubBlock {
  /** Unique within the block: the key of the field's value in the block's values. */
  id: string
  /** The label. */
  title: string
  type: SubBlockType
  /** Help text. For a field several operations share, the text of the first of them. */
  description?: string
  /** Per-operation help text, present only when the operations describe the field differently. */
  descriptions?: Record<string, string>
  placeholder?: string
  /** Whether the value is a secret to be masked. */
  password?: boolean
  /** Fixed choices of a dropdown. */
  options?: DropdownOption[]
  /** Choices of a dropdown loaded through a tool. */
  optionsLoader?: OptionsLoader
  /**
   * For a JSON object field (`code`): per operation, the names its keys may take, loaded through
   * a tool (e.g. the custom attribute names of contacts), for the editor to offer as hints.
   */
  keyHints?: Record<string, OptionsLoader>
  /** The editor language of a `code` field. */
  language?: 'json'
  /** The value a new block starts with. */
  defaultValue?: unknown
  /** Shown only for these operations; absent means always shown. */
  condition?: OperationCondition
  /** Required always (`true`), never (absent or `false`), or for the listed operations. */
  required?: boolean | OperationCondition
  /** The tool param this field's value is passed as. Absent for block settings (operation, credential, region). */
  param?: string
  /** How the value is read before it is passed (absent for block settings). */
  valueKind?: FieldValueKind
  /** For an id field: what the id points at, when one param name means different ids in different operations. */
  idOf?: string
}

/** The values a block holds, keyed by field id, as a UI delivers them (often text). */
export type BlockValues = Record<string, unknown>

/** One input or output of a block, as a workflow engine wires it to other blocks. */
export interface BlockPort {
  type: 'string' | 'number' | 'boolean' | 'json' | 'array' | 'any'
  description: string
  /** Present when only some operations take or produce it. */
  condition?: OperationCondition
}

/** The part of a block that maps field values to a tool call. */
export interface BlockToolConfig {
  /** Every tool id the block can call. */
  access: string[]
  config: {
    /** The tool id of the chosen operation. Throws (a `BlockValueError`) for an unknown operation. */
    tool(values: BlockValues): string
    /**
     * The params of the chosen operation's tool, read from the values: text becomes numbers,
     * booleans and JSON as the params' schemas say, empty fields are left out. Throws (a
     * `BlockValueError` naming the field) when a value cannot be read.
     */
    params(values: BlockValues): Record<string, unknown>
    /**
     * For list and search operations: `undefined` for one call (one page), or the options to
     * gather the items across pages with `collect` ("Return all" on, or a "Limit" given).
     * Throws a `BlockValueError` naming the field when a value cannot be read.
     */
    pagination?(values: BlockValues): { limit?: number } | undefined
  }
}

/** Makes a trigger field depend on the chosen trigger. */
export interface TriggerCondition {
  field: 'triggerId'
  /** The trigger ids for which the condition holds. */
  value: string[]
}

/** One field a workflow fills when it starts from one of the block's triggers. */
export interface BlockTriggerField extends Omit<SubBlock, 'condition' | 'required' | 'param' | 'valueKind' | 'idOf'> {
  /** Shown only for these triggers; absent means for every trigger. */
  condition?: TriggerCondition
  /** Required always (`true`) or for the listed triggers. */
  required?: boolean | TriggerCondition
}

/** One trigger the block offers ("start when ..."), derived from the trigger registry. */
export interface BlockTriggerOption {
  id: string
  name: string
  description: string
  /** The Intercom topics it listens to; empty when the workflow chooses them (`configurableTopics`). */
  topics: string[]
  configurableTopics: boolean
  /** What a workflow started by it receives. */
  outputs: Record<string, BlockPort>
}

/** The block's triggers: the events a workflow can start from, and the fields they take. */
export interface BlockTriggers {
  enabled: boolean
  /** Every trigger id the block offers. */
  available: string[]
  /** The fields of the block used as a trigger: the trigger, the client secret, the catch-all's topics. */
  subBlocks: BlockTriggerField[]
  /** Each trigger, by id. */
  options: Record<string, BlockTriggerOption>
}

/** A block in the format visual workflow engines use: pure data plus two mapping functions. */
export interface BlockDefinition {
  type: string
  name: string
  description: string
  longDescription: string
  category: 'tools'
  bgColor: string
  /** An inline SVG document. */
  icon: string
  docsLink: string
  subBlocks: SubBlock[]
  tools: BlockToolConfig
  inputs: Record<string, BlockPort>
  outputs: Record<string, BlockPort>
  /** The events a workflow can start from on this block (see `blockWebhookHandlerOptions`). */
  triggers?: BlockTriggers
}

/** Where a block run gets what the values do not hold: the credential, region, transport. */
export type BlockRunContext = Partial<ToolContext>

/** Runs a block: maps its values to a tool call and executes it. Never throws. */
export type BlockRunner = (values: BlockValues, context?: BlockRunContext) => Promise<ToolResult>
