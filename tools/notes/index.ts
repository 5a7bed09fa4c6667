import type { AnyToolDefinition } from '../../types'
import { createNote } from './create-note'

export { createNote }

export const notesTools: readonly AnyToolDefinition[] = [createNote]
