import { describe, expect, it, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createMemoryHistory, createRouter } from 'vue-router'
import RfmPage from './RfmPage.vue'
import { setContext } from '../../lib/context'
import { expressionOf, shade, type RfmOverview } from './types'

function overview(contacts: number): RfmOverview {
  const cells = []
  for (let r = 5; r >= 1; r--) for (let f = 1; f <= 5; f++) cells.push({ r, f, segment: r === 5 && f === 5 ? 'champions' : r <= 2 && f >= 3 && f <= 4 ? 'at_risk' : 'hibernating', contacts: r === 5 && f === 5 ? contacts : 0, monetary: 0 })
  return {
    computedAt: contacts ? '2026-12-01T09:00:00.0000000Z' : null, currency: 'RUB', contacts,
    cells,
    segments: [{ segment: 'champions', contacts, monetary: 1500.5, averageRecencyDays: 3, averageFrequency: 4.5 }, { segment: 'at_risk', contacts: 0, monetary: 0, averageRecencyDays: 0, averageFrequency: 0 }],
    cohorts: contacts ? [{ month: '2026-09', size: 4, active: [4, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0] }] : [],
  }
}

function respond(body: unknown, status = 200) {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }))
}

async function mountPage(language: 'en' | 'ru' = 'en') {
  setContext({ token: 'tok', expiresAt: '', placement: 'app', entityId: null, language, userId: 1, isAdmin: false, portalOrigin: '', initial: null })
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/rfm', component: RfmPage }, { path: '/segments', component: { template: '<div />' } }] })
  await router.push('/rfm')
  const wrapper = mount(RfmPage, { global: { plugins: [b24UiPlugin, router] } })
  await flushPromises()
  return wrapper
}

describe('RfmPage', () => {
  beforeEach(() => {
    vi.restoreAllMocks()
  })

  it('draws the 5×5 grid, the segments in the viewer language and cohort retention as shares', async () => {
    vi.stubGlobal('fetch', vi.fn(() => respond(overview(2))))
    const wrapper = await mountPage('ru')
    const grid = wrapper.get('[data-test="grid"]')
    expect(grid.findAll('tbody td')).toHaveLength(25)
    expect(grid.findAll('tbody th').map((th) => th.text())).toEqual(['R 5', 'R 4', 'R 3', 'R 2', 'R 1'])
    expect(wrapper.get('[data-test="segments"]').text()).toContain('Чемпионы')
    expect(wrapper.get('[data-test="segments"]').text()).toContain('Под угрозой ухода')
    const cohort = wrapper.get('[data-test="cohorts"] tbody tr').findAll('td').map((td) => td.text().replace(/\s/g, ' '))
    expect(cohort.slice(0, 5)).toEqual(['4', '100 %', '25 %', '0 %', '50 %'])
    expect(wrapper.find('[data-test="empty"]').exists()).toBe(false)
  })

  it('says what to do when nothing is scored, and recomputes on the button', async () => {
    const fetch = vi.fn((url: string, init?: RequestInit) => respond(init?.method === 'POST' ? overview(3) : overview(0)))
    vi.stubGlobal('fetch', fetch)
    const wrapper = await mountPage()
    expect(wrapper.get('[data-test="empty"]').text()).toContain('No contact has a won deal')
    expect(wrapper.get('[data-test="computed"]').text()).toBe('Not computed yet')

    await wrapper.get('[data-test="refresh"]').trigger('click')
    await flushPromises()

    expect(fetch.mock.calls.map(([url, init]) => `${(init as RequestInit | undefined)?.method ?? 'GET'} ${url}`)).toEqual(['GET /api/ui/rfm', 'POST /api/ui/rfm/refresh'])
    expect((fetch.mock.calls[1][1] as RequestInit).headers).toMatchObject({ Authorization: 'Bearer tok' })
    expect(wrapper.find('[data-test="empty"]').exists()).toBe(false)
    expect(wrapper.get('[data-test="computed"]').text()).toContain('Computed')
  })

  it('lists a cell’s contacts with their segment expression; CRM names shown as text, never as HTML', async () => {
    const fetch = vi.fn((url: string) => url.includes('/contacts')
      ? respond([{ contactId: 7, name: '<img src=x onerror=alert(1)>', email: 'anna@example.org', lastWonAt: '2026-11-20T10:00:00Z', recencyDays: 11, frequency: 5, monetary: 1500.5, r: 5, f: 5, m: 5, since: '2026-11-21T00:00:00Z' }])
      : respond(overview(1)))
    vi.stubGlobal('fetch', fetch)
    const wrapper = await mountPage()

    await wrapper.get('button[data-cell="55"]').trigger('click')
    await flushPromises()

    const members = wrapper.get('[data-test="members"]')
    expect(fetch.mock.calls[1][0]).toBe('/api/ui/rfm/segments/champions/contacts?limit=50')
    expect(members.text()).toContain('rfm.segment = "champions"')
    expect(members.text()).toContain('<img src=x onerror=alert(1)>')
    expect(members.find('img').exists()).toBe(false)
    expect(members.text()).toContain('5 · 5 · 5')
  })

  it('shows the server’s problem instead of a raw error', async () => {
    vi.stubGlobal('fetch', vi.fn(() => respond({ title: 'Forbidden', detail: 'a card tab’s session cannot call this', status: 403 }, 403)))
    const wrapper = await mountPage()
    expect(wrapper.get('[role="alert"]').text()).toContain('Only a portal administrator may open this.')
  })
})

describe('rfm helpers', () => {
  it('shades by share of the largest cell and writes the segment expression', () => {
    expect(shade(0, 10)).toBe('transparent')
    expect(shade(10, 10)).toBe('rgba(0, 117, 255, 0.350)')
    expect(expressionOf('at_risk')).toBe('rfm.segment = "at_risk"')
  })
})
