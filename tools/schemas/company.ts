import { z } from 'zod'
import { anyArray, anyObject, num, object, str } from './common'

/** A company, as Intercom returns it. Unlisted fields pass through. */
export const companySchema = z
  .looseObject({
    id: z.string().describe('Unique identifier for the company (Intercom\'s id)'),
    type: str('Object type (company)'),
    app_id: str('Intercom app ID'),
    company_id: str('Your unique identifier for the company'),
    name: str('Name of the company'),
    website: str('Company website URL'),
    plan: object(
      { type: str('Object type (plan)'), id: str('Plan id'), name: str('Plan name') },
      'Company plan information',
    ),
    size: num('Number of employees'),
    industry: str('Industry the company operates in'),
    monthly_spend: num('Monthly revenue from this company'),
    session_count: num('Number of sessions'),
    user_count: num('Number of users in the company'),
    created_at: num('Unix timestamp when company was created'),
    updated_at: num('Unix timestamp when company was last updated'),
    remote_created_at: num('Unix timestamp when company was created by you'),
    last_request_at: num('Unix timestamp of the last request from the company'),
    custom_attributes: anyObject('Custom attributes set on the company'),
    tags: object({ type: str('Tag list type'), tags: anyArray('Array of tag objects') }, 'Tags associated with the company'),
    segments: object(
      { type: str('Segment list type'), segments: anyArray('Array of segment objects') },
      'Segments the company belongs to',
    ),
  })
  .describe('A company')
