import type { Route } from '../router'
import { companyRoutes } from './companies'
import { contactLinkRoutes } from './contact-links'
import { contactRoutes } from './contacts'
import { conversationRoutes } from './conversations'
import { messageRoutes } from './messages'
import { ticketRoutes } from './tickets'
import { workspaceRoutes } from './workspace'
import { contactLifecycleRoutes } from './contact-lifecycle'
import { conversationParticipantRoutes } from './conversation-participants'
import { companyDeleteRoutes } from './company-delete'
import { dataAttributeRoutes } from './data-attributes'
import { helpCenterRoutes } from './help-center'

/** Every operation the sandbox serves. */
export const ROUTES: readonly Route[] = [
  ...workspaceRoutes,
  ...contactRoutes,
  ...contactLinkRoutes,
  ...companyRoutes,
  ...conversationRoutes,
  ...messageRoutes,
  ...ticketRoutes,
  ...contactLifecycleRoutes,
  ...conversationParticipantRoutes,
  ...companyDeleteRoutes,
  ...dataAttributeRoutes,
  ...helpCenterRoutes,
]
