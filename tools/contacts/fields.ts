import { z } from 'zod'
import type { ToolApi } from '../../types'
import { ToolFailure } from '../errors'
import { idParam, jsonParam, looseRecord, timestampParam } from '../params'
import { encodeSegment } from '../request'
import { contactSchema } from '../schemas/contact'
import { asObject } from '../schemas/common'

/** The writable fields of a contact, shared by create and update. */
export const contactFields = {
  role: z
    .enum(['user', 'lead'])
    .optional()
    .describe("The role of the contact: 'user' (a signed-up user) or 'lead' (an anonymous or unidentified person). When omitted it is not sent and Intercom keeps or chooses the role."),
  email: z.string().optional().describe("The contact's email address, e.g. jane@example.com."),
  external_id: z
    .string()
    .optional()
    .describe("Your own unique id for this person (the user id in your product). Lets later calls find the contact without Intercom's id."),
  email_verified: z.boolean().optional().describe("Whether the contact's email address has been verified (Intercom 2.16)."),
  phone: z.string().optional().describe("The contact's phone number, ideally in international format, e.g. +353871234567."),
  name: z.string().optional().describe("The contact's full name."),
  avatar: z.string().optional().describe("URL of an image to show as the contact's avatar."),
  signed_up_at: timestampParam('When the user signed up for your product, as a unix timestamp in seconds.').optional(),
  last_seen_at: timestampParam('When the user was last seen in your product, as a unix timestamp in seconds.').optional(),
  owner_id: idParam('The id of the admin who owns this contact (from intercom_list_admins).').optional(),
  unsubscribed_from_emails: z.boolean().optional().describe('Whether the contact has unsubscribed from emails. false is sent as false.'),
  custom_attributes: jsonParam(
    looseRecord,
    'Custom attributes as a JSON object, e.g. {"plan": "pro", "seats": 5}. The attributes must already exist in the workspace. JSON text of an object is accepted too.',
  ).optional(),
  company_id: idParam(
    "Intercom's id of a company to link the contact to after saving it (the id returned by intercom_create_company or intercom_list_companies, not your own company_id). This is a second request to POST /contacts/{id}/companies.",
    'company',
  ).optional(),
}

/** The output of create and update: the contact and its id. */
export const contactOutput = z.object({
  contact: contactSchema,
  contactId: z.string().describe('ID of the contact'),
})

export type ContactOutput = z.infer<typeof contactOutput>

export function contactResult(body: unknown): ContactOutput {
  const contact = asObject(body, 'a contact') as ContactOutput['contact']
  if (typeof contact.id !== 'string' && typeof contact.id !== 'number') {
    throw new ToolFailure({ code: 'invalid_response', message: "Intercom's contact has no id." })
  }
  return { contact, contactId: String(contact.id) }
}

/**
 * Links the saved contact to a company when `company_id` was given, then reads the contact back
 * so that the output shows the link. A failure says what was saved and what was not.
 */
export async function linkCompany(
  output: ContactOutput,
  companyId: string | undefined,
  api: ToolApi,
  verb: string,
): Promise<ContactOutput> {
  if (companyId === undefined) return output
  const contactPath = `/contacts/${encodeSegment('contactId', output.contactId)}`
  let linked = false
  try {
    await api.send(
      { method: 'POST', path: `${contactPath}/companies`, query: {}, body: { id: companyId } },
      { idempotent: true },
    )
    linked = true
    const contact = await api.send({ method: 'GET', path: contactPath, query: {} }, { idempotent: true })
    return contactResult(contact)
  } catch (error) {
    if (!(error instanceof ToolFailure)) throw error
    // The contact write was applied: the caller must learn its id and must not repeat the call.
    const reason = error.error.message.replace(/\.?\s*$/, '.')
    throw new ToolFailure({
      ...error.error,
      field: 'company_id',
      message: linked
        ? `Contact ${output.contactId} was ${verb} and linked to company ${companyId}, but reading it back failed: ${reason} Get it with intercom_get_contact (contactId ${output.contactId}).`
        : `Contact ${output.contactId} was ${verb}, but linking it to company ${companyId} failed: ${reason} Link it with intercom_attach_contact_to_company (contactId ${output.contactId}, companyId ${companyId}).`,
      retryable: false,
    })
  }
}
