import type { Messages } from '../../lib/i18n'

const messages: Messages = {
  en: { 'tab.soon': 'E-mail history will be shown here.', 'tab.notSynced': 'Record {id} is not synchronised yet.' },
  ru: { 'tab.soon': 'Здесь будет история писем.', 'tab.notSynced': 'Запись {id} ещё не синхронизирована.' },
}
export default messages
