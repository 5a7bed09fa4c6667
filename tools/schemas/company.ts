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
    notes: object({ type: str('Note list type'), notes: anyArray('Array of note objects') }, 'Notes on the company (Intercom 2.16)'),
  })
  .describe('A company')

export type Company = z.infer<typeof companySchema>

/** Page-number pagination, as `POST /companies/list` answers it (`next` is null: there is no cursor). */
export const companyPagesSchema = object(
  {
    type: str('Pages type identifier (pages)'),
    page: num('Current page number'),
    per_page: num('Number of results per page'),
    total_pages: num('Total number of pages; ask for page + 1 while page < total_pages'),
  },
  'Pagination information',
)
