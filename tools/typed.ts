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

/** The keys of an output whose values are arrays. */
type ArrayKeys<T> = { [K in keyof T]-?: NonNullable<T[K]> extends readonly unknown[] ? K : never }[keyof T] & string
/** Whether a union has exactly one member. */
type IsSingle<U, All = U> = [U] extends [never] ? false : U extends unknown ? ([Exclude<All, U>] extends [never] ? true : false) : never

/**
 * The ids of the list and search tools, those `paginate` and `collect` take: tools whose output
 * holds exactly one list. (At run time `paginate` also requires the tool to be read-only, which
 * turns away the one write tool of that shape, `intercom_attach_contact_to_conversation`.)
 */
export type ListToolId = { [Id in ToolId]: IsSingle<ArrayKeys<ToolOutput<Id>>> extends true ? Id : never }[ToolId]

/** Like `CheckedToolId`, for list and search tools: any other literal id does not compile. */
export type CheckedListToolId<Id extends string> = string extends Id ? Id : Id extends ListToolId ? Id : ListToolId

/** One item of a list or search tool (a contact of `intercom_list_contacts`, ...). */
export type ToolItem<Id extends string = string> = string extends Id
  ? Record<string, unknown>
  : Id extends ListToolId
    ? NonNullable<ToolOutput<Id>[ArrayKeys<ToolOutput<Id>>]> extends ReadonlyArray<infer Item>
      ? Item
      : never
    : never

/** What `collect` gives: the tool's items field, holding every item gathered. */
export type CollectedOutput<Id extends string = string> = string extends Id
  ? Record<string, unknown>
  : Id extends ListToolId
    ? { [K in ArrayKeys<ToolOutput<Id>>]: Array<ToolItem<Id>> }
    : never
