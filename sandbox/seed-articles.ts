/** The help center articles of the seed workspace: a few support answers, one still a draft. */
import type { Store } from './store'
import type { ArticleRecord } from './types'

const ARTICLES: ReadonlyArray<Pick<ArticleRecord, 'title' | 'description' | 'body' | 'state'>> = [
  {
    title: 'How to reset your password',
    description: 'Get back into your account when you have forgotten your password.',
    body: '<p>Open the sign-in page and choose <b>Forgot password</b>. We email you a link to reset your password; it works for one hour.</p>',
    state: 'published',
  },
  {
    title: 'Requesting a refund',
    description: 'When refunds are possible and how long they take.',
    body: '<p>Refunds are possible within 30 days of purchase. Reply to your receipt or contact support with the order number; the refund reaches your card within 5 to 10 business days.</p>',
    state: 'published',
  },
  {
    title: 'Changing your billing plan',
    description: 'Upgrade or downgrade your plan at any time.',
    body: '<p>Go to Settings, then Billing, and pick a new plan. Upgrades apply at once; downgrades at the end of the billing period.</p>',
    state: 'published',
  },
  {
    title: 'Exporting your data',
    description: 'Download everything in your account as CSV files.',
    body: '<p>In Settings, choose Export data. We prepare the export and email you a download link.</p>',
    state: 'draft',
  },
]

/** Seeds the articles with ids after the seed's ticket ids, authored by the first admin. */
export function seedArticles(store: Store, createdAt: number): ArticleRecord[] {
  const author = store.me().id
  const first = 1000 + (store.data.seed % 1000)
  return ARTICLES.map((article, index) => ({
    ...article,
    id: String(first + index),
    author_id: author,
    created_at: createdAt,
    updated_at: createdAt,
    views: 10 * (ARTICLES.length - index),
  }))
}
