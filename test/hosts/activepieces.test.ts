import {
  createMockActionContext,
  createTrigger,
  PieceProperty,
  PropertyType,
  TriggerStrategy,
  type Action,
  type InputPropertyMap,
  type ITrigger,
  type Piece,
  type Trigger,
} from '@activepieces/pieces-framework'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { clearAdminCache, executeTool, getTrigger, listTools, listTriggers, signWebhookBody } from '../../index'
import { paramsOf } from '../../blocks/schema'
import { IntercomToolError, contextOfAuth, createIntercomPiece, intercomAuth, intercomPiece, intercomTriggers, triggerNameOf } from '../../hosts/activepieces'
import type { AnyTriggerDefinition, WebhookNotification } from '../../types'
import { startSandbox, type Sandbox } from '../../sandbox'
import type { SandboxData } from '../../sandbox'
import type { ToolError } from '../../types'
import { samples } from '../samples'

// Compile time: the piece and its actions have the framework's own types.
const piece: Piece<typeof intercomAuth> = intercomPiece
const opOf = (toolId: string) => toolId.replace(/^intercom_/, '')
const actionOf = (toolId: string): Action => {
  const action = piece.getAction(opOf(toolId))
  if (!action) throw new Error(`no action for ${toolId}`)
  return action
}

describe('Activepieces piece: derived from the registry', () => {
  it('has one action per tool, with one prop per param', () => {
    expect(Object.keys(piece.actions())).toEqual(listTools().map((tool) => opOf(tool.id)))
    for (const tool of listTools()) {
      const action = actionOf(tool.id)
      expect(action.displayName).toBe(tool.name)
      expect(action.description).toBe(tool.description)
      expect(Object.keys(action.props)).toEqual(Object.keys(tool.params.shape))
      for (const info of paramsOf(tool)) expect(action.props[info.name]?.required, `${tool.id}.${info.name}`).toBe(info.required)
    }
  })

  it("validates every prop and the connection with the framework's own schemas", () => {
    for (const tool of listTools()) {
      for (const [name, prop] of Object.entries(actionOf(tool.id).props)) {
        const parsed = PieceProperty.safeParse(prop)
        expect(parsed.success, `${tool.id}.${name}: ${parsed.error?.message}`).toBe(true)
      }
    }
    expect(intercomAuth.type).toBe(PropertyType.CUSTOM_AUTH)
    expect(Object.keys(intercomAuth.props)).toEqual(['accessToken', 'region', 'baseUrl', 'clientSecret'])
    expect(intercomAuth.props.baseUrl.required).toBe(false)
    // The triggers' client secret: a secret of the connection, optional for actions.
    expect(intercomAuth.props.clientSecret).toMatchObject({ type: PropertyType.SECRET_TEXT, required: false })
    const metadata = piece.metadata()
    expect(Object.keys(metadata.actions)).toHaveLength(listTools().length)
    expect(metadata.categories).toEqual(['CUSTOMER_SUPPORT'])
  })

  it('maps kinds of params to props: loaded dropdowns for admins and tags, yes/no dropdowns for optional booleans', () => {
    expect(actionOf('intercom_tag_contact').props.tagId?.type).toBe(PropertyType.DROPDOWN)
    expect(actionOf('intercom_close_conversation').props.admin_id?.type).toBe(PropertyType.DROPDOWN)
    expect(actionOf('intercom_list_contacts').props.per_page?.type).toBe(PropertyType.NUMBER)
    expect(actionOf('intercom_search_contacts').props.query?.type).toBe(PropertyType.JSON)
    expect(actionOf('intercom_create_contact').props.unsubscribed_from_emails?.type).toBe(PropertyType.STATIC_DROPDOWN)
    expect(actionOf('intercom_create_contact').props.role?.type).toBe(PropertyType.STATIC_DROPDOWN)
  })

  it('has one webhook trigger per registry trigger, its props valid and its sample data its output', () => {
    expect(Object.keys(piece.triggers())).toEqual(listTriggers().map((trigger) => triggerNameOf(trigger.id)))
    expect(Object.keys(piece.metadata().triggers)).toHaveLength(listTriggers().length)
    for (const definition of listTriggers()) {
      const trigger = piece.getTrigger(triggerNameOf(definition.id))
      expect(trigger, definition.id).toBeDefined()
      expect(trigger).toMatchObject({ type: TriggerStrategy.WEBHOOK, displayName: definition.name, description: definition.description, requireAuth: true })
      for (const [name, prop] of Object.entries(trigger?.props ?? {})) {
        const parsed = PieceProperty.safeParse(prop)
        expect(parsed.success, `${definition.id}.${name}: ${parsed.error?.message}`).toBe(true)
      }
      // Every trigger says where to paste the flow's URL and which topics to subscribe to.
      expect(trigger?.props.setup).toMatchObject({ type: PropertyType.MARKDOWN, description: expect.stringContaining('{{webhookUrl}}') })
      for (const topic of definition.topics) expect(trigger?.props.setup?.description).toContain(topic)
      expect(Object.keys(trigger?.props ?? {})).toEqual(definition.configurableTopics ? ['setup', 'topics'] : ['setup'])
      expect(definition.output.safeParse(trigger?.sampleData).success, definition.id).toBe(true)
      expect(trigger?.sampleData).toEqual(definition.output.parse(definition.toOutput(definition.sample)))
    }
    expect(piece.getTrigger('webhook')?.props.topics).toMatchObject({ type: PropertyType.LONG_TEXT, required: true })
  })

  it("adds the caller's triggers: a new name after the derived ones, a derived one's name replacing it in place", () => {
    const own = (name: string): Trigger =>
      createTrigger({ name, displayName: name, description: name, props: {}, type: TriggerStrategy.WEBHOOK, sampleData: {}, onEnable: async () => {}, onDisable: async () => {}, run: async () => [] })
    const derived = intercomTriggers().map((trigger) => trigger.name)
    const custom = createIntercomPiece({ triggers: [own('my_trigger'), own('conversation_created')] }).triggers()
    expect(Object.keys(custom)).toEqual([...derived, 'my_trigger'])
    expect(custom.conversation_created?.displayName).toBe('conversation_created')
    expect(custom.contact_created?.displayName).toBe(getTrigger('intercom_contact_created')?.name)
    expect(Object.keys(createIntercomPiece({ triggers: [] }).triggers())).toEqual(derived)
  })
})

describe('Activepieces triggers: a delivery through the webhook handler', () => {
  const secret = 'ap-client-secret'
  const url = 'https://activepieces.example/api/v1/webhooks/flow-1'
  type RunContext = Parameters<ITrigger<TriggerStrategy.WEBHOOK, typeof intercomAuth, InputPropertyMap>['run']>[0]
  type Payload = RunContext['payload']

  const connection = (clientSecret: string | undefined) =>
    ({ type: 'CUSTOM_AUTH', props: { accessToken: 'unused-by-triggers', region: 'us', baseUrl: undefined, clientSecret } }) as RunContext['auth']

  /**
   * The framework exports no test context for triggers (only `createMockActionContext`): this is
   * the webhook run context its types require, the shared parts taken from that mock.
   */
  function runContext(payload: Payload, propsValue: Record<string, unknown> = {}, auth: RunContext['auth'] = connection(secret)): RunContext {
    return { ...createMockActionContext({ propsValue }), auth, webhookUrl: url, payload }
  }

  const triggerOf = (definition: AnyTriggerDefinition) => {
    const trigger = piece.getTrigger(triggerNameOf(definition.id))
    if (!trigger) throw new Error(`no trigger for ${definition.id}`)
    return trigger
  }
  const propsFor = (definition: AnyTriggerDefinition, notification: WebhookNotification) => (definition.configurableTopics ? { topics: notification.topic } : {})
  /** The trigger's sample, created now (older notifications are refused as possible replays). */
  const fresh = (definition: AnyTriggerDefinition): WebhookNotification => ({ ...definition.sample, created_at: Math.floor(Date.now() / 1000) })

  /** A delivery as the engine hands it to run: the parsed body, the raw body, Fastify's lower-case headers. */
  async function delivery(notification: unknown, key = secret, rawBody: (text: string) => unknown = (text) => text): Promise<Payload> {
    const text = JSON.stringify(notification)
    return { body: JSON.parse(text), rawBody: rawBody(text), headers: { 'content-type': 'application/json', 'x-hub-signature': await signWebhookBody(text, key) }, queryParams: {} }
  }

  it("yields exactly the trigger's output for its signed sample, for every trigger", async () => {
    for (const definition of listTriggers()) {
      const notification = fresh(definition)
      const outputs = await triggerOf(definition).run(runContext(await delivery(notification), propsFor(definition, notification)))
      expect(outputs, definition.id).toEqual([definition.output.parse(definition.toOutput(notification))])
    }
  })

  it('yields nothing for a forged, altered or unsigned delivery', async () => {
    for (const definition of listTriggers()) {
      const notification = fresh(definition)
      const props = propsFor(definition, notification)
      const trigger = triggerOf(definition)
      expect(await trigger.run(runContext(await delivery(notification, 'not-the-secret'), props)), definition.id).toEqual([])
      const signed = await delivery(notification)
      const altered = { ...signed, rawBody: (signed.rawBody as string).replace(notification.app_id, 'other-app') }
      expect(await trigger.run(runContext(altered, props)), definition.id).toEqual([])
      expect(await trigger.run(runContext({ ...signed, headers: { 'content-type': 'application/json' } }, props)), definition.id).toEqual([])
    }
  })

  it('yields nothing for a topic the trigger does not listen to, a ping, or the catch-all without that topic', async () => {
    const created = getTrigger('intercom_conversation_created') as AnyTriggerDefinition
    const contact = fresh(getTrigger('intercom_contact_created') as AnyTriggerDefinition)
    expect(await triggerOf(created).run(runContext(await delivery(contact)))).toEqual([])
    expect(await triggerOf(created).run(runContext(await delivery({ type: 'notification_event', topic: 'ping', id: null, data: { item: {} } })))).toEqual([])
    const catchAll = getTrigger('intercom_webhook') as AnyTriggerDefinition
    expect(await triggerOf(catchAll).run(runContext(await delivery(contact), { topics: 'ticket.closed, company.created' }))).toEqual([])
    expect(await triggerOf(catchAll).run(runContext(await delivery(contact), { topics: `["ticket.closed", "${contact.topic}"]` }))).toHaveLength(1)
  })

  it('verifies the raw body in the forms the engine passes it: text, bytes, a Buffer through JSON, or none', async () => {
    const definition = getTrigger('intercom_conversation_user_replied') as AnyTriggerDefinition
    const notification = fresh(definition)
    const expected = [definition.output.parse(definition.toOutput(notification))]
    const trigger = triggerOf(definition)
    const forms: Array<(text: string) => unknown> = [
      (text) => Buffer.from(text),
      (text) => JSON.parse(JSON.stringify(Buffer.from(text))),
      (text) => new TextEncoder().encode(text).buffer,
      () => undefined,
    ]
    for (const form of forms) expect(await trigger.run(runContext(await delivery(notification, secret, form)))).toEqual(expected)
    const signed = await delivery(notification)
    expect(await trigger.run(runContext({ ...signed, headers: { 'X-Hub-Signature': signed.headers['x-hub-signature'] as string } }))).toEqual(expected)
  })

  it('refuses to enable or run without the client secret or the catch-all topics, naming what to fix', async () => {
    const definition = getTrigger('intercom_conversation_created') as AnyTriggerDefinition
    const payload = await delivery(fresh(definition))
    await expect(triggerOf(definition).onEnable(runContext(payload, {}, connection(undefined)))).rejects.toThrow(/clientSecret.*connection/)
    await expect(triggerOf(definition).run(runContext(payload, {}, connection('')))).rejects.toThrow(/client secret/)
    await expect(triggerOf(definition).onEnable(runContext(payload))).resolves.toBeUndefined()
    const catchAll = triggerOf(getTrigger('intercom_webhook') as AnyTriggerDefinition)
    await expect(catchAll.onEnable(runContext(payload))).rejects.toThrow(/topics/)
    await expect(catchAll.onEnable(runContext(payload, { topics: 'Not A Topic' }))).rejects.toThrow(/topics/)
  })

  it("fails a signed notification whose item is not the topic's, naming the field", async () => {
    const definition = getTrigger('intercom_conversation_created') as AnyTriggerDefinition
    const notification = { ...fresh(definition), data: { type: 'notification_event_data', item: { type: 'admin', id: '1' } } }
    await expect(triggerOf(definition).run(runContext(await delivery(notification)))).rejects.toThrow(/data\.item\.type/)
  })
})

describe('Activepieces actions on the sandbox, with the framework createMockActionContext', () => {
  let sandbox: Sandbox
  let twin: Sandbox
  let state: SandboxData
  beforeAll(async () => {
    // The clock is frozen below (twin timestamps), so the rate-limit gate would see every call at
    // one instant and space them out in real time: a limit far above what the test sends.
    const rateLimit = { limit: 1_000_000_000, windowMs: 60_000 }
    sandbox = await startSandbox({ seed: 31, tokens: ['ap-host-token'], rateLimit })
    twin = await startSandbox({ seed: 31, tokens: ['ap-host-token'], rateLimit })
    state = sandbox.state.snapshot()
  })
  afterAll(async () => {
    await sandbox?.close()
    await twin?.close()
  })
  beforeEach(() => {
    clearAdminCache()
    // Only the clock, so that the two sandboxes stamp the same times.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2025-01-02T03:04:05Z'))
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  const connection = (target: Sandbox) => ({ type: 'CUSTOM_AUTH', props: { accessToken: target.token, region: 'us', baseUrl: target.url } })

  async function runAction(action: Action, propsValue: Record<string, unknown>, auth: unknown = connection(sandbox)) {
    // The framework's own test context; only the connection is ours (its mock has none).
    const context = { ...createMockActionContext({ propsValue }), auth } as Parameters<Action['run']>[0]
    try {
      return { success: true as const, output: (await action.run(context)) as Record<string, unknown> }
    } catch (error) {
      if (error instanceof IntercomToolError) return { success: false as const, error: error.error }
      throw error
    }
  }

  /** A sample's ids replaced by ids of the seeded workspace, where the param names what it points at. */
  function onSandbox(params: Record<string, unknown>): Record<string, unknown> {
    const first = <T extends { id: string }>(items: T[]) => items[0]?.id
    const open = state.conversations.find((conversation) => conversation.state === 'open') ?? state.conversations[0]
    const ids: Array<[RegExp, string | undefined]> = [
      [/^(admin_id|owner_id|from_id|assignee_id)$/, first(state.admins)],
      [/^(contactId|to_id|contact_id)$/, state.contacts.find((contact) => contact.role === 'user')?.id],
      [/^(companyId)$/, first(state.companies)],
      [/^conversationId$/, open?.id],
      [/^ticketId$/, first(state.tickets)],
      [/^ticket_type_id$/, first(state.ticket_types)],
      [/^tagId$/, first(state.tags)],
    ]
    return Object.fromEntries(
      Object.entries(params).map(([name, value]) => [name, ids.find(([pattern]) => pattern.test(name))?.[1] ?? value]),
    )
  }

  it('runs every action with the same outcome as executeTool on a twin sandbox', async () => {
    const outcomes: Record<string, string> = {}
    // Destructive ones last, so that a deleted contact is not the one the others use.
    const ordered = [...listTools()].sort((a, b) => Number(a.annotations.destructive) - Number(b.annotations.destructive))
    for (const tool of ordered) {
      const sample = samples[tool.id]?.[0]
      expect(sample, `a sample of ${tool.id}`).toBeDefined()
      const params = onSandbox(sample ?? {})
      const viaAction = await runAction(actionOf(tool.id), params)
      const direct = await executeTool(tool.id, params, { accessToken: twin.token, baseUrl: twin.url })
      if (direct.success) expect(viaAction, tool.id).toEqual(direct)
      else expect(viaAction.success ? 'success' : (viaAction.error as ToolError).code, tool.id).toBe(direct.error.code)
      outcomes[tool.id] = viaAction.success ? 'ok' : (viaAction.error as ToolError).code
    }
    const succeeded = Object.values(outcomes).filter((outcome) => outcome === 'ok').length
    expect(succeeded, JSON.stringify(outcomes)).toBeGreaterThanOrEqual(Math.ceil(listTools().length * 0.75))
  })

  it('creates a contact and tags it, through the actions', async () => {
    const created = await runAction(actionOf('intercom_create_contact'), { role: 'user', email: 'ap-host@example.com', unsubscribed_from_emails: undefined })
    expect(created.success).toBe(true)
    const contactId = created.success ? (created.output.contactId as string) : ''
    const tag = await runAction(actionOf('intercom_create_tag'), { name: 'From Activepieces' })
    const tagId = tag.success ? (tag.output.id as string) : ''
    const tagged = await runAction(actionOf('intercom_tag_contact'), { contactId, tagId })
    expect(tagged).toEqual({ success: true, output: { id: tagId, name: 'From Activepieces', type: 'tag' } })
    const stored = sandbox.state.snapshot().contacts.find((contact) => contact.id === contactId)
    expect(stored?.email).toBe('ap-host@example.com')
    expect(stored?.unsubscribed_from_emails).toBe(false)
    expect(stored?.tag_ids).toContain(tagId)
  })

  it('reads JSON given as text and refuses what it cannot read, naming the field, before sending', async () => {
    const before = sandbox.state.requestCount
    const bad = await runAction(actionOf('intercom_list_contacts'), { per_page: 'many' })
    expect(bad).toMatchObject({ success: false, error: { code: 'validation_error', field: 'per_page' } })
    const badJson = await runAction(actionOf('intercom_search_contacts'), { query: '{"field": ' })
    expect(badJson).toMatchObject({ success: false, error: { code: 'validation_error', field: 'query' } })
    expect(sandbox.state.requestCount).toBe(before)
    const found = await runAction(actionOf('intercom_search_contacts'), { query: '{"field":"email","operator":"=","value":"ap-host@example.com"}' })
    expect(found.success && (found.output.contacts as unknown[]).length).toBe(1)
  })

  it('fails with the Intercom error code and never shows the token', async () => {
    const result = await runAction(actionOf('intercom_get_contact'), { contactId: 'no-such-contact' })
    expect(result).toMatchObject({ success: false, error: { code: 'not_found', status: 404 } })
    const wrong = await runAction(actionOf('intercom_list_admins'), {}, connection({ ...sandbox, token: 'wrong-token-1234' }))
    expect(wrong).toMatchObject({ success: false, error: { code: 'unauthorized' } })
    expect(JSON.stringify(wrong)).not.toContain('wrong-token-1234')
  })

  it('loads the admin and tag dropdowns from Intercom, and asks for a connection first', async () => {
    const tagId = actionOf('intercom_tag_contact').props.tagId as { options: (props: Record<string, unknown>, ctx: unknown) => Promise<{ disabled?: boolean; options: Array<{ label: string; value: unknown }> }> }
    const loaded = await tagId.options({ auth: connection(sandbox) }, {})
    expect(loaded.disabled).toBe(false)
    expect(loaded.options.map((option) => option.value).sort()).toEqual(sandbox.state.snapshot().tags.map((tag) => tag.id).sort())
    expect(await tagId.options({}, {})).toMatchObject({ disabled: true, options: [] })
  })

  it('reads the connection as 0.32 hands it to actions and as validate gets it', async () => {
    expect(contextOfAuth({ type: 'CUSTOM_AUTH', props: { accessToken: 't', region: 'eu', baseUrl: '' } })).toEqual({ accessToken: 't', region: 'eu' })
    expect(contextOfAuth({ accessToken: 't', region: 'au', baseUrl: 'http://127.0.0.1:1' })).toEqual({ accessToken: 't', region: 'au', baseUrl: 'http://127.0.0.1:1' })
    const valid = await intercomAuth.validate?.({ auth: { accessToken: sandbox.token, region: 'us', baseUrl: sandbox.url, clientSecret: undefined }, server: { apiUrl: '', publicUrl: '' } })
    expect(valid).toEqual({ valid: true })
    const invalid = await intercomAuth.validate?.({ auth: { accessToken: 'nope-nope', region: 'us', baseUrl: sandbox.url, clientSecret: undefined }, server: { apiUrl: '', publicUrl: '' } })
    expect(invalid).toMatchObject({ valid: false, error: expect.stringMatching(/^\[unauthorized\]/) })
  })
})
