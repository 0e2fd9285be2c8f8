import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import type { PageContext } from './lib/context'
import { loadAppMessages } from './lib/i18n'

// One lazily loaded chunk per section, so a card tab loads only its own code (charts only where a chart is shown).
export const sections = ['dashboard', 'scenarios', 'campaigns', 'templates', 'segments', 'reports', 'rfm', 'settings'] as const
export type Section = (typeof sections)[number]

export const appRoutes: RouteRecordRaw[] = [
  { path: '/', redirect: '/dashboard' },
  { path: '/dashboard', name: 'dashboard', component: () => import('./pages/dashboard/DashboardPage.vue') },
  { path: '/scenarios/:id?', name: 'scenarios', component: () => import('./pages/scenarios/ScenariosPage.vue') },
  { path: '/campaigns/:id?', name: 'campaigns', component: () => import('./pages/campaigns/CampaignsPage.vue') },
  { path: '/templates/:id?', name: 'templates', component: () => import('./pages/templates/TemplatesPage.vue') },
  { path: '/segments/:id?', name: 'segments', component: () => import('./pages/segments/SegmentsPage.vue') },
  { path: '/reports/:kind?/:id?', name: 'reports', component: () => import('./pages/reports/ReportsPage.vue') },
  { path: '/rfm', name: 'rfm', component: () => import('./pages/rfm/RfmPage.vue') },
  { path: '/settings/:tab?', name: 'settings', component: () => import('./pages/settings/SettingsPage.vue') },
]

const tabRoutes: RouteRecordRaw[] = [
  { path: '/', name: 'tab', component: () => import('./pages/tab/RecordTab.vue') },
  { path: '/:rest(.*)*', redirect: '/' },
]

export function createAppRouter(context: PageContext) {
  const router = createRouter({ history: createWebHashHistory(), routes: context.placement === 'app' ? appRoutes : tabRoutes })
  if (context.placement === 'app') router.beforeEach(() => loadAppMessages())
  return router
}
