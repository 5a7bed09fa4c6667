import type { AnyToolDefinition } from '../../types'
import { listDataAttributes } from './list-data-attributes'

export { listDataAttributes }

export const dataAttributesTools: readonly AnyToolDefinition[] = [listDataAttributes]
