import { adminNotFound, companyNotFound, contactNotFound, conversationNotFound, tagNotFound, ticketNotFound } from './errors'
import { Rng, objectId } from './random'
import type {
  AdminRecord,
  CompanyRecord,
  ContactRecord,
  ConversationRecord,
  Counters,
  SandboxData,
  TagRecord,
  TeamRecord,
  TicketRecord,
  TicketTypeRecord,
} from './types'

/** The workspace in memory, with id allocation and the lookups handlers share. */
export class Store {
  readonly data: SandboxData
  private readonly rng: Rng
  /** Set by a change; the server saves the data file before it answers. */
  dirty = false
  /**
   * Leads merged away since the last webhook snapshot, lead id → the user it went into: the
   * diff alone cannot tell a merge from a delete. Not saved.
   */
  readonly merged = new Map<string, string>()

  constructor(data: SandboxData) {
    this.data = data
    this.rng = new Rng(data.rng)
  }

  /** The unix time in seconds. */
  now(): number {
    return Math.floor(Date.now() / 1000)
  }

  /** Marks the state as changed. */
  touch(): void {
    this.dirty = true
  }

  /** The next numeric id of a kind, as Intercom's numeric-string ids. */
  nextId(kind: keyof Counters): string {
    this.data.counters[kind] += 1
    this.dirty = true
    return String(this.data.counters[kind])
  }

  /** A new 24-hex id (contacts, companies). */
  nextObjectId(createdAt: number): string {
    const value = objectId(this.rng, createdAt)
    this.data.rng = this.rng.state
    this.dirty = true
    return value
  }

  /** A UUID-shaped token from the workspace's seeded generator (scroll params), so that twin sandboxes agree. */
  nextUuid(): string {
    const hex = this.rng.hex(32)
    this.data.rng = this.rng.state
    this.dirty = true
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16] ?? '0', 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20)}`
  }

  /** The admin that the access token belongs to (GET /me). */
  me(): AdminRecord {
    const admin = this.data.admins[0]
    if (!admin) throw new Error('the sandbox workspace has no admin')
    return admin
  }

  admin(id: string): AdminRecord | undefined {
    return this.data.admins.find((admin) => admin.id === id)
  }

  requireAdmin(id: string): AdminRecord {
    const admin = this.admin(id)
    if (!admin) throw adminNotFound()
    return admin
  }

  team(id: string): TeamRecord | undefined {
    return this.data.teams.find((team) => team.id === id)
  }

  tag(id: string): TagRecord | undefined {
    return this.data.tags.find((tag) => tag.id === id)
  }

  requireTag(id: string): TagRecord {
    const tag = this.tag(id)
    if (!tag) throw tagNotFound()
    return tag
  }

  contact(id: string): ContactRecord | undefined {
    return this.data.contacts.find((contact) => contact.id === id)
  }

  requireContact(id: string): ContactRecord {
    const contact = this.contact(id)
    if (!contact) throw contactNotFound()
    return contact
  }

  company(id: string): CompanyRecord | undefined {
    return this.data.companies.find((company) => company.id === id)
  }

  requireCompany(id: string): CompanyRecord {
    const company = this.company(id)
    if (!company) throw companyNotFound()
    return company
  }

  /** The contacts attached to a company. */
  companyContacts(companyId: string): ContactRecord[] {
    return this.data.contacts.filter((contact) => contact.company_ids.includes(companyId))
  }

  conversation(id: string): ConversationRecord | undefined {
    return this.data.conversations.find((conversation) => conversation.id === id)
  }

  requireConversation(id: string): ConversationRecord {
    const conversation = this.conversation(id)
    if (!conversation) throw conversationNotFound()
    return conversation
  }

  ticketType(id: string): TicketTypeRecord | undefined {
    return this.data.ticket_types.find((type) => type.id === id)
  }

  ticket(id: string): TicketRecord | undefined {
    return this.data.tickets.find((ticket) => ticket.id === id)
  }

  requireTicket(id: string): TicketRecord {
    const ticket = this.ticket(id)
    if (!ticket) throw ticketNotFound()
    return ticket
  }
}
