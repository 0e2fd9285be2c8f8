import type { Messages } from '../../lib/i18n'

const messages: Messages = {
  en: { 'segments.soon': 'This section is being built.' },
  ru: { 'segments.soon': 'Этот раздел ещё строится.' },
}
export default messages
