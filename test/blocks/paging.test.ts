import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { intercomBlock, runBlock } from '../../blocks/intercom'
import { startSandbox, type Sandbox } from '../../sandbox'
import { paginationOf } from '../../tools/paginate'
import { listTools } from '../../tools/registry'
import type { BlockRunContext } from '../../types'
import { bigWorkspaceFile } from '../helpers/big-workspace'

let sandbox: Sandbox
let context: BlockRunContext
let requests = 0
beforeAll(async () => {
  sandbox = await startSandbox({ data: bigWorkspaceFile(320, 20) })
  const counting: typeof fetch = (input, init) => {
    requests++
    return fetch(input, init)
  }
  context = { accessToken: sandbox.token, baseUrl: sandbox.url, fetch: counting }
})
afterAll(async () => {
  await sandbox?.close()
})

describe('block: Return all and Limit', () => {
  it('are shown for exactly the list and search operations that page, derived from the tools', () => {
    const paged = listTools()
      .filter((tool) => ['cursor', 'page', 'scroll'].includes(paginationOf(tool)?.style ?? ''))
      .map((tool) => tool.id.replace(/^intercom_/, ''))
    expect(paged).toContain('list_contacts')
    expect(paged).toContain('search_conversations')
    expect(paged).not.toContain('list_admins')
    for (const id of ['returnAll', 'limit']) {
      const field = intercomBlock.subBlocks.find((entry) => entry.id === id)
      expect(field?.param).toBeUndefined()
      expect([...(field?.condition?.value ?? [])].sort()).toEqual([...paged].sort())
    }
    expect(intercomBlock.subBlocks.find((entry) => entry.id === 'returnAll')).toMatchObject({ type: 'switch', defaultValue: false })
    expect(intercomBlock.subBlocks.find((entry) => entry.id === 'limit')).toMatchObject({ type: 'number-input' })
    expect(intercomBlock.inputs.returnAll?.type).toBe('boolean')
    expect(intercomBlock.inputs.limit?.type).toBe('number')
  })

  it('Return all gathers every item in the largest pages; Limit stops early; neither gives one page', async () => {
    requests = 0
    const all = await runBlock({ operation: 'list_contacts', returnAll: 'true' }, context)
    expect(all.success && (all.output.contacts as unknown[]).length).toBe(320)
    expect(requests).toBe(3)
    const limited = await runBlock({ operation: 'search_contacts', query: '{"field":"role","operator":"IN","value":["user","lead"]}', limit: '7' }, context)
    expect(limited.success && (limited.output.contacts as unknown[]).length).toBe(7)
    const both = await runBlock({ operation: 'list_contacts', returnAll: true, limit: 200 }, context)
    expect(both.success && (both.output.contacts as unknown[]).length).toBe(200)
    const onePage = await runBlock({ operation: 'list_contacts', returnAll: 'false', per_page: '5' }, context)
    expect(onePage.success && (onePage.output.contacts as unknown[]).length).toBe(5)
    expect(onePage.success && onePage.output.pages).toBeTruthy()
    expect(intercomBlock.tools.config.pagination?.({ operation: 'list_contacts', returnAll: 'true' })).toEqual({})
    expect(intercomBlock.tools.config.pagination?.({ operation: 'get_contact', returnAll: 'true' })).toBeUndefined()
  })

  it('refuses values it cannot read, naming the field, and sends nothing', async () => {
    requests = 0
    for (const [values, field] of [
      [{ operation: 'list_contacts', returnAll: 'yes' }, 'returnAll'],
      [{ operation: 'list_contacts', limit: '0' }, 'limit'],
      [{ operation: 'list_contacts', limit: '2.5' }, 'limit'],
      [{ operation: 'list_contacts', limit: 'ten' }, 'limit'],
    ] as const) {
      const result = await runBlock(values, context)
      expect(result).toMatchObject({ success: false, error: { code: 'validation_error', field } })
    }
    expect(requests).toBe(0)
  })
})
