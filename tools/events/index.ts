import type { AnyToolDefinition } from '../../types'
import { createEvent } from './create-event'

export { createEvent }

export const eventsTools: readonly AnyToolDefinition[] = [createEvent]
