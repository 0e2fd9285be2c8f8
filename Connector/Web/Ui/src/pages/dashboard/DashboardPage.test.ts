import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import DashboardPage from './DashboardPage.vue'
import { noFigures, plugins, useLanguage } from '../reports/testing'
import type { Dashboard } from '../reports/types'

const dashboard: Dashboard = {
  since: '2026-11-04T18:00:00.0000000Z',
  until: '2026-12-04T18:00:00.0000000Z',
  zone: { id: 'Europe/Moscow', source: 'portal' },
  totals: { ...noFigures, messages: 1000, sent: 990, delivered: 980, humanOpeners: 392, openers: 490, humanClickers: 49, clickers: 50, bounced: 10, complaints: 1, unsubscribes: 4 },
  rates: { delivery: 0.99, open: 0.4, openRaw: 0.5, click: 0.05, clickRaw: 0.051, clickToOpen: 0.125, unsubscribe: 0.004, bounce: 0.01, complaint: 0.001 },
  days: [{ date: '2026-12-03', sent: 990, delivered: 980, humanOpeners: 392, humanClickers: 49, bounced: 10, complaints: 1, unsubscribes: 4 }],
  warnings: [{ code: 'dns', severity: 'error', subject: 'example.com: dmarc', detail: 'no DMARC record', until: null, link: '/settings/domains' }],
}

function answer(body: unknown, status = 200) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }))
}

afterEach(() => vi.unstubAllGlobals())

describe('DashboardPage', () => {
  it('shows the figures with human and raw rates, the chart and the warnings', async () => {
    useLanguage('en')
    const fetch = answer(dashboard)
    vi.stubGlobal('fetch', fetch)
    const wrapper = mount(DashboardPage, { global: { plugins: plugins() } })
    await flushPromises()
    expect(fetch).toHaveBeenCalledWith('/api/ui/dashboard', expect.objectContaining({ method: 'GET' }))
    expect(wrapper.find('[data-card="sent"]').text()).toContain('990')
    expect(wrapper.find('[data-card="open"]').text()).toContain('human 40.0% · raw 50.0%')
    expect(wrapper.find('[data-card="complaints"]').text()).toContain('0.1% of delivered')
    expect(wrapper.find('[role="img"]').attributes('aria-label')).toContain('per day')
    expect(wrapper.find('[data-warning="dns"]').text()).toContain('example.com: dmarc')
    expect(wrapper.text()).toContain('Europe/Moscow')
  })

  it('says what to do when nothing was sent, in Russian', async () => {
    useLanguage('ru')
    vi.stubGlobal('fetch', answer({ ...dashboard, totals: noFigures, days: [], warnings: [] }))
    const wrapper = mount(DashboardPage, { global: { plugins: plugins() } })
    await flushPromises()
    expect(wrapper.text()).toContain('За последние 30 дней ничего не отправлено')
    expect(wrapper.find('a[href="/campaigns"]').exists()).toBe(true)
  })

  it('shows a failed call as the server said it, never a raw error', async () => {
    useLanguage('en')
    vi.stubGlobal('fetch', answer({ title: 'Bad zone', detail: 'zone must be a time zone id', field: 'zone' }, 400))
    const wrapper = mount(DashboardPage, { global: { plugins: plugins() } })
    await flushPromises()
    expect(wrapper.text()).toContain('zone must be a time zone id')
  })
})
