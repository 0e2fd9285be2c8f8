import { addMessages } from './lib/i18n'
import { modules } from './lib/app.messages'

// Component tests mount sections without the router that loads their messages on the app page.
addMessages(modules)
