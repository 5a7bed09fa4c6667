export type * from './tool'
export type * from './block'
