import { describe, expect, it } from 'vitest'
import { listTriggers } from '../../index'
import { renderDocs, triggerDocPath } from '../../scripts/docs'

const rendered = renderDocs()

describe.each(listTriggers().map((trigger) => [trigger.id, trigger] as const))('%s: page', (id, trigger) => {
  const page = rendered[triggerDocPath(id)] ?? ''

  it('names the trigger, its description, topics and every output field, with its sample and the output it gives', () => {
    expect(page.startsWith(`# ${trigger.name}\n`)).toBe(true)
    expect(page).toContain(`\`${id}\``)
    expect(page).toContain(trigger.description)
    for (const topic of trigger.topics) expect(page).toContain(`\`${topic}\``)
    const output = page.split('\n## Output\n')[1]?.split('\n## ')[0] ?? ''
    const names = output.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ↳')).slice(2).map((line) => line.slice(2).split(' | ')[0])
    expect(names).toEqual(Object.keys((trigger.output as unknown as { shape: object }).shape))
    expect(page).toContain(JSON.stringify(trigger.sample, null, 2))
    expect(page).toContain(JSON.stringify(trigger.toOutput(trigger.sample), null, 2))
  })

  it('is linked from the README', () => {
    expect(rendered['README.md']).toContain(`](${triggerDocPath(id)})`)
  })
})
