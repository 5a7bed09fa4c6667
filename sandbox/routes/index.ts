import type { Route } from '../router'
import { companyRoutes } from './companies'
import { contactLinkRoutes } from './contact-links'
import { contactRoutes } from './contacts'
import { conversationRoutes } from './conversations'
import { messageRoutes } from './messages'
import { ticketRoutes } from './tickets'
import { workspaceRoutes } from './workspace'

/** Every operation the sandbox serves. */
export const ROUTES: readonly Route[] = [
  ...workspaceRoutes,
  ...contactRoutes,
  ...contactLinkRoutes,
  ...companyRoutes,
  ...conversationRoutes,
  ...messageRoutes,
  ...ticketRoutes,
]
