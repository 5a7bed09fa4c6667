/** Valid params per tool id: used by the contract, JSON Schema and sandbox tests. */
export type Samples = Record<string, Array<Record<string, unknown>>>
