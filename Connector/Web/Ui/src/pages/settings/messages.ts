import type { Messages } from '../../lib/i18n'

const messages: Messages = {
  en: { 'settings.soon': 'This section is being built.' },
  ru: { 'settings.soon': 'Этот раздел ещё строится.' },
}
export default messages
