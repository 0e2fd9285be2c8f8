import type { Messages } from '../../lib/i18n'

const messages: Messages = {
  en: { 'dashboard.soon': 'This section is being built.' },
  ru: { 'dashboard.soon': 'Этот раздел ещё строится.' },
}
export default messages
