/**
 * The deterministic seed workspace: the same seed gives the same admins, contacts, companies,
 * conversations and tickets, with the same ids. Timestamps are fixed offsets from SEED_EPOCH,
 * never the clock.
 */
import { Rng } from './random'
import { Store } from './store'
import { seedTickets, seedTicketTypes } from './seed-tickets'
import {
  ADMIN_NAMES,
  ADMIN_REPLIES,
  COMPANIES,
  COMPANY_PLANS,
  CUSTOMER_MESSAGES,
  DAY,
  DOMAINS,
  FAR_FUTURE,
  FIRST_NAMES,
  LAST_NAMES,
  LOCATIONS,
  NOTES,
  PLANS,
  SEED_COUNTS,
  SEED_EPOCH,
  TAG_NAMES,
} from './seed-text'
import type {
  AuthorRef,
  CompanyRecord,
  ContactRecord,
  ConversationRecord,
  PartRecord,
  SandboxData,
} from './types'
import { seedArticles } from './seed-articles'

export { SEED_COUNTS, SEED_EPOCH } from './seed-text'

function paragraph(text: string): string {
  return `<p>${text}</p>`
}

function emptyData(seed: number, rng: Rng): SandboxData {
  const idCode = Array.from({ length: 8 }, () => rng.pick('abcdefghijklmnopqrstuvwxyz0123456789'.split(''))).join('')
  return {
    seed,
    rng: 0,
    counters: {
      admin: rng.int(991_200_000, 991_299_000),
      team: rng.int(5_000_000, 5_900_000),
      tag: rng.int(100_000, 900_000),
      conversation: rng.int(100_000, 900_000),
      message: rng.int(403_900_000, 403_999_000),
      part: rng.int(20_000_000, 29_000_000),
      note: rng.int(1_000, 9_000),
      ticket: rng.int(1_000_000, 1_900_000),
      ticket_number: 0,
      ticket_type: rng.int(10, 90),
      ticket_attribute: rng.int(100, 900),
      ticket_state: rng.int(8_000, 9_000),
      plan: rng.int(100, 900),
    },
    app: { id_code: idCode, name: 'Sandbox Workspace', created_at: SEED_EPOCH - 400 * DAY, timezone: 'UTC', region: 'US' },
    admins: [],
    teams: [],
    tags: [],
    data_attributes: [
      { name: 'plan', data_type: 'string' },
      { name: 'seats', data_type: 'integer' },
      { name: 'beta_tester', data_type: 'boolean' },
      { name: 'mrr', data_type: 'float' },
      { name: 'trial_ends_at', data_type: 'date' },
    ],
    contacts: [],
    notes: [],
    companies: [],
    conversations: [],
    ticket_types: [],
    tickets: [],
    events: [],
  }
}

/** Builds the seed workspace of a seed. */
export function seedData(seed: number): SandboxData {
  const rng = new Rng(seed)
  const data = emptyData(seed, rng)
  data.rng = rng.state
  const store = new Store(data)
  // Ids come from the store's generator (saved with the data); the seed's other choices from
  // a second generator derived from the same seed.
  const draw = new Rng((seed ^ 0x9e3779b9) >>> 0)

  seedAdmins(store)
  seedTags(store)
  seedContacts(store, draw)
  seedCompanies(store, draw)
  seedConversations(store, draw)
  seedTicketTypes(store)
  seedTickets(store, draw)
  seedNotes(store, draw)
  data.articles = seedArticles(store, SEED_EPOCH - 200 * DAY)
  store.dirty = false
  return data
}

function seedAdmins(store: Store): void {
  const { data } = store
  for (const name of ADMIN_NAMES) {
    data.admins.push({
      id: store.nextId('admin'),
      name,
      email: `${name.toLowerCase().replace(' ', '.')}@sandbox.example.com`,
      job_title: data.admins.length === 0 ? 'Support lead' : 'Support engineer',
      away_mode_enabled: false,
      away_mode_reassign: false,
      has_inbox_seat: true,
      team_ids: [],
      avatar: null,
    })
  }
  const teamId = store.nextId('team')
  const members = data.admins.slice(0, 2)
  for (const admin of members) admin.team_ids.push(Number(teamId))
  data.teams.push({ id: teamId, name: 'Support', admin_ids: members.map((admin) => Number(admin.id)) })
}

function seedTags(store: Store): void {
  for (const name of TAG_NAMES) {
    store.data.tags.push({ id: store.nextId('tag'), name, created_at: SEED_EPOCH - 300 * DAY })
  }
}

function seedContacts(store: Store, rng: Rng): void {
  const { data } = store
  const emails = new Set<string>()
  for (let index = 0; index < SEED_COUNTS.contacts; index++) {
    const role = index < SEED_COUNTS.users ? 'user' : 'lead'
    const first = index === 0 ? 'Jane' : rng.pick(FIRST_NAMES)
    const last = index === 0 ? 'Doe' : rng.pick(LAST_NAMES)
    let email = `${first}.${last}@${index === 0 ? 'example.com' : rng.pick(DOMAINS)}`.toLowerCase()
    for (let n = 2; emails.has(email); n++) email = email.replace(/(\d*)@/, `${n}@`)
    emails.add(email)
    const createdAt = SEED_EPOCH - rng.int(2 * DAY, 365 * DAY)
    const updatedAt = Math.min(SEED_EPOCH, createdAt + rng.int(0, 30 * DAY))
    const place = rng.pick(LOCATIONS)
    const contact: ContactRecord = {
      id: store.nextObjectId(createdAt),
      role,
      external_id: role === 'user' ? `usr_${1000 + index}` : null,
      email,
      email_verified: role === 'user' ? rng.chance(0.7) : null,
      phone: rng.chance(0.5) ? `+1555${String(rng.int(0, 9_999_999)).padStart(7, '0')}` : null,
      name: `${first} ${last}`,
      avatar: null,
      owner_id: rng.chance(0.3) ? rng.pick(data.admins).id : null,
      has_hard_bounced: false,
      marked_email_as_spam: false,
      unsubscribed_from_emails: rng.chance(0.1),
      created_at: createdAt,
      updated_at: updatedAt,
      signed_up_at: role === 'user' ? createdAt : null,
      last_seen_at: rng.chance(0.8) ? updatedAt : null,
      last_replied_at: null,
      last_contacted_at: null,
      last_email_opened_at: null,
      last_email_clicked_at: null,
      browser: rng.pick(['chrome', 'firefox', 'safari']),
      os: rng.pick(['OS X 14.5', 'Windows 11', 'Linux']),
      location: { country: place[0], region: place[1], city: place[2] },
      custom_attributes:
        role === 'user'
          ? { plan: index === 0 ? 'pro' : rng.pick(PLANS), seats: rng.int(1, 50), beta_tester: rng.chance(0.3) }
          : {},
      tag_ids: rng.sample(data.tags, rng.int(0, 2)).map((tag) => tag.id),
      company_ids: [],
    }
    data.contacts.push(contact)
  }
}

function seedCompanies(store: Store, rng: Rng): void {
  const { data } = store
  const plans = new Map<string, string>()
  for (const [slug, name, industry] of COMPANIES) {
    const createdAt = SEED_EPOCH - rng.int(200 * DAY, 380 * DAY)
    const planName = rng.pick(COMPANY_PLANS)
    let planId = plans.get(planName)
    if (!planId) {
      planId = store.nextId('plan')
      plans.set(planName, planId)
    }
    const company: CompanyRecord = {
      id: store.nextObjectId(createdAt),
      company_id: slug,
      name,
      plan: { id: planId, name: planName },
      size: rng.int(5, 5000),
      website: `https://${slug}.example.com`,
      industry,
      monthly_spend: rng.int(0, 20_000),
      session_count: rng.int(0, 500),
      custom_attributes: { region: rng.pick(['EMEA', 'AMER', 'APAC']) },
      remote_created_at: createdAt - rng.int(0, 100 * DAY),
      created_at: createdAt,
      updated_at: createdAt + rng.int(0, 30 * DAY),
      last_request_at: SEED_EPOCH - rng.int(0, 60 * DAY),
      tag_ids: rng.chance(0.3) ? [rng.pick(data.tags).id] : [],
    }
    data.companies.push(company)
  }
  // The first 35 users belong to one of the first 7 companies, a few to two; the last company
  // has no contact, so that it is left out of company lists as Intercom does.
  const withContacts = data.companies.slice(0, 7)
  data.contacts.slice(0, 35).forEach((contact, index) => {
    const first = withContacts[index % withContacts.length]
    if (first) contact.company_ids.push(first.id)
    if (index % 9 === 4) {
      const second = withContacts[(index + 3) % withContacts.length]
      if (second && second.id !== first?.id) contact.company_ids.push(second.id)
    }
  })
}

function contactAuthor(contact: ContactRecord): AuthorRef {
  return { type: contact.role, id: contact.id }
}

function seedConversations(store: Store, rng: Rng): void {
  const { data } = store
  const team = data.teams[0]
  for (let index = 0; index < SEED_COUNTS.conversations; index++) {
    const contact = rng.pick(data.contacts)
    const createdAt = Math.min(SEED_EPOCH - DAY, contact.created_at + rng.int(3_600, 90 * DAY))
    const adminInitiated = rng.chance(0.2)
    const starter = rng.pick(data.admins)
    const email = adminInitiated && rng.chance(0.5)
    const conversation: ConversationRecord = {
      id: store.nextId('conversation'),
      created_at: createdAt,
      updated_at: createdAt,
      waiting_since: null,
      snoozed_until: null,
      state: 'open',
      read: false,
      priority: rng.chance(0.15) ? 'high' : 'none',
      admin_assignee_id: 0,
      team_assignee_id: 0,
      title: null,
      source: {
        type: email ? 'email' : 'conversation',
        id: store.nextId('message'),
        delivered_as: adminInitiated ? 'admin_initiated' : 'customer_initiated',
        subject: email ? 'Checking in' : '',
        body: paragraph(adminInitiated ? 'Hi! How are you getting on with the product?' : rng.pick(CUSTOMER_MESSAGES)),
        author: adminInitiated ? { type: 'admin', id: starter.id } : contactAuthor(contact),
        attachment_urls: [],
      },
      contact_ids: [contact.id],
      teammate_ids: adminInitiated ? [starter.id] : [],
      tags: [],
      parts: [],
      ticket_ids: [],
    }
    let time = createdAt
    let waitingSince: number | null = adminInitiated ? null : createdAt
    const addPart = (part: Omit<PartRecord, 'id' | 'created_at' | 'state' | 'attachment_urls'>): void => {
      time += rng.int(60, DAY)
      conversation.parts.push({ ...part, id: store.nextId('part'), created_at: time, state: conversation.state, attachment_urls: [] })
      if (part.author.type === 'admin' && !conversation.teammate_ids.includes(part.author.id)) {
        conversation.teammate_ids.push(part.author.id)
      }
    }

    const assignee = rng.chance(0.6) ? rng.pick(data.admins) : undefined
    if (assignee) {
      conversation.admin_assignee_id = Number(assignee.id)
      addPart({ part_type: 'assignment', body: null, author: { type: 'admin', id: starter.id }, assigned_to: { type: 'admin', id: assignee.id } })
      if (team && rng.chance(0.4)) conversation.team_assignee_id = Number(team.id)
    }
    const replies = rng.int(0, 3)
    for (let n = 0; n < replies; n++) {
      const admin = assignee ?? rng.pick(data.admins)
      if (rng.chance(0.2)) {
        addPart({ part_type: 'note', body: paragraph(rng.pick(NOTES)), author: { type: 'admin', id: admin.id }, assigned_to: null })
      } else if (n % 2 === 0) {
        addPart({ part_type: 'comment', body: paragraph(rng.pick(ADMIN_REPLIES)), author: { type: 'admin', id: admin.id }, assigned_to: null })
        waitingSince = null
      } else {
        addPart({ part_type: 'comment', body: paragraph('Thanks, that helps.'), author: contactAuthor(contact), assigned_to: null })
        waitingSince = time
      }
    }
    const ending = rng.next()
    const closer = assignee ?? rng.pick(data.admins)
    if (ending < 0.35) {
      conversation.state = 'closed'
      addPart({ part_type: 'close', body: null, author: { type: 'admin', id: closer.id }, assigned_to: null })
      waitingSince = null
      conversation.read = true
    } else if (ending < 0.5) {
      conversation.state = 'snoozed'
      conversation.snoozed_until = FAR_FUTURE + rng.int(0, 30) * DAY
      addPart({ part_type: 'snoozed', body: null, author: { type: 'admin', id: closer.id }, assigned_to: null })
      conversation.read = true
    } else {
      conversation.read = rng.chance(0.5)
    }
    const lastPart = conversation.parts[conversation.parts.length - 1]
    if (lastPart) lastPart.state = conversation.state
    if (rng.chance(0.3)) {
      const tag = rng.pick(data.tags)
      conversation.tags.push({ id: tag.id, applied_at: createdAt + 60, applied_by: { type: 'admin', id: closer.id } })
    }
    conversation.waiting_since = conversation.state === 'open' ? waitingSince : null
    conversation.updated_at = time
    data.conversations.push(conversation)
  }
}

function seedNotes(store: Store, rng: Rng): void {
  const { data } = store
  for (let index = 0; index < 5; index++) {
    const contact = index === 0 ? data.contacts[0] : rng.pick(data.contacts)
    if (!contact) continue
    data.notes.push({
      id: store.nextId('note'),
      contact_id: contact.id,
      author_id: rng.pick(data.admins).id,
      body: paragraph(rng.pick(NOTES)),
      created_at: contact.created_at + DAY,
    })
  }
}
