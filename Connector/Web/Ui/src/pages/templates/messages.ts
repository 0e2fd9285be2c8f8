import type { Messages } from '../../lib/i18n'

const messages: Messages = {
  en: { 'templates.soon': 'This section is being built.' },
  ru: { 'templates.soon': 'Этот раздел ещё строится.' },
}
export default messages
