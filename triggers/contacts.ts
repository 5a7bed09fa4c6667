import { z } from 'zod'
import { contactSchema } from '../tools/schemas/contact'
import { tagSchema } from '../tools/schemas/tag'
import type { AnyTriggerDefinition, TriggerDefinition, TriggerEventBase, WebhookNotification } from '../types'
import { defineTrigger, eventBase, eventBaseShape, idField, itemOf, objectField, withUnixTimes } from './define'
import { sampleContact, sampleNotification, sampleTag } from './samples'

type Contact = z.infer<typeof contactSchema>
type Tag = z.infer<typeof tagSchema>

const contactIdOutput = z.string().describe('Id of the contact, as the contact tools take it (contactId)')
const contactDescription = 'The contact, in the shape intercom_get_contact returns (times as unix seconds)'

const contactOutput = z.object({ ...eventBaseShape, contact: contactSchema.describe(contactDescription), contactId: contactIdOutput })

export type ContactTriggerOutput = TriggerEventBase & { contact: Contact; contactId: string }

function contactOf(entity: Record<string, unknown>, path: string): { contact: Contact; contactId: string } {
  const contactId = idField(entity, 'id', `${path}.id`)
  return { contact: { ...withUnixTimes(entity), id: contactId } as Contact, contactId }
}

function toContactOutput(notification: WebhookNotification): ContactTriggerOutput {
  return { ...eventBase(notification), ...contactOf(itemOf(notification, ['contact']), 'data.item') }
}

export const contactCreated: TriggerDefinition<ContactTriggerOutput> = defineTrigger<ContactTriggerOutput>({
  id: 'intercom_contact_created',
  name: 'Contact created',
  description:
    'Starts when a contact is created: a user (topic contact.user.created) or a lead, such as a visitor who started a conversation (contact.lead.created). contact.role says which.',
  topics: ['contact.user.created', 'contact.lead.created'],
  output: contactOutput,
  toOutput: toContactOutput,
  sample: sampleNotification('contact.user.created', sampleContact('user')),
})

export type ContactTagTriggerOutput = ContactTriggerOutput & { tag: Tag; tagId: string }

export const contactTagAdded: TriggerDefinition<ContactTagTriggerOutput> = defineTrigger<ContactTagTriggerOutput>({
  id: 'intercom_contact_tag_added',
  name: 'Tag added to contact',
  description: 'Starts when a tag is added to a contact (a user: contact.user.tag.created; a lead: contact.lead.tag.created).',
  topics: ['contact.user.tag.created', 'contact.lead.tag.created'],
  output: z.object({
    ...eventBaseShape,
    contact: contactSchema.describe(contactDescription),
    contactId: contactIdOutput,
    tag: tagSchema.describe('The tag that was added'),
    tagId: z.string().describe('Id of the tag, as the tag tools take it (tagId)'),
  }),
  toOutput(notification) {
    const item = itemOf(notification, ['contact_tag'])
    const tag = objectField(item, 'tag', 'data.item.tag')
    const tagId = idField(tag, 'id', 'data.item.tag.id')
    return { ...eventBase(notification), ...contactOf(objectField(item, 'contact', 'data.item.contact'), 'data.item.contact'), tag: { ...tag, id: tagId } as Tag, tagId }
  },
  sample: sampleNotification('contact.user.tag.created', {
    type: 'contact_tag',
    created_at: '2026-01-10T04:22:28.000Z',
    tag: sampleTag,
    contact: sampleContact('user'),
  }),
})

export type ContactDeletedTriggerOutput = TriggerEventBase & {
  contact: { type?: string | null; id: string; external_id?: string | null; deleted?: boolean | null }
  contactId: string
}

export const contactDeleted: TriggerDefinition<ContactDeletedTriggerOutput> = defineTrigger<ContactDeletedTriggerOutput>({
  id: 'intercom_contact_deleted',
  name: 'Contact deleted',
  description:
    "Starts when a contact is deleted for good. Intercom sends only the contact's ids (the contact no longer exists, so it cannot be read); keep what a workflow needs to clean up elsewhere keyed by id or external_id.",
  topics: ['contact.deleted'],
  output: z.object({
    ...eventBaseShape,
    contact: z
      .looseObject({
        type: z.string().nullish().describe('Object type (contact)'),
        id: z.string().describe('Id of the deleted contact'),
        external_id: z.string().nullish().describe('Your id of the deleted contact'),
        deleted: z.boolean().nullish().describe('true'),
      })
      .describe('What Intercom sends of a deleted contact: its ids only'),
    contactId: contactIdOutput,
  }),
  toOutput(notification) {
    const item = itemOf(notification, ['contact'])
    const contactId = idField(item, 'id', 'data.item.id')
    return { ...eventBase(notification), contact: { ...item, id: contactId }, contactId }
  },
  sample: sampleNotification('contact.deleted', { type: 'contact', id: '6762f0d51bb69f9f2193bb7f', external_id: 'cus_1042', deleted: true }),
})

export const contactArchived: TriggerDefinition<ContactTriggerOutput> = defineTrigger<ContactTriggerOutput>({
  id: 'intercom_contact_archived',
  name: 'Contact archived',
  description: 'Starts when a contact is archived (it can be unarchived later; a deleted contact starts the contact-deleted trigger instead).',
  topics: ['contact.archived'],
  output: contactOutput,
  toOutput: toContactOutput,
  sample: sampleNotification('contact.archived', sampleContact('user', { archived: true })),
})

export const contactTriggers: AnyTriggerDefinition[] = [contactCreated, contactTagAdded, contactDeleted, contactArchived]
