export type * from './tool'
export type * from './block'
export type * from './trigger'
