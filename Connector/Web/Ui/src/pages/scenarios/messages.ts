import type { Messages } from '../../lib/i18n'

const messages: Messages = {
  en: { 'scenarios.soon': 'This section is being built.' },
  ru: { 'scenarios.soon': 'Этот раздел ещё строится.' },
}
export default messages
