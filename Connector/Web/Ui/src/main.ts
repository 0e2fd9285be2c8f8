import { createApp } from 'vue'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import './main.css'
import App from './App.vue'
import { createAppRouter } from './router'
import { readContext } from './lib/context'
import { startFrame } from './lib/frame'

const context = readContext(document)
const app = createApp(App)
app.use(createAppRouter(context))
app.use(b24UiPlugin)
app.mount('#app')
void startFrame(window)
