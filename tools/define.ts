import type { z } from 'zod'
import type { ToolDefinition } from '../types'

/**
 * Declares a tool. It returns its argument unchanged: its only job is to infer the param and
 * output types so that `request`, `prepare` and `transform` are checked against the schemas.
 *
 * @example
 * export const getContact = defineTool({
 *   id: 'intercom_get_contact',
 *   route: 'GET /contacts/{contactId}',
 *   params: z.strictObject({ contactId: idParam('The contact id') }),
 *   ...
 * })
 */
export function defineTool<P extends z.ZodObject, O extends Record<string, unknown>>(
  definition: ToolDefinition<P, O>,
): ToolDefinition<P, O> {
  return definition
}
