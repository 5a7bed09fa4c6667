import type { AnyToolDefinition } from '../../types'
import { attachContactToCompany } from './attach-contact-to-company'
import { detachContactFromCompany } from './detach-contact-from-company'

export { attachContactToCompany, detachContactFromCompany }

export const companyLinksTools: readonly AnyToolDefinition[] = [attachContactToCompany, detachContactFromCompany]
