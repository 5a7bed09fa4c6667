import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { paramsOf } from '../../blocks/schema'
import { listTools, tools } from '../../index'

const IDS = [
  'intercom_create_contact', 'intercom_get_contact', 'intercom_update_contact', 'intercom_list_contacts', 'intercom_search_contacts', 'intercom_delete_contact',
  'intercom_create_company', 'intercom_get_company', 'intercom_list_companies', 'intercom_scroll_companies',
  'intercom_get_conversation', 'intercom_list_conversations', 'intercom_reply_conversation', 'intercom_search_conversations',
  'intercom_close_conversation', 'intercom_open_conversation', 'intercom_snooze_conversation', 'intercom_assign_conversation',
  'intercom_create_ticket', 'intercom_get_ticket', 'intercom_update_ticket',
  'intercom_create_message', 'intercom_list_admins',
  'intercom_list_tags', 'intercom_create_tag', 'intercom_tag_contact', 'intercom_untag_contact', 'intercom_tag_conversation',
  'intercom_create_note', 'intercom_create_event',
  'intercom_attach_contact_to_company', 'intercom_detach_contact_from_company',
  // Issue 13: reference data, contacts, conversations, tickets, companies, help center.
  'intercom_list_ticket_types', 'intercom_list_ticket_states', 'intercom_list_data_attributes', 'intercom_list_teams',
  'intercom_get_admin', 'intercom_get_current_admin',
  'intercom_find_contact_by_external_id', 'intercom_merge_contacts', 'intercom_archive_contact', 'intercom_unarchive_contact',
  'intercom_list_contact_notes', 'intercom_list_contact_tags', 'intercom_list_contact_companies',
  'intercom_create_conversation', 'intercom_update_conversation', 'intercom_attach_contact_to_conversation',
  'intercom_redact_conversation_part', 'intercom_untag_conversation',
  'intercom_reply_ticket', 'intercom_search_tickets',
  'intercom_update_company', 'intercom_delete_company', 'intercom_list_company_contacts', 'intercom_find_company_by_company_id',
  'intercom_search_articles', 'intercom_get_article',
  'intercom_list_conversation_attributes',
]

describe('the registry', () => {
  it('holds exactly the listed tools, under their permanent ids', () => {
    expect(Object.keys(tools).sort()).toEqual([...IDS].sort())
  })

  it.each(listTools().map((tool) => [tool.id, tool] as const))('%s: strict params, every param described for a model', (_id, tool) => {
    const unknown = (tool.params as z.ZodObject).safeParse({ not_a_param: 1 })
    expect(unknown.success).toBe(false)
    expect(JSON.stringify(unknown.error?.issues)).toContain('not_a_param')
    for (const param of paramsOf(tool)) {
      expect(param.description.length, `${tool.id}.${param.name}`).toBeGreaterThan(20)
    }
    expect(tool.description.length).toBeGreaterThan(80)
    expect(tool.name).toMatch(/^[A-Z]/)
  })

  it.each(listTools().map((tool) => [tool.id, tool] as const))('%s: every id param says which tool returns it', (_id, tool) => {
    for (const param of paramsOf(tool).filter((entry) => entry.kind === 'id')) {
      const text = `${param.description} ${tool.description}`
      const names = [...text.matchAll(/intercom_[a-z_]+/g)].map((match) => match[0]).filter((name) => name !== tool.id)
      expect(names.filter((name) => name in tools), `${tool.id}.${param.name} names no other tool that returns it`).not.toEqual([])
    }
  })

  it.each(listTools().map((tool) => [tool.id, tool] as const))('%s: annotations are consistent', (_id, tool) => {
    const { readOnly, destructive, idempotent } = tool.annotations
    if (readOnly) {
      expect(destructive).toBe(false)
      expect(idempotent).toBe(true)
    }
    if (tool.route.startsWith('GET ')) expect(readOnly).toBe(true)
  })

  it('annotates exactly the tools that remove or irreversibly rewrite data as destructive', () => {
    // Merging removes the lead, redaction erases a part's text, deletes remove the record.
    const destructive = listTools().filter((tool) => tool.annotations.destructive).map((tool) => tool.id)
    expect(destructive.sort()).toEqual(['intercom_delete_company', 'intercom_delete_contact', 'intercom_merge_contacts', 'intercom_redact_conversation_part'])
  })
})
