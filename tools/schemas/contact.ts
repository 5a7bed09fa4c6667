import { z } from 'zod'
import { anyObject, bool, embeddedList, num, object, str } from './common'

/** A contact (user or lead), as Intercom returns it. Unlisted fields pass through. */
export const contactSchema = z
  .looseObject({
    id: z.string().describe('Unique identifier for the contact'),
    type: str('Object type (contact)'),
    role: str('Role of the contact (user or lead)'),
    email: str('Email address of the contact'),
    email_domain: str('Email domain of the contact'),
    phone: str('Phone number of the contact'),
    name: str('Name of the contact'),
    avatar: str('Avatar URL of the contact'),
    owner_id: z.union([z.string(), z.number()]).nullish().describe('ID of the admin assigned account ownership'),
    external_id: str('External identifier provided by the client'),
    workspace_id: str('Workspace ID the contact belongs to'),
    created_at: num('Unix timestamp when contact was created'),
    updated_at: num('Unix timestamp when contact was last updated'),
    signed_up_at: num('Unix timestamp when user signed up'),
    last_seen_at: num('Unix timestamp when user was last seen'),
    last_contacted_at: num('Unix timestamp when contact was last contacted'),
    last_replied_at: num('Unix timestamp when contact last replied'),
    last_email_opened_at: num('Unix timestamp when contact last opened an email'),
    last_email_clicked_at: num('Unix timestamp when contact last clicked an email link'),
    has_hard_bounced: bool('Whether email to this contact has hard bounced'),
    marked_email_as_spam: bool('Whether contact marked email as spam'),
    unsubscribed_from_emails: bool('Whether contact is unsubscribed from emails'),
    browser: str('Browser used by contact'),
    browser_version: str('Browser version'),
    browser_language: str('Browser language setting'),
    os: str('Operating system'),
    language_override: str('Language override setting'),
    custom_attributes: anyObject('Custom attributes set on the contact'),
    tags: embeddedList('Tags associated with the contact (up to 10 displayed)'),
    notes: embeddedList('Notes associated with the contact (up to 10 displayed)'),
    companies: embeddedList('Companies associated with the contact (up to 10 displayed)'),
    location: object(
      {
        type: str('Object type (location)'),
        city: str('City name'),
        region: str('Region or state name'),
        country: str('Country name'),
        country_code: str('ISO country code'),
        continent_code: str('Continent code'),
      },
      'Location information for the contact',
    ),
    social_profiles: object(
      {
        type: str('List type'),
        data: z
          .array(
            z.looseObject({
              type: str('Social network type (e.g., twitter, facebook)'),
              name: str('Social network name'),
              url: str('Profile URL'),
              username: str('Username on the social network'),
              id: str('User ID on the social network'),
            }),
          )
          .nullish()
          .describe('Social profile objects'),
      },
      'Social profiles of the contact',
    ),
  })
  .describe('A contact (user or lead)')
