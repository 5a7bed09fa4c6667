import { rmSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { journalPath } from '../sandbox/persist'

/** Overrides where `run` keeps the embedded sandbox's state (tests point it at a temp folder). */
export const SANDBOX_STATE_ENV = 'INTERCOM_BLOCKS_SANDBOX_STATE'

/**
 * Where `run` without a token keeps the embedded sandbox's workspace between runs:
 * `$INTERCOM_BLOCKS_SANDBOX_STATE`, else `$XDG_CACHE_HOME/intercom-blocks/sandbox.json`, else
 * `~/.cache/intercom-blocks/sandbox.json`.
 */
export function sandboxStatePath(env: Record<string, string | undefined>): string {
  const override = env[SANDBOX_STATE_ENV]
  if (override !== undefined && override.trim() !== '') return override
  const cache = env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME.trim() !== '' ? env.XDG_CACHE_HOME : join(env.HOME ?? homedir(), '.cache')
  return join(cache, 'intercom-blocks', 'sandbox.json')
}

/** Forgets the kept state: the next start seeds a fresh workspace. */
export function resetSandboxState(path: string): void {
  rmSync(path, { force: true })
  rmSync(journalPath(path), { force: true })
}
