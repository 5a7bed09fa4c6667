import type { OptionsLoader } from '../types'

// Two things a zod schema cannot say about a param, declared once by param name. Everything
// else about a field (type, options, label, requirement, conditions) is derived from the schemas.

/**
 * Option lists the block loads through our own tools instead of asking people to paste ids.
 * The tool must be read-only, take no required params, and return the list under `list`.
 */
export const OPTION_LOADERS = {
  admins: { tool: 'intercom_list_admins', list: 'admins', value: 'id', label: 'name' },
  tags: { tool: 'intercom_list_tags', list: 'tags', value: 'id', label: 'name' },
} as const satisfies Record<string, OptionsLoader>

/** Which params offer which loaded options. */
export const PARAM_OPTIONS: Readonly<Record<string, keyof typeof OPTION_LOADERS>> = {
  admin_id: 'admins',
  owner_id: 'admins',
  from_id: 'admins',
  tagId: 'tags',
}

/** Text params that hold prose (message bodies, notes), shown as a multi-line field. */
export const LONG_TEXT_PARAMS: ReadonlySet<string> = new Set(['body'])
