import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BlockValueError, clearAdminCache, intercomBlock, listTools, listTriggers, runBlock } from '../../index'
import { paginationOf } from '../../tools/paginate'
import { INTERCOM_ICON } from '../../blocks/icon'
import { simBlock, simTools } from '../../hosts/sim'
import { startSandbox, type Sandbox } from '../../sandbox'
import type { BlockConfig, ToolConfig, ToolResponse } from './sim-contract'
import { runSimBlock, runSimWorkflow } from './sim-harness'

interface Element {
  type: string
  props: Record<string, unknown> | null
  children: unknown[]
}
const createElement = (type: string, props: Record<string, unknown> | null, ...children: unknown[]): Element => ({ type, props, children })

// Compile time: what the adapter returns is assignable to Sim's contract as SIM.md states it.
const block: BlockConfig = simBlock({ createElement })
const tools: Record<string, ToolConfig> = simTools({ createElement })
// ...and the contract has teeth: Sim has no 'any' input type, and a tool's error is a string.
// @ts-expect-error an input of type 'any'
export const anyInput: BlockConfig['inputs'][string] = { type: 'any' }
// @ts-expect-error an error that is not a string
export const objectError: ToolResponse = { success: false, output: {}, error: { code: 'not_found' } }

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 17, tokens: ['sim-host-token'] })
  clearAdminCache()
})
afterAll(async () => {
  await sandbox?.close()
})

const onSandbox = () => ({ createElement, context: { baseUrl: sandbox.url, maxRetries: 0 } })
const subBlock = (config: BlockConfig, id: string) => {
  const found = config.subBlocks.find((entry) => entry.id === id)
  if (!found) throw new Error(`no sub-block ${id}`)
  return found
}

describe('Sim block: derived from the block and the registry', () => {
  it('offers every tool of the registry, each as a ToolConfig', () => {
    expect(block.tools.access).toEqual(listTools().map((tool) => tool.id))
    expect(Object.keys(tools).sort()).toEqual(listTools().map((tool) => tool.id).sort())
    for (const tool of listTools()) {
      const config = tools[tool.id]
      expect(config?.name).toBe(tool.name)
      expect(typeof config?.directExecution).toBe('function')
      const shape = Object.keys(tool.params.shape)
      // A list or search that pages also takes "Return all" and "Limit", as the block does.
      const style = paginationOf(tool)?.style
      const paging = style !== undefined && style !== 'single' ? ['returnAll', 'limit'] : []
      for (const name of [...shape, ...paging]) expect(config?.params[name]?.visibility, `${tool.id}.${name}`).toBe('user-or-llm')
      expect(config?.params.accessToken).toMatchObject({ type: 'string', required: true, visibility: 'user-only' })
      expect(Object.keys(config?.params ?? {}).sort()).toEqual([...shape, ...paging, 'accessToken', 'region'].sort())
    }
  })

  it('says what Sim needs to list and authenticate it', () => {
    expect(block).toMatchObject({ category: 'tools', authMode: 'api_key', integrationType: 'customer-support', type: 'intercom' })
    expect(block.tags).toContain('customer-support')
    expect(block.bestPractices).toMatch(/List admins/)
    const triggerFields = intercomBlock.triggers?.subBlocks ?? []
    expect(block.subBlocks.map((entry) => entry.id)).toEqual([...intercomBlock.subBlocks, ...triggerFields].map((entry) => entry.id))
    expect(new Set(block.subBlocks.map((entry) => entry.id)).size).toBe(block.subBlocks.length)
    expect(subBlock(block, 'accessToken')).toMatchObject({ paramVisibility: 'user-only', password: true, required: true })
    expect(subBlock(block, 'email').paramVisibility).toBe('user-or-llm')
  })

  it('folds away fields that are optional tuning of reads, keeps the data of writes in view', () => {
    expect(subBlock(block, 'per_page').mode).toBe('advanced')
    expect(subBlock(block, 'starting_after').mode).toBe('advanced')
    expect(subBlock(block, 'email').mode).toBeUndefined()
    expect(subBlock(block, 'contactId').mode).toBeUndefined()
    expect(subBlock(block, 'body').mode).toBeUndefined()
  })

  it('draws the icon with the host createElement', () => {
    const icon = block.icon({ className: 'h-5 w-5' }) as Element
    expect(icon.type).toBe('svg')
    expect(icon.props).toMatchObject({ className: 'h-5 w-5', viewBox: '0 0 24 24', strokeWidth: '1.8', 'aria-hidden': 'true' })
    expect(icon.children).toHaveLength(INTERCOM_ICON.match(/<path\b/g)?.length ?? -1)
    expect((icon.children[0] as Element).type).toBe('path')
  })

  it('keeps each output condition and never declares an input type Sim lacks', () => {
    for (const input of Object.values(block.inputs)) expect(['string', 'number', 'boolean', 'json', 'array', 'file']).toContain(input.type)
    const contact = block.outputs.contact
    expect(typeof contact === 'object' && contact.condition?.field).toBe('operation')
  })

  it('offers the triggers with their own fields, shown only in trigger mode and never passed to a tool', () => {
    const ids = listTriggers().map((trigger) => trigger.id)
    expect(block.triggers).toEqual({ enabled: true, available: ids })
    const triggerFields = block.subBlocks.filter((entry) => entry.mode === 'trigger')
    expect(triggerFields.map((entry) => entry.id)).toEqual(['triggerId', 'clientSecret', 'topics'])
    for (const field of triggerFields) expect(field.paramVisibility, field.id).toBeUndefined()
    expect(subBlock(block, 'triggerId')).toMatchObject({ type: 'dropdown', required: true })
    const options = subBlock(block, 'triggerId').options
    expect(Array.isArray(options) && options.map((option) => option.id)).toEqual(ids)
    expect(subBlock(block, 'clientSecret')).toMatchObject({ type: 'short-input', password: true, required: true })
    const catchAll = listTriggers().filter((trigger) => trigger.configurableTopics).map((trigger) => trigger.id)
    expect(catchAll).toEqual(['intercom_webhook'])
    expect(subBlock(block, 'topics')).toMatchObject({
      type: 'long-input',
      condition: { field: 'triggerId', value: catchAll },
      required: { field: 'triggerId', value: catchAll },
    })
    // The operation's fields are not trigger fields.
    expect(subBlock(block, 'operation').mode).toBeUndefined()
    expect(subBlock(block, 'accessToken').mode).toBeUndefined()
  })

  it('refuses a value it cannot read, naming the field, before any tool runs', () => {
    expect(() => block.tools.config?.params?.({ operation: 'list_contacts', per_page: 'many' })).toThrow(BlockValueError)
    expect(() => block.tools.config?.params?.({ operation: 'list_contacts', per_page: 'many' })).toThrow(/per_page/)
    expect(() => block.tools.config?.params?.({ operation: 'list_contacts', limit: 'many' })).toThrow(/limit/)
    expect(() => block.tools.config?.params?.({ operation: 'list_contacts', returnAll: 'perhaps' })).toThrow(/returnAll/)
  })

  it('passes "Return all" and "Limit" on to the tool of a list or search, read as the block reads them', () => {
    const params = (values: Record<string, unknown>) => block.tools.config?.params?.(values)
    expect(params({ operation: 'list_contacts', returnAll: true })).toEqual({ returnAll: true })
    expect(params({ operation: 'list_contacts', returnAll: 'true', limit: '3' })).toEqual({ limit: 3 })
    expect(params({ operation: 'list_contacts', returnAll: false, limit: '' })).toEqual({})
    // Not a list: nothing to page, as in runBlock.
    expect(params({ operation: 'get_contact', contactId: 'c1', returnAll: true })).toEqual({ contactId: 'c1' })
  })
})

describe('Sim block on the sandbox, run as Sim runs it', () => {
  it('creates a contact and tags it, passing outputs on by reference', async () => {
    const config = simBlock(onSandbox())
    const runs = await runSimWorkflow(config, simTools(onSandbox()), [
      { name: 'contact', values: { operation: 'create_contact', role: 'user', email: 'sim-host@example.com', name: 'Sim Host', accessToken: sandbox.token } },
      { name: 'tag', values: { operation: 'create_tag', name: 'From Sim', accessToken: sandbox.token } },
      { name: 'tagged', values: { operation: 'tag_contact', contactId: '<contact.contact.id>', tagId: '<tag.id>', accessToken: sandbox.token } },
    ])
    expect(runs.map((run) => [run.toolId, run.response.success, run.response.error])).toEqual([
      ['intercom_create_contact', true, undefined],
      ['intercom_create_tag', true, undefined],
      ['intercom_tag_contact', true, undefined],
    ])
    const contactId = (runs[0]?.response.output.contact as { id: string }).id
    const tagId = runs[1]?.response.output.id
    expect(runs[2]?.response.output).toMatchObject({ id: tagId, name: 'From Sim' })
    const stored = sandbox.state.snapshot().contacts.find((contact) => contact.id === contactId)
    expect(stored?.email).toBe('sim-host@example.com')
    expect(stored?.tag_ids).toContain(tagId)
  })

  it('honours "Return all" and "Limit" as runBlock does: every contact, or the first N', async () => {
    const context = { baseUrl: sandbox.url, maxRetries: 0 }
    const run = async (values: Record<string, unknown>) => {
      const { response } = await runSimBlock(simBlock(onSandbox()), simTools(onSandbox()), { operation: 'list_contacts', accessToken: sandbox.token, ...values })
      expect(response.error).toBeUndefined()
      return response.output.contacts as Array<{ id: string }>
    }
    const ids = (contacts: Array<{ id: string }>) => contacts.map((contact) => contact.id)
    const total = sandbox.state.snapshot().contacts.length
    const onePage = await run({})
    expect(onePage.length).toBeLessThan(total)

    const all = await run({ returnAll: true })
    expect(all).toHaveLength(total)
    const viaRunBlock = await runBlock({ operation: 'list_contacts', returnAll: true, accessToken: sandbox.token }, context)
    expect(viaRunBlock.success && ids(viaRunBlock.output.contacts)).toEqual(ids(all))

    const before = sandbox.state.requestCount
    const smallPages = await run({ returnAll: 'true', per_page: '7' })
    expect(ids(smallPages)).toEqual(ids(all))
    expect(sandbox.state.requestCount - before).toBe(Math.ceil(total / 7))

    const limited = await run({ limit: '3' })
    expect(ids(limited)).toEqual(ids(all).slice(0, 3))
    const pastOnePage = await run({ returnAll: true, limit: onePage.length + 2, per_page: '10' })
    expect(ids(pastOnePage)).toEqual(ids(all).slice(0, onePage.length + 2))
  })

  it('refuses "Return all" or "Limit" given to a tool that does not page, by name, before sending', async () => {
    const before = sandbox.state.requestCount
    const response = await simTools(onSandbox()).intercom_list_admins?.directExecution?.({ accessToken: sandbox.token, returnAll: true })
    const paged = await simTools(onSandbox()).intercom_get_contact?.directExecution?.({ accessToken: sandbox.token, contactId: 'c1', limit: 3 })
    expect(sandbox.state.requestCount).toBe(before)
    for (const [result, field] of [[response, 'returnAll'], [paged, 'limit']] as const) {
      expect(result).toMatchObject({ success: false })
      expect(result?.output.error).toMatchObject({ code: 'validation_error', field })
    }
  })

  it('refuses a limit it cannot read in directExecution too, naming it, before sending', async () => {
    const before = sandbox.state.requestCount
    const response = await simTools(onSandbox()).intercom_list_contacts?.directExecution?.({ accessToken: sandbox.token, limit: 0 })
    expect(response).toMatchObject({ success: false, error: expect.stringMatching(/^\[validation_error\] limit/) })
    expect(response?.output.error).toMatchObject({ code: 'validation_error', field: 'limit' })
    expect(sandbox.state.requestCount).toBe(before)
  })

  it('runs through request + transformResponse too, when a host ignores directExecution', async () => {
    const withoutDirect = Object.fromEntries(
      Object.entries(simTools(onSandbox())).map(([id, config]) => {
        const { directExecution: _unused, ...rest } = config
        return [id, rest]
      }),
    )
    const { toolId, response } = await runSimBlock(simBlock(onSandbox()), withoutDirect, {
      operation: 'list_contacts',
      per_page: '2',
      accessToken: sandbox.token,
    })
    expect(toolId).toBe('intercom_list_contacts')
    expect(response.success).toBe(true)
    expect(response.output.contacts).toHaveLength(2)
  })

  it('turns an Intercom error into a string with the code, keeps the structured error, never shows the token', async () => {
    const { response } = await runSimBlock(simBlock(onSandbox()), simTools(onSandbox()), {
      operation: 'get_contact',
      contactId: 'no-such-contact',
      accessToken: sandbox.token,
    })
    expect(response.success).toBe(false)
    expect(response.error).toMatch(/^\[not_found\] /)
    expect(response.output.error).toMatchObject({ code: 'not_found', status: 404 })
    expect(JSON.stringify(response)).not.toContain(sandbox.token)
  })

  it('reports a wrong token as unauthorized', async () => {
    const { response } = await runSimBlock(simBlock(onSandbox()), simTools(onSandbox()), {
      operation: 'list_admins',
      accessToken: 'not-a-token-of-this-workspace',
    })
    expect(response.error).toMatch(/^\[unauthorized\] /)
    expect(JSON.stringify(response)).not.toContain('not-a-token-of-this-workspace')
  })

  it('loads dropdown options from Intercom with the credential of the block being edited', async () => {
    const values: Record<string, Record<string, unknown>> = { block1: { accessToken: sandbox.token } }
    const config = simBlock({ ...onSandbox(), readValue: (blockId, subBlockId) => values[blockId]?.[subBlockId] })
    const adminField = subBlock(config, 'admin_id')
    expect(adminField.type).toBe('combobox')
    expect(adminField.dependsOn).toEqual(['accessToken', 'region'])
    const options = await adminField.fetchOptions?.('block1', 'admin_id')
    const admins = sandbox.state.snapshot().admins
    expect(options?.map((option) => option.id).sort()).toEqual(admins.map((admin) => admin.id).sort())
    const first = admins[0]
    expect(await adminField.fetchOptionById?.('block1', 'admin_id', first?.id ?? '')).toEqual({ id: first?.id, label: first?.name })
    await expect(adminField.fetchOptions?.('block2', 'admin_id')).rejects.toThrow(/\[validation_error\] accessToken/)
  })
})
