/**
 * The `data` file: the whole workspace as JSON. Every save writes a temporary file in the same
 * folder, flushes it to disk and renames it over the old file, so the file is always either the
 * old or the new state, never half of one.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { SandboxData } from './types'

const FORMAT = 'intercom-blocks-sandbox'
const FORMAT_VERSION = 1
let saves = 0

interface DataFile {
  format: typeof FORMAT
  version: typeof FORMAT_VERSION
  data: SandboxData
}

/** The saved workspace, or undefined when the file does not exist. Throws on a corrupt file. */
export function loadDataFile(path: string): SandboxData | undefined {
  if (!existsSync(path)) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new Error(`The sandbox data file ${path} is not valid JSON (${(error as Error).message}); move it away to start from the seed`)
  }
  const file = parsed as Partial<DataFile> | null
  if (!file || file.format !== FORMAT || file.version !== FORMAT_VERSION || typeof file.data !== 'object' || file.data === null) {
    throw new Error(`${path} is not a sandbox data file (format ${FORMAT} version ${FORMAT_VERSION})`)
  }
  const data = file.data
  const lists = ['admins', 'teams', 'tags', 'data_attributes', 'contacts', 'notes', 'companies', 'conversations', 'ticket_types', 'tickets', 'events'] as const
  if (!lists.every((key) => Array.isArray(data[key])) || typeof data.counters !== 'object' || data.admins.length === 0) {
    throw new Error(`${path} is a sandbox data file with missing parts`)
  }
  return data
}

/** Writes the workspace atomically: temp file in the same folder, fsync, rename. */
export function saveDataFile(path: string, data: SandboxData): void {
  const folder = dirname(path)
  mkdirSync(folder, { recursive: true })
  saves += 1
  const temp = join(folder, `.${basename(path)}.${process.pid}.${saves}.tmp`)
  const file: DataFile = { format: FORMAT, version: FORMAT_VERSION, data }
  const fd = openSync(temp, 'wx')
  try {
    writeSync(fd, JSON.stringify(file))
    fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    rmSync(temp, { force: true })
    throw error
  }
  closeSync(fd)
  try {
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
  syncFolder(folder)
}

/** Flushes the rename itself where the platform allows it (not on Windows). */
function syncFolder(folder: string): void {
  let fd: number | undefined
  try {
    fd = openSync(folder, 'r')
    fsyncSync(fd)
  } catch {
    // Folders cannot be opened or synced on every platform; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
