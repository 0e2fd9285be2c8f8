import type { Messages } from './i18n'

// Every section's messages in one lazily loaded chunk (see loadAppMessages in i18n.ts).
export const modules = import.meta.glob<{ default: Messages }>('../pages/*/messages.ts', { eager: true })
