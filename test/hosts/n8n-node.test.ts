import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clearAdminCache, intercomBlock, listTools } from '../../index'
import { paramsOf } from '../../blocks/schema'
import {
  IntercomBlocks,
  IntercomBlocksApi,
  N8N_CREDENTIAL_NAME,
  N8N_LOADED_FILES,
  n8nPackageFiles,
  type N8nExecuteContext,
  type N8nProperty,
} from '../../hosts/n8n'
import { startSandbox, type Sandbox } from '../../sandbox'

// The node's description and execute(), with n8n's `this` played by a small fake; the real n8n
// process runs it in n8n.test.ts.

const root = resolve(__dirname, '..', '..')
const node = new IntercomBlocks()
const { properties } = node.description
const opOf = (toolId: string) => toolId.replace(/^intercom_/, '')
const shows = (property: N8nProperty, operation: string) => property.displayOptions?.show.operation?.includes(operation) ?? false

describe('n8n node description: derived from the registry', () => {
  it('offers every tool once, as an operation under its resource', () => {
    const resource = properties.find((property) => property.name === 'resource')
    const resources = (resource?.options as Array<{ value: string }>).map((option) => option.value)
    const operations = properties.filter((property) => property.name === 'operation')
    expect(operations.map((property) => property.displayOptions?.show.resource)).toEqual(resources.map((id) => [id]))
    const values = operations.flatMap((property) => (property.options as Array<{ value: string }>).map((option) => option.value))
    expect(values.sort()).toEqual(listTools().map((tool) => opOf(tool.id)).sort())
    for (const property of operations) expect(property.noDataExpression).toBe(true)
  })

  it('shows each required param of an operation as a required field, each optional one in its Additional Fields', () => {
    for (const tool of listTools()) {
      const operation = opOf(tool.id)
      const collections = properties.filter((property) => property.name === 'additionalFields' && shows(property, operation))
      expect(collections.length, tool.id).toBeLessThanOrEqual(1)
      const additional = (collections[0]?.options ?? []) as N8nProperty[]
      const required = properties.filter((property) => property.required && shows(property, operation))
      for (const info of paramsOf(tool)) {
        if (info.required) expect(required.some((property) => property.name.endsWith(info.name)), `${tool.id}.${info.name}`).toBe(true)
        else expect(additional.some((property) => property.name.endsWith(info.name)), `${tool.id}.${info.name}`).toBe(true)
      }
      expect(required.length + additional.length, tool.id).toBe(paramsOf(tool).length)
    }
  })

  it('never shows two fields of the same name for one operation', () => {
    for (const tool of listTools()) {
      // The resource and operation dropdowns are shown for every operation too.
      const names = ['resource', 'operation', ...properties.filter((property) => shows(property, opOf(tool.id))).map((property) => property.name)]
      expect(new Set(names).size, tool.id).toBe(names.length)
    }
  })

  it('is usable as an AI tool, needs its own credential, loads the options the block loads', () => {
    expect(node.description.usableAsTool).toBe(true)
    expect(node.description.credentials).toEqual([{ name: N8N_CREDENTIAL_NAME, required: true }])
    const tagId = properties.find((property) => property.name === 'tagId')
    expect(tagId?.typeOptions?.loadOptionsMethod).toBe('intercom_list_tags')
    // One loadOptions method per tool the block's dropdowns load through (admins, tags, ticket types and states ...).
    const loaded = [...new Set(intercomBlock.subBlocks.flatMap((field) => (field.optionsLoader ? [field.optionsLoader.tool] : [])))].sort()
    expect(loaded).toEqual(expect.arrayContaining(['intercom_list_admins', 'intercom_list_tags', 'intercom_list_ticket_types', 'intercom_list_ticket_states']))
    expect(Object.keys(node.methods.loadOptions).sort()).toEqual(loaded)
    const credential = new IntercomBlocksApi()
    expect(credential.properties.map((property) => property.name)).toEqual(['accessToken', 'region', 'baseUrl'])
    expect(credential.properties[0]?.typeOptions?.password).toBe(true)
  })

  it('is listed in package.json the way n8n loads community packages, and the build wrote those files', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { keywords: string[]; n8n: Record<string, unknown> }
    expect(pkg.keywords).toContain('n8n-community-node-package')
    expect(pkg.n8n).toEqual({ n8nNodesApiVersion: 1, nodes: [...N8N_LOADED_FILES.nodes], credentials: [...N8N_LOADED_FILES.credentials] })
    const files = n8nPackageFiles()
    for (const path of [...N8N_LOADED_FILES.nodes, ...N8N_LOADED_FILES.credentials]) {
      expect(existsSync(resolve(root, path)), `${path} (run the build)`).toBe(true)
      expect(readFileSync(resolve(root, path), 'utf8')).toBe(files[path.split('/').pop() ?? ''])
    }
    // n8n requires each file and takes the export named like the file.
    const require = createRequire(resolve(root, 'package.json'))
    const loaded = require(resolve(root, N8N_LOADED_FILES.nodes[0])) as Record<string, new () => IntercomBlocks>
    expect(new loaded.IntercomBlocks!().description.name).toBe(node.description.name)
  })
})

describe('n8n node execute() on the sandbox', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 41, tokens: ['n8n-unit-token'] })
    clearAdminCache()
  })
  afterAll(async () => {
    await sandbox?.close()
  })

  function fake(items: Array<Record<string, unknown>>, options: { continueOnFail?: boolean; token?: string } = {}): N8nExecuteContext {
    return {
      getInputData: () => items.map(() => ({ json: {} })),
      getNodeParameter: (name, index, fallback) => (name in (items[index] ?? {}) ? items[index]?.[name] : fallback),
      getCredentials: async (type) => {
        expect(type).toBe(N8N_CREDENTIAL_NAME)
        return { accessToken: options.token ?? sandbox.token, region: 'us', baseUrl: sandbox.url }
      },
      continueOnFail: () => options.continueOnFail ?? false,
    }
  }

  it('runs one call per item and pairs each output with its item', async () => {
    const [out] = await node.execute.call(
      fake([
        { resource: 'contacts', operation: 'list_contacts', additionalFields: { per_page: 2 } },
        { resource: 'tags', operation: 'create_tag', name: 'From n8n unit' },
      ]),
    )
    expect(out?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }])
    expect(out?.[0]?.json.contacts).toHaveLength(2)
    expect(out?.[1]?.json).toMatchObject({ name: 'From n8n unit', type: 'tag' })
  })

  it('reads JSON text, refuses what it cannot read naming the field, and reports Intercom errors with their code', async () => {
    const before = sandbox.state.requestCount
    await expect(node.execute.call(fake([{ operation: 'search_contacts', query: '{"field": ' }]))).rejects.toThrow(/^\[validation_error\] query: /)
    expect(sandbox.state.requestCount).toBe(before)
    const [found] = await node.execute.call(fake([{ operation: 'search_contacts', query: '{"field":"role","operator":"=","value":"lead"}' }]))
    expect(Array.isArray(found?.[0]?.json.contacts)).toBe(true)
    await expect(node.execute.call(fake([{ operation: 'get_contact', contactId: 'missing' }]))).rejects.toThrow(/^\[not_found\] .*status 404/)
    const [kept] = await node.execute.call(fake([{ operation: 'get_contact', contactId: 'missing' }], { continueOnFail: true }))
    expect(kept?.[0]?.json.error).toMatchObject({ code: 'not_found', status: 404 })
  })

  it('never shows the token in an error', async () => {
    const failed = node.execute.call(fake([{ operation: 'list_admins' }], { token: 'a-token-that-is-wrong' }))
    await expect(failed).rejects.toThrow(/^\[unauthorized\]/)
    await expect(failed).rejects.not.toThrow(/a-token-that-is-wrong/)
  })

  it('loads options through the credential', async () => {
    const options = await node.methods.loadOptions.intercom_list_admins!.call({
      getCredentials: async () => ({ accessToken: sandbox.token, baseUrl: sandbox.url, region: '' }),
    })
    expect(options.map((option) => option.value).sort()).toEqual(sandbox.state.snapshot().admins.map((admin) => admin.id).sort())
  })
})
