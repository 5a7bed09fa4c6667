import type { z } from 'zod'
import type { ToolDefinition } from '../types'

/**
 * A definition as `defineTool` returns it: a `ToolDefinition` with its params, output and
 * literal id types. (Its own name keeps the generated declarations pointing here.)
 */
export interface DefinedTool<P extends z.ZodObject, O extends Record<string, unknown>, Id extends string> extends ToolDefinition<P, O, Id> {}

/**
 * Declares a tool. It returns its argument unchanged: its only job is to infer the param and
 * output types so that `request`, `prepare` and `transform` are checked against the schemas, and
 * to keep the id as a literal type, which keys the typed `executeTool` (see `ToolParams`).
 *
 * @example
 * export const getContact = defineTool({
 *   id: 'intercom_get_contact',
 *   route: 'GET /contacts/{contactId}',
 *   params: z.strictObject({ contactId: idParam('The contact id') }),
 *   ...
 * })
 */
export function defineTool<P extends z.ZodObject, O extends Record<string, unknown>, const Id extends string>(
  definition: ToolDefinition<P, O, Id>,
): DefinedTool<P, O, Id> {
  return definition
}
