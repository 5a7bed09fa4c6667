/**
 * aiSdkTools in the AI SDK itself: `generateText` with `ai`'s own mock language model, against the
 * embedded sandbox. The model asks for tool calls; the SDK runs them through our `execute` and
 * hands the results back to the model in the next step.
 */
import { generateText, stepCountIs, type ToolSet } from 'ai'
import { MockLanguageModelV3 } from 'ai/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { agentToolSchema } from '../../agents/json-schema'
import { aiSdkTools, listTools } from '../../index'
import { startSandbox, type Sandbox } from '../../sandbox'
import type { ToolError } from '../../types'
import { CONTEXT_FIELDS, propertyNames } from '../helpers/agents'

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
}

describe('aiSdkTools with the AI SDK', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 })
  })
  afterAll(async () => {
    await sandbox?.close()
  })

  it('offers every tool with its derived JSON Schema, and nothing of the context', () => {
    const tools = aiSdkTools({ accessToken: 'secret-token-9999', baseUrl: 'http://127.0.0.1:9' })
    expect(Object.keys(tools)).toEqual(listTools().map((tool) => tool.id))
    for (const tool of listTools()) {
      const entry = tools[tool.id]!
      expect(entry.description).toBe(tool.description)
      expect(entry.inputSchema['~standard'].jsonSchema.input({ target: 'draft-07' })).toEqual(agentToolSchema(tool).parameters)
      expect(propertyNames(entry.inputSchema['~standard'].jsonSchema.input({ target: 'draft-07' })).filter((name) => CONTEXT_FIELDS.includes(name))).toEqual([])
    }
    expect(JSON.stringify(Object.values(tools).map((entry) => entry.inputSchema['~standard'].jsonSchema.input({ target: 'draft-07' })))).not.toContain('secret-token-9999')
  })

  it('selects tools: readOnly, tools, and an unknown id throws naming it', () => {
    const readOnly = Object.keys(aiSdkTools({ accessToken: 't' }, { readOnly: true }))
    expect(readOnly).toEqual(listTools().filter((tool) => tool.annotations.readOnly).map((tool) => tool.id))
    expect(Object.keys(aiSdkTools({ accessToken: 't' }, { tools: ['intercom_list_tags', 'intercom_list_admins'] }))).toEqual(
      listTools().filter((tool) => ['intercom_list_tags', 'intercom_list_admins'].includes(tool.id)).map((tool) => tool.id),
    )
    expect(() => aiSdkTools({ accessToken: 't' }, { tools: ['intercom_list_tagz'] })).toThrow(/intercom_list_tagz/)
  })

  it('runs a model turn that calls tools: a good call gets its output, a bad one the validation error naming the field', async () => {
    const model = new MockLanguageModelV3({
      doGenerate: [
        {
          content: [
            { type: 'tool-call', toolCallId: 'call-1', toolName: 'intercom_list_admins', input: '{}' },
            { type: 'tool-call', toolCallId: 'call-2', toolName: 'intercom_list_contacts', input: JSON.stringify({ per_page: 'ten' }) },
          ],
          finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
          usage,
          warnings: [],
        },
        {
          content: [{ type: 'text', text: 'Done.' }],
          finishReason: { unified: 'stop', raw: 'stop' },
          usage,
          warnings: [],
        },
      ],
    })
    const tools: ToolSet = aiSdkTools({ accessToken: sandbox.token, baseUrl: sandbox.url }, { readOnly: true })
    const result = await generateText({ model, tools, stopWhen: stepCountIs(3), prompt: 'List the admins, then two contacts.' })

    expect(result.text).toBe('Done.')
    expect(result.steps).toHaveLength(2)
    const [admins, contacts] = result.steps[0]!.toolResults
    expect((admins!.output as { admins: unknown[] }).admins.length).toBeGreaterThan(0)
    expect((contacts!.output as { error: ToolError }).error).toMatchObject({ code: 'validation_error', field: 'per_page' })

    // The model received the function definitions, then both results in its next turn.
    const offered = model.doGenerateCalls[0]!.tools!.map((tool) => tool.name)
    expect(offered).toEqual(listTools().filter((tool) => tool.annotations.readOnly).map((tool) => tool.id))
    const toolMessage = model.doGenerateCalls[1]!.prompt.find((message) => message.role === 'tool')!
    const outputs = (toolMessage.content as Array<{ type: string; toolCallId: string; output: { type: string; value: unknown } }>).map((part) => [part.toolCallId, part.output.value])
    expect(outputs).toHaveLength(2)
    expect((outputs[0]![1] as { admins: unknown[] }).admins.length).toBeGreaterThan(0)
    expect((outputs[1]![1] as { error: ToolError }).error.field).toBe('per_page')
  })
})
