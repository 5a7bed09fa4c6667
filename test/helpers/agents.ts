/** Helpers shared by the agent-face tests. */

/** Context fields, which belong to the server, never to a tool's input. */
export const CONTEXT_FIELDS = ['accessToken', 'access_token', 'token', 'baseUrl', 'base_url', 'region', 'version', 'fetch', 'signal']

/** Every property name declared anywhere in a JSON Schema. */
export function propertyNames(schema: unknown): string[] {
  if (Array.isArray(schema)) return schema.flatMap(propertyNames)
  if (!schema || typeof schema !== 'object') return []
  return Object.entries(schema).flatMap(([key, value]) =>
    key === 'properties' && value && typeof value === 'object' ? [...Object.keys(value), ...Object.values(value).flatMap(propertyNames)] : propertyNames(value),
  )
}
