import { z } from 'zod'
import { anyObject, bool, idOut, list, num, object, str } from './common'

/** One state a ticket can be in, as `GET /ticket_states` and ticket types list them. */
export const ticketStateDetailSchema = z
  .looseObject({
    id: z.string().describe('Id of the ticket state, e.g. "8269": the ticket_state_id intercom_update_ticket takes'),
    type: str('Object type (ticket_state)'),
    category: str('State category: submitted, in_progress, waiting_on_customer or resolved'),
    internal_label: str('Name of the state shown to teammates'),
    external_label: str('Name of the state shown to customers'),
    archived: bool('Whether the state is archived'),
    ticket_types: object(
      { type: str('List type'), data: list(anyObject('A ticket type {id, name, category, ...}'), 'The ticket types this state belongs to') },
      'The ticket types that use this state (GET /ticket_states only)',
    ),
  })
  .describe('A ticket state')

/** One attribute of a ticket type: a key of a ticket's ticket_attributes. */
const ticketTypeAttributeSchema = z.looseObject({
  id: idOut('Id of the attribute'),
  name: str('Name of the attribute: the key to use in ticket_attributes, e.g. "_default_title_"'),
  description: str('Description of the attribute'),
  data_type: str('Type of the value: string, list, integer, decimal, boolean, datetime or files'),
  input_options: anyObject('Options of the input, e.g. {"multiline": false} or the list options {"list_options": [{"id", "label"}]}'),
  required_to_create: bool('Whether a teammate must give the attribute when creating a ticket'),
  required_to_create_for_contacts: bool('Whether a contact must give the attribute when creating a ticket'),
  visible_on_create: bool('Whether the attribute is shown when creating a ticket'),
  visible_to_contacts: bool('Whether contacts see the attribute'),
  default: bool('Whether it is a built-in attribute (title, description)'),
  archived: bool('Whether the attribute is archived'),
})

/** A ticket type with its attributes and states, as `GET /ticket_types` returns it. */
export const ticketTypeSchema = z
  .looseObject({
    id: z.string().describe('Id of the ticket type, e.g. "67": the ticket_type_id intercom_create_ticket takes'),
    type: str('Object type (ticket_type)'),
    name: str('Name of the ticket type, e.g. "Bug Report"'),
    description: str('Description of the ticket type'),
    category: str('Category: Customer, Back-office or Tracker'),
    icon: str('Emoji icon of the ticket type'),
    workspace_id: str('Workspace the ticket type belongs to'),
    archived: bool('Whether the ticket type is archived'),
    is_internal: bool('Whether the ticket type is internal'),
    created_at: num('Unix timestamp when the ticket type was created'),
    updated_at: num('Unix timestamp when the ticket type was last updated'),
    ticket_type_attributes: object(
      {
        type: str('List type'),
        ticket_type_attributes: list(ticketTypeAttributeSchema, 'The attributes of a ticket of this type (where the 2.16 schema puts them)'),
        data: list(ticketTypeAttributeSchema, "The attributes of a ticket of this type (where the spec's examples put them)"),
      },
      'The attributes a ticket of this type has (keys of ticket_attributes), under ticket_type_attributes or data as Intercom sent them',
    ),
    ticket_states: object(
      { type: str('List type'), data: list(ticketStateDetailSchema, 'The states') },
      'The states a ticket of this type can be in',
    ),
  })
  .describe('A ticket type')

/** A data attribute (a built-in or custom attribute of contacts or companies). */
export const dataAttributeSchema = z
  .looseObject({
    name: z.string().describe('Name of the attribute: the key to use in custom_attributes for custom attributes, e.g. "plan"'),
    type: str('Object type (data_attribute)'),
    id: idOut('Id of the attribute (custom attributes only)'),
    model: str('What the attribute belongs to: contact or company'),
    full_name: str('Full name, e.g. "custom_attributes.plan" for a custom attribute'),
    label: str('Label shown in Intercom'),
    description: str('Description of the attribute'),
    data_type: str('Type of the value: string, integer, float, boolean or date'),
    options: list(z.string(), 'Allowed values, for a list attribute'),
    api_writable: bool('Whether the API may set it'),
    messenger_writable: bool('Whether the Messenger may set it'),
    ui_writable: bool('Whether teammates may set it in Intercom'),
    custom: bool('Whether it is a custom attribute (set through custom_attributes)'),
    archived: bool('Whether it is archived'),
    created_at: num('Unix timestamp when the attribute was created'),
    updated_at: num('Unix timestamp when the attribute was last updated'),
    admin_id: str('Id of the admin who created the attribute'),
  })
  .describe('A data attribute')

/** One choice of a list conversation attribute. */
const conversationAttributeOptionSchema = z.looseObject({
  id: str('Id of the option (a UUID)'),
  label: str('Label of the option, e.g. "Billing": the value a conversation shows and takes for the attribute'),
  archived: bool('Whether the option is archived (no longer offered)'),
})

/** A conversation attribute, as `GET /conversations/attributes` lists it. */
export const conversationAttributeSchema = z
  .looseObject({
    name: z.string().describe('Name of the attribute: the key to use in custom_attributes of intercom_update_conversation, e.g. "issue_type"'),
    type: str('Object type (conversation_attribute)'),
    id: idOut('Id of the attribute, an integer'),
    description: str('Description of the attribute'),
    data_type: str('Type of the value: string, integer, list, decimal, boolean, datetime, relationship or files'),
    required: bool('Whether teammates must fill the attribute in'),
    visible_to_team_ids: list(idOut('A team id'), 'Ids of the teams that see the attribute; empty when every team does'),
    archived: bool('Whether the attribute is archived'),
    created_at: num('Unix timestamp when the attribute was created'),
    updated_at: num('Unix timestamp when the attribute was last updated'),
    admin_id: idOut('Id of the admin who created the attribute'),
    multiline: bool('Whether the text is multi-line (string attributes only)'),
    options: list(conversationAttributeOptionSchema, 'The choices of a list attribute (list attributes only); archived options are no longer offered'),
    reference: object(
      { type: str('How many objects it holds: one or many'), object_type_id: str('Id of the custom object type it refers to') },
      'What a relationship attribute refers to (relationship attributes only)',
    ),
  })
  .describe('A conversation attribute')

/** A team of admins. */
export const teamSchema = z
  .looseObject({
    id: z.string().describe('Id of the team, e.g. "814865": an assignee_id for team assignments'),
    type: str('Object type (team)'),
    name: str('Name of the team'),
    admin_ids: list(idOut('An admin id'), 'Ids of the admins in the team'),
    admin_priority_level: anyObject('Primary and secondary admin ids of the team'),
    assignment_limit: num('Assignment limit of the team'),
    distribution_method: str('How conversations are distributed in the team'),
  })
  .describe('A team')
