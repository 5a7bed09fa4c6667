/**
 * The playground in real Chromium (Debian's `chromium`, driven by playwright-core): drag the
 * block onto the canvas, pick an operation, fill the form, run on the sandbox, read the output; a
 * bad value shows its error at the field; two blocks chain; the keyboard alone is enough.
 * Outside CI, a machine without Chromium skips these tests and says what to install; with
 * CI=true a missing browser fails them.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startPlayground, type Playground } from '../../playground/server'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const hasChromium = existsSync(CHROMIUM)
const inCi = process.env.CI === 'true' || process.env.CI === '1'
const SKIP = `skipped: no Chromium at ${CHROMIUM} (install it with: apt-get install -y chromium, or set CHROMIUM_PATH)`
const ARTIFACTS = resolve(__dirname, '../../.cache/artifacts')

describe.skipIf(!hasChromium && !inCi)(`the playground in Chromium${hasChromium || inCi ? '' : ` (${SKIP})`}`, () => {
  let browser: BrowserContext
  let playground: Playground
  let userDataDir: string
  let page: Page

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI needs Chromium for the browser tests: ${SKIP}`)
    playground = await startPlayground({ port: 0 })
    userDataDir = await mkdtemp(join(tmpdir(), 'intercom-blocks-chromium-'))
    // A fresh user-data dir for every run; the flags keep Chromium off the (closed) network.
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 1000 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await playground?.close()
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true })
  })

  beforeEach(async () => {
    page = await browser.newPage()
    await page.goto(playground.url)
    await page.locator('body[data-ready="true"]').waitFor()
  })

  const field = (block: string, id: string) => page.locator(`#f-${block}-${id}`)

  it('drags the block onto the canvas, shows the operation’s fields, runs it and shows the output', async () => {
    await page.locator('[data-palette="intercom"]').dragTo(page.locator('#canvas'))
    await expect.poll(() => page.locator('#canvas .node').count()).toBe(1)
    // A second instance, each configurable on its own.
    await page.locator('[data-palette="intercom"]').dragTo(page.locator('#canvas'))
    await expect.poll(() => page.locator('#canvas .node').count()).toBe(2)
    await page.locator('[data-block="block1"] .select').click()

    const operation = field('block1', 'operation')
    await expect.poll(() => operation.evaluate((node) => (node as HTMLSelectElement).querySelectorAll('optgroup').length)).toBeGreaterThan(3)
    await operation.selectOption('get_contact')
    await expect.poll(() => field('block1', 'contactId').count()).toBe(1)
    expect(await field('block1', 'email').count()).toBe(0)
    expect(await page.locator('label[for="f-block1-contactId"] .req').count()).toBe(1)

    await operation.selectOption('create_contact')
    await expect.poll(() => field('block1', 'email').count()).toBe(1)
    expect(await field('block1', 'contactId').count()).toBe(0)
    // Switches and JSON editors, drawn from the block's field types.
    expect(await page.locator('#f-block1-unsubscribed_from_emails[role="switch"]').count()).toBe(1)
    await field('block1', 'custom_attributes').fill('{"plan": ')
    await expect.poll(() => page.locator('#f-block1-custom_attributes-json').textContent()).toMatch(/Invalid JSON/)
    expect(await field('block1', 'custom_attributes').getAttribute('aria-invalid')).toBe('true')
    await field('block1', 'custom_attributes').fill('{"plan": "pro"}')
    await expect.poll(() => page.locator('#f-block1-custom_attributes-json').textContent()).toBe('')

    await field('block1', 'email').fill('browser@example.com')
    await page.locator('[data-block="block2"] [aria-label="Remove block2"]').click()
    await page.locator('#run').click()
    await expect.poll(() => page.locator('[data-block="block1"] .status').textContent()).toContain('ran')
    const tree = page.locator('#output .tree')
    await expect.poll(() => tree.textContent()).toContain('"browser@example.com"')
    expect(await tree.locator('details').count()).toBeGreaterThan(1)
    // Collapsible: closing the root hides its children.
    await tree.locator('summary').first().click()
    expect(await tree.locator('details').first().getAttribute('open')).toBeNull()
    const saved = playground.sandbox.state.snapshot().contacts.find((contact) => contact.email === 'browser@example.com')
    expect(saved?.custom_attributes).toMatchObject({ plan: 'pro' })
  })

  it('number inputs and switches reach the run: a page of 2, then Return all with a Limit of 3', async () => {
    await page.getByRole('button', { name: 'Add Intercom block to the workflow' }).click()
    await field('block1', 'operation').selectOption('list_contacts')
    const perPage = field('block1', 'per_page')
    expect(await perPage.getAttribute('type')).toBe('number')
    await perPage.fill('2')
    await page.locator('#run').click()
    await expect.poll(() => page.locator('[data-block="block1"] .status').textContent()).toContain('ran')
    const contacts = page.locator('#output .tree summary', { hasText: /^contacts: / })
    await expect.poll(() => contacts.first().textContent()).toBe('contacts: [2]')
    // The Return all switch, then a Limit: every page is walked, up to 3 contacts.
    await perPage.fill('')
    const returnAll = page.locator('#f-block1-returnAll[role="switch"]')
    await returnAll.check()
    expect(await page.locator('#f-block1-returnAll').isChecked()).toBe(true)
    const limit = field('block1', 'limit')
    expect(await limit.getAttribute('type')).toBe('number')
    await limit.fill('3')
    await page.locator('#run').click()
    await expect.poll(() => contacts.first().textContent()).toBe('contacts: [3]')
  })

  it('shows a refused value at the field it names, and says so to assistive technology', async () => {
    await page.getByRole('button', { name: 'Add Intercom block to the workflow' }).click()
    await field('block1', 'operation').selectOption('get_contact')
    await field('block1', 'contactId').fill('..')
    await page.locator('#run').click()
    await expect.poll(() => page.locator('#f-block1-contactId-error').textContent()).toMatch(/contactId/)
    expect(await field('block1', 'contactId').getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator('#output .error-code').textContent()).toBe('validation_error')
    expect(await page.locator('#output .error-field').textContent()).toBe('contactId')
    expect(await page.locator('#output [role="alert"]').count()).toBe(1)
    await expect.poll(() => page.locator('#announcer').textContent()).toMatch(/block1 failed/)
  })

  it('chains two blocks: the contact a first block creates is tagged by the second, with the tag picked from loaded options', async () => {
    const add = page.getByRole('button', { name: 'Add Intercom block to the workflow' })
    await add.click()
    await field('block1', 'operation').selectOption('create_contact')
    await field('block1', 'email').fill('chain@example.com')
    await add.click()
    await field('block2', 'operation').selectOption('tag_contact')
    // The tag dropdown is loaded through loadFieldOptions (intercom_list_tags on the sandbox).
    const tags = field('block2', 'tagId')
    await expect.poll(() => tags.locator('option').count()).toBeGreaterThan(1)
    const tagId = await tags.locator('option').nth(1).getAttribute('value')
    await tags.selectOption(tagId as string)
    await page.locator('[data-field="contactId"] .ref-picker').selectOption('{{block1.contactId}}')
    expect(await field('block2', 'contactId').inputValue()).toBe('{{block1.contactId}}')
    await page.locator('#run').click()
    await expect.poll(() => page.locator('[data-block="block2"] .status').textContent()).toContain('ran')
    expect(await page.locator('[data-block="block1"] .status').textContent()).toContain('ran')
    const contact = playground.sandbox.state.snapshot().contacts.find((candidate) => candidate.email === 'chain@example.com')
    expect(contact?.tag_ids).toContain(tagId)
    expect(await page.locator('#output .tree').textContent()).toContain(JSON.stringify(tagId))
    mkdirSync(ARTIFACTS, { recursive: true })
    await page.screenshot({ path: join(ARTIFACTS, 'playground.png'), fullPage: true })
  })

  it('loads ticket types, ticket states and assignees (admins and teams, grouped) into dropdowns', async () => {
    await page.getByRole('button', { name: 'Add Intercom block to the workflow' }).click()
    await field('block1', 'operation').selectOption('create_ticket')
    const types = field('block1', 'ticket_type_id')
    await expect.poll(() => types.locator('option').count()).toBe(playground.sandbox.state.snapshot().ticket_types.length + 1)
    await field('block1', 'operation').selectOption('update_ticket')
    await expect.poll(() => field('block1', 'ticket_state_id').locator('option').count()).toBeGreaterThan(1)
    await field('block1', 'operation').selectOption('assign_conversation')
    const assignees = field('block1', 'assignee_id')
    await expect.poll(() => assignees.locator('optgroup').count()).toBeGreaterThan(0)
    expect(await assignees.locator('option').count()).toBeGreaterThan(playground.sandbox.state.snapshot().admins.length)
  })

  it('starts the chain with a trigger: its sample event runs through the webhook handler and feeds the next block', async () => {
    await page.locator('[data-palette="intercom-trigger"]').dragTo(page.locator('#canvas'))
    await expect.poll(() => field('trigger', 'triggerId').count()).toBe(1)
    await field('trigger', 'triggerId').selectOption('intercom_contact_created')
    expect(await field('trigger', 'topics').count()).toBe(0)
    await field('trigger', 'clientSecret').fill('playground-secret')
    await page.getByRole('button', { name: 'Add Intercom block to the workflow' }).click()
    await field('block1', 'operation').selectOption('get_contact')
    await page.locator('[data-field="contactId"] .ref-picker').selectOption('{{trigger.contactId}}')
    await page.locator('#run').click()
    await expect.poll(() => page.locator('[data-block="trigger"] .status').textContent()).toContain('ran')
    // The sample contact is not in the sandbox: the reference was resolved and Intercom's answer is shown.
    await expect.poll(() => page.locator('[data-block="block1"] .status').textContent()).toContain('not_found')
    expect(await page.locator('#output .error-code').textContent()).toBe('not_found')
    await page.locator('[data-block="trigger"] .select').click()
    expect(await page.locator('#output .tree').textContent()).toContain('"contact.user.created"')
    // The catch-all asks for topics; a missing one is shown at its field.
    await field('trigger', 'triggerId').selectOption('intercom_webhook')
    await page.locator('#run').click()
    await expect.poll(() => page.locator('#f-trigger-topics-error').textContent()).toMatch(/topics/)
  })

  it('works with the keyboard alone, with a visible focus', async () => {
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('aria-label') || '')
    for (let step = 0; step < 20 && (await focused()) !== 'Add Intercom block to the workflow'; step++) await page.keyboard.press('Tab')
    expect(await focused()).toBe('Add Intercom block to the workflow')
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)
    expect(outline).not.toBe('none')
    await page.keyboard.press('Enter')
    expect(await focused()).toBe('f-block1-operation')
    // Type-ahead on the focused dropdown picks "List admins".
    await page.keyboard.type('List admins')
    await expect.poll(() => field('block1', 'operation').inputValue()).toBe('list_admins')
    for (let step = 0; step < 40 && (await focused()) !== 'run'; step++) await page.keyboard.press('Shift+Tab')
    expect(await focused()).toBe('run')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('[data-block="block1"] .status').textContent()).toContain('ran')
    expect(await page.locator('#output .tree').textContent()).toContain('admins')
  })
})
