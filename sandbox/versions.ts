/**
 * Answers in the shape of the requested `Intercom-Version`. Handlers render 2.16; this module
 * rewrites a 2.16 body for an older version where Intercom documents a difference (CONTRACT.md
 * §D, Intercom's changelog, and the 2.14 types of Intercom's own SDK, which is generated from the
 * 2.14 description). Where nothing is documented, every version gets the 2.16 shape.
 *
 * | object / route      | before 2.16                                                        |
 * |---------------------|--------------------------------------------------------------------|
 * | contact             | `owner_id` an integer (2.16: a string)                             |
 * | conversation        | `priority` `priority`/`not_priority` (2.16: none…urgent);          |
 * |                     | `teammates.admins` (2.16: `teammates.teammates`);                  |
 * |                     | `admin_assignee_id` an integer, `team_assignee_id` a string, both  |
 * |                     | null when unassigned (2.16: integers, 0 when unassigned)           |
 * | ticket              | `admin_assignee_id`, `team_assignee_id` strings (2.16: integers);  |
 * |                     | no `previous_ticket_state_id` (new in 2.16)                        |
 * | POST /tags          | `tag_basic` without `users`/`companies` (2.16: tag_create_response) |
 *
 * `Unstable` and `Preview` are ahead of 2.16 and get the 2.16 shape.
 */
import type { Json, JsonObject } from './types'

/** The version number a header asks for (Unstable/Preview and no header count as 2.16). */
export function versionNumber(header: string | undefined): number {
  if (header === undefined) return 2.16
  const match = /^(\d+)\.(\d+)$/.exec(header)
  if (!match) return 2.16
  // 2.9 < 2.10 < 2.16: compare as major + minor / 100.
  return Number(match[1]) + Number(match[2]) / 100
}

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)

function before216(node: JsonObject): void {
  switch (node.type) {
    case 'contact':
      if (typeof node.owner_id === 'string') node.owner_id = /^\d+$/.test(node.owner_id) ? Number(node.owner_id) : null
      break
    case 'conversation': {
      if (typeof node.priority === 'string') node.priority = node.priority === 'none' ? 'not_priority' : 'priority'
      if (typeof node.admin_assignee_id === 'number') node.admin_assignee_id = node.admin_assignee_id === 0 ? null : node.admin_assignee_id
      if (typeof node.team_assignee_id === 'number') node.team_assignee_id = node.team_assignee_id === 0 ? null : String(node.team_assignee_id)
      const teammates = node.teammates
      if (isObject(teammates) && Array.isArray(teammates.teammates)) {
        node.teammates = { type: teammates.type ?? 'admin.list', admins: teammates.teammates }
      }
      break
    }
    case 'ticket':
      if (typeof node.admin_assignee_id === 'number') node.admin_assignee_id = String(node.admin_assignee_id)
      if (typeof node.team_assignee_id === 'number') node.team_assignee_id = String(node.team_assignee_id)
      delete node.previous_ticket_state_id
      break
  }
}

function walk(value: Json, visit: (node: JsonObject) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit)
  } else if (isObject(value)) {
    for (const child of Object.values(value)) walk(child, visit)
    visit(value)
  }
}

/** The body for the requested version; `route` is the handler's `METHOD /pattern`. */
export function shapeForVersion(header: string | undefined, route: string, body: JsonObject): JsonObject {
  if (versionNumber(header) >= 2.16) return body
  // A JSON copy, not structuredClone: a body may hold records of a workspace kept in a data file,
  // which are proxies (they record changes) that structuredClone refuses to copy.
  const copy = JSON.parse(JSON.stringify(body)) as JsonObject
  walk(copy, before216)
  if (route === 'POST /tags') {
    delete copy.users
    delete copy.companies
  }
  return copy
}
