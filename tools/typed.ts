import type { z } from 'zod'
import type { AnyToolDefinition } from '../types'
import type { tools } from './registry'

/**
 * Types keyed by tool id, read from the registry's own type (like Octokit's
 * `Endpoints['GET /repos/{owner}/{repo}']`): no hand-kept map, a tool added to the registry is
 * typed with no other code. Each helper takes a type parameter `Id`: a known tool id gets that
 * tool's types; the type `string` (an id known only at run time) gets the general ones.
 *
 * @example
 * type Params = ToolParams<'intercom_get_contact'>  // { contactId: string }
 * type Output = ToolOutput<'intercom_list_admins'>  // { admins: Admin[]; type?: string }
 */

/** The registry's type: each tool's definition under its id. */
export type IntercomTools = typeof tools

/** The id of every tool in the registry, as a union of literal types. */
export type ToolId = keyof IntercomTools & string

/** The definition of a tool (`AnyToolDefinition` for the type `string`). */
export type ToolDefinitionOf<Id extends string> = string extends Id
  ? AnyToolDefinition
  : Id extends ToolId
    ? IntercomTools[Id]
    : never

/**
 * The params a caller passes for a tool: the input type of its params schema (optional params
 * optional, unknown params refused). `Record<string, unknown>` for the type `string`.
 */
export type ToolParams<Id extends string = string> = string extends Id
  ? Record<string, unknown>
  : Id extends ToolId
    ? z.input<IntercomTools[Id]['params']>
    : never

/** The output of a tool, as its output schema describes it. `Record<string, unknown>` for `string`. */
export type ToolOutput<Id extends string = string> = string extends Id
  ? Record<string, unknown>
  : Id extends ToolId
    ? z.output<IntercomTools[Id]['output']>
    : never

/**
 * For the tool-id parameter of a generic function: accepts a known id or a value of type
 * `string`, and turns a misspelled literal id into a compile error that lists the known ids.
 *
 * @example
 * function call<Id extends string>(toolId: CheckedToolId<Id>, params: ToolParams<Id>): Promise<ToolOutput<Id>>
 */
export type CheckedToolId<Id extends string> = string extends Id ? Id : Id extends ToolId ? Id : ToolId
