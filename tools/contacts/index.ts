import type { AnyToolDefinition } from '../../types'
import { createContact } from './create-contact'
import { deleteContact } from './delete-contact'
import { getContact } from './get-contact'
import { listContacts } from './list-contacts'
import { searchContacts } from './search-contacts'
import { updateContact } from './update-contact'

export { createContact, deleteContact, getContact, listContacts, searchContacts, updateContact }

export const contactsTools: readonly AnyToolDefinition[] = [
  createContact,
  getContact,
  updateContact,
  listContacts,
  searchContacts,
  deleteContact,
]
