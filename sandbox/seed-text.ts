/** The dates, names and texts the seed workspace is made of. */

/** 2025-01-01T00:00:00Z: the seed data is dated in the year before it. */
export const SEED_EPOCH = 1_735_689_600
export const DAY = 86_400
/** Snoozed seed conversations wake after this time (2030-01-01). */
export const FAR_FUTURE = 1_893_456_000
/** How many objects the seed creates. */
export const SEED_COUNTS = { admins: 3, contacts: 60, users: 42, companies: 8, conversations: 45, tickets: 6 } as const

export const ADMIN_NAMES = ['Alex Morgan', 'Sam Rivera', 'Jordan Lee'] as const
export const FIRST_NAMES = [
  'Ava', 'Ben', 'Chloe', 'Daniel', 'Ella', 'Finn', 'Grace', 'Hugo', 'Isla', 'Jack', 'Kara', 'Liam', 'Maya', 'Noah', 'Olivia',
  'Paul', 'Quinn', 'Ruby', 'Sean', 'Tara', 'Uma', 'Victor', 'Wren', 'Xavier', 'Yara', 'Zoe', 'Aoife', 'Cian', 'Niamh', 'Oisin',
] as const
export const LAST_NAMES = [
  'Byrne', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Jensen', 'Kelly', 'Lopez', 'Murphy', 'Nakamura',
  'Okafor', 'Patel', 'Quinn', 'Rossi', 'Silva', 'Taylor', 'Ueda', 'Varga', 'Walsh', 'Xu', 'Young', 'Zimmer', 'Brennan',
  'Costa', 'Doyle', 'Novak', 'Ryan',
] as const
export const DOMAINS = ['example.com', 'example.org', 'example.net'] as const
export const LOCATIONS = [
  ['United States', 'California', 'San Francisco'],
  ['Ireland', 'Leinster', 'Dublin'],
  ['Germany', 'Berlin', 'Berlin'],
  ['United Kingdom', 'England', 'London'],
  ['Australia', 'New South Wales', 'Sydney'],
] as const
export const TAG_NAMES = ['VIP', 'Beta tester', 'Churn risk', 'Enterprise', 'Bug', 'Feedback', 'Billing'] as const
export const PLANS = ['free', 'pro', 'enterprise'] as const
export const COMPANIES = [
  ['acme', 'Acme Corp', 'Manufacturing'],
  ['globex', 'Globex', 'Energy'],
  ['initech', 'Initech', 'Software'],
  ['umbrella', 'Umbrella Health', 'Healthcare'],
  ['hooli', 'Hooli', 'Internet'],
  ['stark', 'Stark Industries', 'Aerospace'],
  ['wayne', 'Wayne Enterprises', 'Conglomerate'],
  ['tyrell', 'Tyrell Corporation', 'Biotech'],
] as const
export const COMPANY_PLANS = ['Starter', 'Growth', 'Enterprise'] as const
export const CUSTOMER_MESSAGES = [
  "I can't log in to my account since this morning.",
  'How do I export my data to CSV?',
  'The invoice for March looks wrong, we were charged twice.',
  'Can I add more seats to our plan?',
  'The mobile app crashes when I upload a photo.',
  'Is there an API for reporting?',
  'The password reset email never arrives.',
  "We'd like a demo of the enterprise plan.",
  'How do I invite my team?',
  'Billing question about our annual renewal.',
] as const
export const ADMIN_REPLIES = [
  'Thanks for reaching out! Let me look into that for you.',
  'Could you send us a screenshot of what you see?',
  'This is fixed now, please try again.',
  "I've passed this on to our billing team.",
  'See <a href="https://example.com/help">our help center</a> for the steps.',
] as const
export const NOTES = [
  'Customer is on the enterprise trial.',
  'Asked for a callback next week.',
  'Prefers email over chat.',
  'Renewal is due next quarter.',
] as const
export const TICKET_TITLES = [
  'Export fails for large workspaces',
  'Charged twice for March',
  'App crashes on photo upload',
  'Add SSO for our team',
  'Dark mode for the dashboard',
  'Password reset email missing',
] as const
