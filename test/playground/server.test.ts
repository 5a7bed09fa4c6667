import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { intercomBlock } from '../../blocks/intercom'
import { ChainReferenceError, referencesIn, resolveReferences } from '../../playground/protocol'
import { runChain, startPlayground, type Playground } from '../../playground/server'

describe('references to earlier outputs', () => {
  const outputs = new Map<string, unknown>([
    ['block1', { contactId: 'c1', count: 0, active: false, contact: { tags: [{ id: 't9' }] } }],
  ])

  it('a whole-value reference keeps the value’s type, including 0 and false', () => {
    expect(resolveReferences({ a: '{{block1.contactId}}', b: '{{ block1.count }}', c: '{{block1.active}}' }, outputs)).toEqual({ a: 'c1', b: 0, c: false })
  })

  it('a reference inside text is replaced by its text, objects by their JSON', () => {
    expect(resolveReferences({ body: 'Hi {{block1.contactId}}, tag {{block1.contact.tags.0.id}}', json: '{"x": {{block1.contact.tags}}}' }, outputs)).toEqual({
      body: 'Hi c1, tag t9',
      json: '{"x": [{"id":"t9"}]}',
    })
  })

  it('leaves values without references as they are', () => {
    expect(resolveReferences({ n: 5, t: 'plain {not a ref}', b: true }, outputs)).toEqual({ n: 5, t: 'plain {not a ref}', b: true })
  })

  it('refuses a reference to no earlier block, or to a missing value, naming the field', () => {
    expect(() => resolveReferences({ contactId: '{{block2.id}}' }, outputs)).toThrow(ChainReferenceError)
    expect(() => resolveReferences({ contactId: '{{block2.id}}' }, outputs)).toThrow(/contactId: \{\{block2\.id\}\} refers to block2/)
    expect(() => resolveReferences({ contactId: '{{block1.id}}' }, outputs)).toThrow(/contactId: \{\{block1\.id\}\}: block1 has no "id"/)
    expect(() => resolveReferences({ x: 'a {{block1.contact.tags.5.id}} b' }, outputs)).toThrow(/block1\.contact\.tags has no "5"/)
    // Inherited properties are not outputs.
    expect(() => resolveReferences({ x: '{{block1.constructor}}' }, outputs)).toThrow(/has no "constructor"/)
    try {
      resolveReferences({ contactId: '{{block9.id}}' }, outputs)
    } catch (error) {
      expect((error as ChainReferenceError).field).toBe('contactId')
    }
  })

  it('lists the references a text holds', () => {
    expect(referencesIn('{{block1.a.b}} and {{block2.c}}')).toEqual([
      { block: 'block1', path: ['a', 'b'] },
      { block: 'block2', path: ['c'] },
    ])
  })
})

describe('the playground server', () => {
  let playground: Playground
  beforeAll(async () => {
    playground = await startPlayground({ port: 0 })
  })
  afterAll(() => playground.close())

  const post = (path: string, body: unknown, type = 'application/json') =>
    fetch(new URL(path, playground.url), { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) })

  it('serves the page, its script and the block as data (intercomBlock without its functions)', async () => {
    const page = await fetch(playground.url)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    const html = await page.text()
    const script = html.match(/<script src="\/([^"]+)"/)?.[1]
    expect(script).toBeDefined()
    const js = await fetch(new URL(script as string, playground.url))
    expect(js.status).toBe(200)
    expect((await js.text()).length).toBeGreaterThan(1000)
    const block = (await (await fetch(new URL('/api/block', playground.url))).json()) as Record<string, unknown>
    expect(block.subBlocks).toEqual(JSON.parse(JSON.stringify(intercomBlock.subBlocks)))
    expect(block.outputs).toEqual(JSON.parse(JSON.stringify(intercomBlock.outputs)))
    expect(block.operations).toEqual(intercomBlock.tools.access)
  })

  it('runs a chain in order on the sandbox, feeding one block’s output into the next', async () => {
    const response = await post('/api/run', {
      blocks: [
        { id: 'block1', values: { operation: 'create_contact', email: 'server-chain@example.com' } },
        { id: 'block2', values: { operation: 'create_tag', name: 'Chained' } },
        { id: 'block3', values: { operation: 'tag_contact', contactId: '{{block1.contactId}}', tagId: '{{block2.id}}' } },
      ],
    })
    expect(response.status).toBe(200)
    const { results } = (await response.json()) as { results: Array<{ id: string; status: string; output?: Record<string, unknown> }> }
    expect(results.map((result) => result.status)).toEqual(['success', 'success', 'success'])
    const contact = playground.sandbox.state.snapshot().contacts.find((candidate) => candidate.email === 'server-chain@example.com')
    expect(contact?.tag_ids).toEqual([results[1]?.output?.id])
  })

  it('stops the chain at the first failure and skips the rest; the error names the field', async () => {
    const { results } = await runChain(
      [
        { id: 'a', values: { operation: 'get_contact', contactId: '..' } },
        { id: 'b', values: { operation: 'list_admins' } },
      ],
      { accessToken: playground.sandbox.token, baseUrl: playground.sandbox.url },
    )
    expect(results[0]).toMatchObject({ id: 'a', status: 'error', error: { code: 'validation_error', field: 'contactId' } })
    expect(results[1]).toMatchObject({ id: 'b', status: 'skipped' })
    const bad = await runChain([{ id: 'a', values: { operation: 'get_contact', contactId: '{{z.id}}' } }], { accessToken: 'x', baseUrl: playground.sandbox.url })
    expect(bad.results[0]).toMatchObject({ status: 'error', error: { code: 'validation_error', field: 'contactId' } })
  })

  it('fires a trigger with its sample event through the real webhook handler, then feeds its output on', async () => {
    const { results } = await runChain(
      [
        { id: 'trigger', kind: 'trigger', values: { triggerId: 'intercom_conversation_created', clientSecret: 's3cret' } },
        { id: 'block1', values: { operation: 'get_conversation', conversationId: '{{trigger.conversationId}}' } },
      ],
      { accessToken: playground.sandbox.token, baseUrl: playground.sandbox.url },
    )
    expect(results[0]).toMatchObject({ status: 'success', output: { topic: expect.stringMatching(/^conversation\./) } })
    const conversationId = (results[0] as unknown as { output: { conversationId: string } }).output.conversationId
    expect(results[1]).toMatchObject({ status: 'error', error: { code: 'not_found' } })
    expect(JSON.stringify(results[1])).not.toContain('{{')
    expect(conversationId).toBeTruthy()
    const missing = await runChain([{ id: 'trigger', kind: 'trigger', values: { triggerId: 'intercom_conversation_created' } }], {})
    expect(missing.results[0]).toMatchObject({ status: 'error', error: { code: 'validation_error', field: 'clientSecret' } })
    const wrongTopics = await runChain([{ id: 'trigger', kind: 'trigger', values: { triggerId: 'intercom_webhook', clientSecret: 's', topics: 'ticket.closed' } }], {})
    expect(wrongTopics.results[0]).toMatchObject({ status: 'error', error: { code: 'trigger_not_fired', field: 'topics' } })
    const late = await post('/api/run', { blocks: [{ id: 'a', values: { operation: 'list_admins' } }, { id: 't', kind: 'trigger', values: {} }] })
    expect(((await late.json()) as { error: { field: string } }).error.field).toBe('blocks.1.kind')
  })

  it('loads dropdown options through loadFieldOptions', async () => {
    const response = await post('/api/options', { fieldId: 'tagId' })
    const answer = (await response.json()) as { success: boolean; options: Array<{ id: string; label: string }> }
    expect(answer.success).toBe(true)
    expect(answer.options.length).toBe(playground.sandbox.state.snapshot().tags.length)
  })

  it('refuses what it cannot read, naming the problem, and runs nothing', async () => {
    const before = playground.sandbox.state.requestCount
    expect((await post('/api/run', { blocks: [] })).status).toBe(400)
    expect((await post('/api/run', '{"blocks": [', 'application/json')).status).toBe(400)
    expect((await post('/api/run', { blocks: [{ id: 'a', values: { operation: 'list_admins' } }] }, 'text/plain')).status).toBe(415)
    const dup = await post('/api/run', { blocks: [{ id: 'a', values: {} }, { id: 'a', values: {} }] })
    expect(((await dup.json()) as { error: { field: string } }).error.field).toBe('blocks.1.id')
    const region = await post('/api/run', { blocks: [{ id: 'a', values: { operation: 'list_admins' } }], connection: { region: 'eu' } })
    expect(((await region.json()) as { error: { field: string } }).error.field).toBe('connection.region')
    const proto = await post('/api/run', { blocks: [{ id: 'a', values: { operation: 'list_admins' } }], connection: { accessToken: 't', region: 'constructor' } })
    expect(((await proto.json()) as { error: { field: string } }).error.field).toBe('connection.region')
    expect((await fetch(new URL('/nope', playground.url))).status).toBe(404)
    expect(playground.sandbox.state.requestCount).toBe(before)
  })

  it('uses a token the page sends for that run only, and never echoes it', async () => {
    const secret = 'dG9rLXNlY3JldC12YWx1ZQ'
    let seen: string | null = null
    const capture = await startPlayground({
      port: 0,
      context: {
        fetch: async (input, init) => {
          seen = new Headers(init?.headers ?? (input as Request).headers).get('authorization')
          return new Response(JSON.stringify({ type: 'error.list', errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }] }), { status: 401, headers: { 'content-type': 'application/json' } })
        },
      },
    })
    try {
      const response = await fetch(new URL('/api/run', capture.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ blocks: [{ id: 'a', values: { operation: 'list_admins', accessToken: 'ignored' } }], connection: { accessToken: secret, region: 'eu' } }),
      })
      const text = await response.text()
      expect(seen).toBe(`Bearer ${secret}`)
      expect(text).toContain('unauthorized')
      expect(text).not.toContain(secret)
    } finally {
      await capture.close()
    }
  })
})
