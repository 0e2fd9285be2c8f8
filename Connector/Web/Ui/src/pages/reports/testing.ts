// Shared by the reports and dashboard component tests: the kit plugin, a memory router for RouterLink, a page context.
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createMemoryHistory, createRouter } from 'vue-router'
import { setContext } from '../../lib/context'
import type { Figures, Rates } from './types'

export function useLanguage(language: 'ru' | 'en') {
  setContext({ token: 't', expiresAt: '', placement: 'app', entityId: null, language, userId: 1, isAdmin: true, portalOrigin: 'https://a.bitrix24.test', initial: null })
}

export function plugins() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:rest(.*)*', component: { template: '<div />' } }] })
  return [b24UiPlugin, router]
}

export const noFigures: Figures = {
  domain: '', messages: 0, sent: 0, delivered: 0, bouncedHard: 0, bouncedSoft: 0, bouncedPolicy: 0, bounced: 0, complaints: 0, unsubscribes: 0,
  humanOpeners: 0, humanReaders: 0, openers: 0, humanOpens: 0, opens: 0, humanClickers: 0, clickers: 0, humanClicks: 0, clicks: 0, clickToOpen: null,
}

export const noRates: Rates = { delivery: null, open: null, openRaw: null, click: null, clickRaw: null, clickToOpen: null, unsubscribe: null, bounce: null, complaint: null }
