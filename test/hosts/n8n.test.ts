import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../sandbox'

// The n8n node, proven in a real n8n process: n8n 1.123.0 (installed outside the project by
// scripts/install-n8n.sh) loads dist/n8n/ as a custom extension, imports a credential pointing at
// the sandbox and a workflow, and executes it headless. The build (npm test runs tsup first) must
// have written dist/n8n/.

const run = promisify(execFile)
const N8N_VERSION = '1.123.0'
const n8nHome = process.env.N8N_HOME ?? join(homedir(), '.cache', 'intercom-blocks', `n8n-${N8N_VERSION}`)
const n8nBin = join(n8nHome, 'node_modules', '.bin', 'n8n')
const extension = resolve(__dirname, '..', '..', 'dist', 'n8n')
const installed = existsSync(join(n8nHome, '.installed')) && existsSync(n8nBin)
const missing = `n8n ${N8N_VERSION} is not installed in ${n8nHome}: run \`bash scripts/install-n8n.sh\` (about 4 minutes, 1.6 GB)`

if (!installed && process.env.CI) {
  describe('n8n node in real n8n', () => {
    it('needs n8n installed', () => {
      throw new Error(missing)
    })
  })
}

const NODE_TYPE = 'CUSTOM.intercomBlocks'
const CREDENTIAL = { id: 'IcbSandboxCred01', name: 'Intercom sandbox' }
const WORKFLOW_ID = 'IcbN8nWorkflow01'
const FAILING_ID = 'IcbN8nWorkflow02'

/** A workflow whose Intercom step fails: reading a contact that does not exist. */
function failingWorkflow() {
  return {
    id: FAILING_ID,
    name: 'Read a missing contact',
    active: false,
    versionId: randomUUID(),
    nodes: [
      { id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      {
        id: randomUUID(),
        name: 'Get contact',
        type: NODE_TYPE,
        typeVersion: 1,
        position: [200, 0],
        parameters: { resource: 'contacts', operation: 'get_contact', contactId: 'no-such-contact' },
        credentials: { intercomBlocksApi: CREDENTIAL },
      },
    ],
    connections: { Start: { main: [[{ node: 'Get contact', type: 'main', index: 0 }]] } },
    settings: {},
    pinData: {},
  }
}

function workflow() {
  const credentials = { intercomBlocksApi: CREDENTIAL }
  const node = (name: string, x: number, parameters: Record<string, unknown>) => ({
    id: randomUUID(),
    name,
    type: NODE_TYPE,
    typeVersion: 1,
    position: [x, 0],
    parameters,
    credentials,
  })
  return {
    id: WORKFLOW_ID,
    name: 'Create a contact and tag it',
    active: false,
    versionId: randomUUID(),
    nodes: [
      { id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      node('Create contact', 200, {
        resource: 'contacts',
        operation: 'create_contact',
        additionalFields: { role: 'user', email: 'n8n-host@example.com', name: 'N8n Host' },
      }),
      node('Create tag', 400, { resource: 'tags', operation: 'create_tag', name: 'From n8n' }),
      node('Tag contact', 600, {
        resource: 'tags',
        operation: 'tag_contact',
        contactId: "={{ $('Create contact').item.json.contactId }}",
        tagId: "={{ $('Create tag').item.json.id }}",
      }),
    ],
    connections: {
      Start: { main: [[{ node: 'Create contact', type: 'main', index: 0 }]] },
      'Create contact': { main: [[{ node: 'Create tag', type: 'main', index: 0 }]] },
      'Create tag': { main: [[{ node: 'Tag contact', type: 'main', index: 0 }]] },
    },
    settings: {},
    pinData: {},
  }
}

describe.skipIf(!installed)(`n8n node in real n8n ${N8N_VERSION}${installed ? '' : ` (skipped: ${missing})`}`, () => {
  let sandbox: Sandbox
  let folder: string
  // Not vitest's NODE_ENV=test and VITEST* variables: n8n reads NODE_ENV=test as its own test mode.
  const env = () => ({
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST'))),
    N8N_USER_FOLDER: folder,
    N8N_CUSTOM_EXTENSIONS: extension,
    N8N_ENCRYPTION_KEY: 'intercom-blocks-n8n-test',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
    DB_TYPE: 'sqlite',
  })
  const n8n = (...args: string[]) => run(n8nBin, args, { env: env(), cwd: folder, timeout: 240_000, maxBuffer: 32 * 1024 * 1024 })

  beforeAll(async () => {
    expect(existsSync(join(extension, 'IntercomBlocks.node.js')), 'dist/n8n/ is written by the build (npm run build)').toBe(true)
    sandbox = await startSandbox({ seed: 23, tokens: ['n8n-host-token'] })
    folder = mkdtempSync(join(tmpdir(), 'intercom-blocks-n8n-'))
    writeFileSync(
      join(folder, 'credentials.json'),
      JSON.stringify([
        { ...CREDENTIAL, type: 'intercomBlocksApi', data: { accessToken: sandbox.token, region: 'us', baseUrl: sandbox.url } },
      ]),
    )
    writeFileSync(join(folder, 'workflow.json'), JSON.stringify([workflow(), failingWorkflow()]))
    await n8n('import:credentials', `--input=${join(folder, 'credentials.json')}`)
    await n8n('import:workflow', `--input=${join(folder, 'workflow.json')}`)
  }, 600_000)

  afterAll(async () => {
    await sandbox?.close()
    if (folder) rmSync(folder, { recursive: true, force: true })
  })

  it('executes a workflow that creates a contact and tags it on the sandbox', async () => {
    const { stdout, stderr } = await n8n('execute', `--id=${WORKFLOW_ID}`, '--rawOutput')
    const start = stdout.search(/^\{/m)
    expect(start, `stdout: ${stdout}\nstderr: ${stderr}`).toBeGreaterThanOrEqual(0)
    const result = JSON.parse(stdout.slice(start)) as {
      data: { resultData: { runData: Record<string, Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>>; error?: unknown } }
    }
    const { runData, error } = result.data.resultData
    expect(error).toBeUndefined()
    const outputOf = (name: string) => runData[name]?.[0]?.data.main[0]?.[0]?.json
    const contact = outputOf('Create contact')
    const tag = outputOf('Create tag')
    expect(contact).toMatchObject({ contact: { email: 'n8n-host@example.com', name: 'N8n Host', role: 'user' } })
    expect(tag).toMatchObject({ name: 'From n8n' })
    expect(outputOf('Tag contact')).toEqual({ id: tag?.id, name: 'From n8n', type: 'tag' })

    const stored = sandbox.state.snapshot().contacts.find((entry) => entry.id === contact?.contactId)
    expect(stored?.email).toBe('n8n-host@example.com')
    expect(stored?.tag_ids).toContain(tag?.id)
    expect(stdout).not.toContain(sandbox.token)
  }, 300_000)

  it('fails a step with the Intercom error code, and never prints the token', async () => {
    const failed = await n8n('execute', `--id=${FAILING_ID}`, '--rawOutput').then(
      () => undefined,
      (error: { code?: number; stdout?: string; stderr?: string }) => error,
    )
    expect(failed, 'n8n execute exits non-zero').toBeDefined()
    const output = `${failed?.stdout ?? ''}${failed?.stderr ?? ''}`
    expect(output).toMatch(/\[not_found\] [^\n]*status 404/)
    expect(output).not.toContain(sandbox.token)
  }, 300_000)
})
