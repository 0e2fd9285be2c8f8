import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createMemoryHistory, createRouter } from 'vue-router'
import ReportsPage from './ReportsPage.vue'
import { noFigures, noRates, useLanguage } from './testing'
import type { ClickMap, Report, ReportList } from './types'

const report: Report = {
  kind: 'campaign', id: 'campaign:nov', name: 'November sale', state: null,
  totals: { ...noFigures, messages: 6, sent: 4, delivered: 3, humanOpeners: 2, openers: 3, humanClickers: 1, clickToOpen: 0.5 },
  rates: { ...noRates, open: 2 / 3, clickToOpen: 0.5 },
  domains: [{ domain: 'xn--80a1acny.xn--p1ai', display: 'почта.рф', figures: { ...noFigures, sent: 1 }, rates: noRates }],
  reaction: [{ fromSeconds: 0, toSeconds: 300, opens: 1, clicks: 0 }, { fromSeconds: 604800, toSeconds: null, opens: 0, clicks: 1 }],
  heat: { zone: { id: 'UTC', source: 'portal' }, opens: Array.from({ length: 7 }, (_, d) => Array.from({ length: 24 }, (_, h) => (d === 0 && h === 9 ? 2 : 0))) },
  baseline: { campaigns: 3, median: { ...noRates, open: 0.5 }, delta: { ...noRates, open: 1 / 6 } },
  experiment: {
    mode: 'ab', winnerBy: 'opens', decided: null, confidence: 0.998,
    current: { winner: 'A', pValue: 0.002, alpha: 0.05, lift: 0.4, reason: 'A wins on opens' },
    variants: [
      { name: 'A', subject: 'Sale!', templateName: null, queued: 20, sent: 20, delivered: 20, opens: 10, clicks: 0, openRate: 0.5, clickRate: 0 },
      { name: 'B', subject: 'News', templateName: null, queued: 20, sent: 20, delivered: 20, opens: 2, clicks: 0, openRate: 0.1, clickRate: 0 },
    ],
  },
}
const clickMap: ClickMap = { html: '<p>letter</p>', template: 'promo', version: 1, problem: null, problemDetail: null, links: [] }
const list: ReportList = { campaigns: [], scenarios: [], templates: [] }

function routes(answers: Record<string, unknown>) {
  return vi.fn(async (url: string) => {
    const path = url.replace('/api/ui/', '').split('?')[0]
    return path in answers
      ? new Response(JSON.stringify(answers[path]), { status: 200, headers: { 'Content-Type': 'application/json' } })
      : new Response(JSON.stringify({ title: 'Not found', detail: 'no campaign with that send key in this portal', field: 'id' }), { status: 404 })
  })
}

async function open(path: string) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/reports/:kind?/:id?', name: 'reports', component: ReportsPage }, { path: '/:rest(.*)*', component: { template: '<div />' } }] })
  await router.push(path)
  const wrapper = mount({ template: '<RouterView />' }, { global: { plugins: [b24UiPlugin, router] } })
  await flushPromises()
  return wrapper
}

afterEach(() => vi.unstubAllGlobals())

describe('ReportsPage', () => {
  it('shows a campaign report: figures, Unicode domains, A/B confidence, heat map and the click map frame', async () => {
    useLanguage('en')
    const fetch = routes({ 'reports/campaign/campaign%3Anov': report, 'reports/campaign/campaign%3Anov/click-map': clickMap })
    vi.stubGlobal('fetch', fetch)
    const wrapper = await open('/reports/campaign/campaign%3Anov')
    expect(wrapper.find('h2').text()).toContain('November sale')
    expect(wrapper.text()).toContain('почта.рф')
    expect(wrapper.text()).toContain('+16.7 pp')
    expect(wrapper.text()).toContain('Confidence that the leader is better: 99.8%')
    expect(wrapper.find('td[title="Mon, 9:00 — 2 opens"]').exists()).toBe(true)
    expect(wrapper.find('iframe').attributes('sandbox')).toBe('')
  })

  it('lists nothing with a next step when no campaign was sent yet', async () => {
    useLanguage('en')
    vi.stubGlobal('fetch', routes({ reports: list }))
    const wrapper = await open('/reports')
    expect(wrapper.find('[data-empty]').text()).toContain('No campaign sent yet')
  })

  it('says so when the report is not found, without a raw error', async () => {
    useLanguage('ru')
    vi.stubGlobal('fetch', routes({}))
    const wrapper = await open('/reports/campaign/campaign%3Agone')
    expect(wrapper.text()).toContain('no campaign with that send key in this portal')
    expect(wrapper.text()).not.toContain('Что-то пошло не так')
  })
})
