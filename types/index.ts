export type * from './tool'
