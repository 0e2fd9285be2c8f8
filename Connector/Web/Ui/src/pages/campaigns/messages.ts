import type { Messages } from '../../lib/i18n'

const messages: Messages = {
  en: { 'campaigns.soon': 'This section is being built.' },
  ru: { 'campaigns.soon': 'Этот раздел ещё строится.' },
}
export default messages
