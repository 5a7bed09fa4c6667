import type { AnyToolDefinition } from '../../types'
import { archiveContact } from './archive-contact'
import { createContact } from './create-contact'
import { deleteContact } from './delete-contact'
import { findContactByExternalId } from './find-contact-by-external-id'
import { getContact } from './get-contact'
import { listContactCompanies } from './list-contact-companies'
import { listContactNotes } from './list-contact-notes'
import { listContactTags } from './list-contact-tags'
import { listContacts } from './list-contacts'
import { mergeContacts } from './merge-contacts'
import { searchContacts } from './search-contacts'
import { unarchiveContact } from './unarchive-contact'
import { updateContact } from './update-contact'

export {
  archiveContact,
  createContact,
  deleteContact,
  findContactByExternalId,
  getContact,
  listContactCompanies,
  listContactNotes,
  listContactTags,
  listContacts,
  mergeContacts,
  searchContacts,
  unarchiveContact,
  updateContact,
}

export const contactsTools: readonly AnyToolDefinition[] = [
  createContact,
  getContact,
  updateContact,
  listContacts,
  searchContacts,
  deleteContact,
  findContactByExternalId,
  mergeContacts,
  archiveContact,
  unarchiveContact,
  listContactNotes,
  listContactTags,
  listContactCompanies,
]
