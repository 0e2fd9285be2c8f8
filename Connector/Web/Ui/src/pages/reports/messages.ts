import type { Messages } from '../../lib/i18n'

const messages: Messages = {
  en: { 'reports.soon': 'This section is being built.' },
  ru: { 'reports.soon': 'Этот раздел ещё строится.' },
}
export default messages
