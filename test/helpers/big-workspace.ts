/**
 * A larger sandbox workspace for paging tests and benchmarks: the seeded one, grown to the given
 * numbers of contacts and companies (each extra company attached to one contact, so that
 * Intercom's listing shows it), written to a data file the sandbox starts from.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { seedData } from '../../sandbox/seed'
import { saveDataFile } from '../../sandbox/persist'

function hexId(prefix: string, index: number): string {
  return (prefix + index.toString(16)).padStart(24, '0').slice(-24)
}

export function bigWorkspaceFile(contacts: number, companies: number, seed = 1): string {
  const data = seedData(seed)
  const contactTemplate = data.contacts[0]
  const companyTemplate = data.companies[0]
  if (!contactTemplate || !companyTemplate) throw new Error('the seed has no contact or company to copy')
  for (let index = data.contacts.length; index < contacts; index++) {
    data.contacts.push({
      ...structuredClone(contactTemplate),
      id: hexId('c0ffee', index),
      external_id: `bulk-${index}`,
      email: `bulk${index}@example.com`,
      created_at: contactTemplate.created_at + index,
      company_ids: [],
      tag_ids: [],
    })
  }
  for (let index = data.companies.length; index < companies; index++) {
    const id = hexId('beef', index)
    data.companies.push({ ...structuredClone(companyTemplate), id, company_id: `bulk-co-${index}`, name: `Bulk ${index}`, created_at: companyTemplate.created_at + index })
    const owner = data.contacts[index % data.contacts.length]
    owner?.company_ids.push(id)
  }
  const file = join(mkdtempSync(join(tmpdir(), 'intercom-blocks-')), 'workspace.json')
  saveDataFile(file, data)
  return file
}
