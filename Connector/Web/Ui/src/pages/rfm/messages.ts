import type { Messages } from '../../lib/i18n'

const messages: Messages = {
  en: { 'rfm.soon': 'This section is being built.' },
  ru: { 'rfm.soon': 'Этот раздел ещё строится.' },
}
export default messages
