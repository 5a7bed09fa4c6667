import type { Samples } from './types'

/** Valid params for each company tool, as its own tests use them. */
export const companiesSamples: Samples = {
  intercom_create_company: [
    { company_id: 'acme-42' },
    {
      company_id: 'acme-42',
      name: 'Acme Inc',
      website: 'https://acme.example',
      plan: 'Enterprise',
      size: 0,
      industry: 'Manufacturing',
      monthly_spend: 155.98,
      remote_created_at: 1374138000,
      update_last_request_at: false,
    },
    { company_id: 42, custom_attributes: '{"tier":"gold","region":"emea"}' },
    { company_id: 'acme-42', name: 'Acme Inc', custom_attributes: { tier: 'gold' } },
  ],
  intercom_get_company: [{ companyId: '6762f07f1bb69f9f2193baf5' }],
  intercom_list_companies: [{}, { page: 2, per_page: 15 }, { page: 1, per_page: 50, order: 'asc' }],
  intercom_update_company: [
    { companyId: '6762f0841bb69f9f2193baff', name: 'my company', website: 'http://www.mycompany.com/' },
    { companyId: '6762f0841bb69f9f2193baff', size: 0, monthly_spend: 0, plan: 'Pro', industry: 'Retail', custom_attributes: '{"tier":"gold"}' },
    // Numbers and booleans, which Intercom takes although the 2.16 schema types the values as strings.
    { companyId: '6762f0841bb69f9f2193baff', custom_attributes: { team_mates: 9, monthly_spend_ratio: 155.5, paid_subscriber: true } },
  ],
  intercom_delete_company: [{ companyId: '6762f0881bb69f9f2193bb09' }],
  intercom_list_company_contacts: [{ companyId: '6762f0a61bb69f9f2193bb55' }],
  // The company_id of the spec's example answer, so that the transform finds it there.
  intercom_find_company_by_company_id: [{ company_id: 'remote_companies_scroll_2' }],
  intercom_scroll_companies: [{}, { scroll_param: '25b649f7-4d33-4ef6-88f5-60e5b8244309' }],
}
