import type { AnyToolDefinition } from '../types'
import { adminsTools } from '../tools/admins'
import { companiesTools } from '../tools/companies'
import { companyLinksTools } from '../tools/company-links'
import { contactsTools } from '../tools/contacts'
import { conversationsTools } from '../tools/conversations'
import { eventsTools } from '../tools/events'
import { messagesTools } from '../tools/messages'
import { notesTools } from '../tools/notes'
import { tagsTools } from '../tools/tags'
import { ticketsTools } from '../tools/tickets'
import { teamsTools } from '../tools/teams'
import { dataAttributesTools } from '../tools/data-attributes'
import { articlesTools } from '../tools/articles'

/** A heading of the operation dropdown: one resource folder of tools/. */
export interface ResourceGroup {
  id: string
  label: string
  tools: readonly AnyToolDefinition[]
}

/**
 * The resources, in the registry's order, with the label the operation dropdown groups their
 * operations under. The tools themselves come from each folder's list (the same lists the
 * registry is built from), so a tool added to a folder appears here without an edit; a new
 * folder needs one line here, and the block tests fail until it has one.
 */
export const RESOURCE_GROUPS: readonly ResourceGroup[] = [
  { id: 'contacts', label: 'Contacts', tools: contactsTools },
  { id: 'companies', label: 'Companies', tools: companiesTools },
  { id: 'conversations', label: 'Conversations', tools: conversationsTools },
  { id: 'tickets', label: 'Tickets', tools: ticketsTools },
  { id: 'messages', label: 'Messages', tools: messagesTools },
  { id: 'admins', label: 'Admins', tools: adminsTools },
  { id: 'tags', label: 'Tags', tools: tagsTools },
  { id: 'notes', label: 'Notes', tools: notesTools },
  { id: 'events', label: 'Events', tools: eventsTools },
  { id: 'company-links', label: 'Contact–company links', tools: companyLinksTools },
  { id: 'teams', label: 'Teams', tools: teamsTools },
  { id: 'data-attributes', label: 'Data attributes', tools: dataAttributesTools },
  { id: 'articles', label: 'Help center', tools: articlesTools },
]
