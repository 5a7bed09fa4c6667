/** Where the CLI writes and what it reads from its environment: injectable for tests. */
export interface CliIo {
  /** Output meant for programs (JSON results, lists). */
  stdout: (text: string) => void
  /** Progress, notices and errors, for people. */
  stderr: (text: string) => void
  env: Record<string, string | undefined>
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
}

/** The one-line hint of a usage error that is not about a tool's params. */
export const SEE_USAGE = 'intercom-blocks --help shows the usage'

/**
 * A usage or input problem: printed on stderr, exit code 2. With a `hint` (one line saying where
 * to look), the hint is printed instead of the whole usage.
 */
export class CliUsageError extends Error {
  override name = 'CliUsageError'
  readonly hint: string | undefined

  constructor(message: string, hint?: string) {
    super(message)
    this.hint = hint
  }
}
