import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createMemoryHistory, createRouter } from 'vue-router'
import CampaignsPage from './CampaignsPage.vue'
import { setContext } from '../../lib/context'

setContext({ token: 't', expiresAt: '', placement: 'app', entityId: null, language: 'en', userId: 1, isAdmin: true, portalOrigin: '', initial: null })

const counts = { queued: 0, sent: 0, delivered: 0, opened: 0, clicked: 0 }
const summary = (state: string, sent = 0) => ({
  id: 5, name: 'Spring', state, phase: 'single', mode: 'single', template: 'news', segmentName: 'vips', launchAt: '2026-12-04T20:00:00Z', audience: 3,
  counts: { ...counts, queued: 3, sent, delivered: sent },
})
const details = (state: string, sent = 0, sharedAddress = 0) => ({
  id: 5, name: 'Spring', state, phase: 'single', mode: 'single', launchAt: '2026-12-04T20:00:00Z', audience: 3, template: 'news', segment: 'contact.id > 0',
  segmentName: 'vips', window: null, localTime: false, sendTimeOptimised: false, ledger: { sent }, refused: {}, sharedAddress, sendKey: 'scheduled-campaign:5',
  counts: [{ variant: null, ...counts, queued: 3, sent, delivered: sent, openRate: 0, clickRate: 0 }], variants: [], verdict: null,
})

// The server's answers by path; `state` is where the campaign is now (the test moves it on).
function server(state: { now: string; sent: number; shared?: number }) {
  return vi.fn(async (url: string) => {
    const path = url.replace('/api/ui/', '')
    const answers: Record<string, unknown> = {
      'campaigns/setup': { templates: [], sendingDomain: null, timeZone: 'UTC', utcOffsetMinutes: 0 },
      segments: [],
      campaigns: [summary(state.now, state.sent)],
      'campaigns/5': details(state.now, state.sent, state.shared),
    }
    return new Response(JSON.stringify(answers[path] ?? {}), { status: path in answers ? 200 : 404, headers: { 'Content-Type': 'application/json' } })
  })
}

async function open(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/campaigns/:id?', name: 'campaigns', component: CampaignsPage, props: { refreshMs: 1000 } },
      { path: '/reports/:kind?/:id?', name: 'reports', component: { template: '<div />' } },
    ],
  })
  await router.push(path)
  const wrapper = mount({ template: '<RouterView />' }, { global: { plugins: [b24UiPlugin, router] } })
  await flushPromises()
  return { wrapper, router }
}

const calls = (fetch: ReturnType<typeof server>, path: string) => fetch.mock.calls.filter(([url]) => url === `/api/ui/${path}`).length

describe('CampaignsPage', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('follows a sending campaign in the list and its results until it completes, then stops asking', async () => {
    const state = { now: 'running', sent: 1 }
    const fetch = server(state)
    vi.stubGlobal('fetch', fetch)
    const { wrapper } = await open('/campaigns/5')
    expect(wrapper.text()).toContain('Sending')

    state.now = 'completed'
    state.sent = 3
    await vi.advanceTimersByTimeAsync(1000)
    await flushPromises()
    const rows = wrapper.findAll('tr').map((r) => r.text())
    expect(rows.some((r) => r.includes('Spring') && r.includes('Completed'))).toBe(true)
    expect(rows.some((r) => r.includes('All recipients') && r.includes('3'))).toBe(true)

    const asked = calls(fetch, 'campaigns')
    await vi.advanceTimersByTimeAsync(5000)
    await flushPromises()
    expect(calls(fetch, 'campaigns')).toBe(asked)
  })

  it('asks nothing again while no campaign is scheduled or sending', async () => {
    const fetch = server({ now: 'completed', sent: 3 })
    vi.stubGlobal('fetch', fetch)
    await open('/campaigns')
    await vi.advanceTimersByTimeAsync(5000)
    await flushPromises()
    expect(calls(fetch, 'campaigns')).toBe(1)
  })

  it('says how many recipients share another one’s address only when some do', async () => {
    vi.stubGlobal('fetch', server({ now: 'completed', sent: 3 }))
    expect((await open('/campaigns/5')).wrapper.text()).not.toContain('Sharing another recipient’s address')
    vi.stubGlobal('fetch', server({ now: 'completed', sent: 3, shared: 2 }))
    expect((await open('/campaigns/5')).wrapper.text()).toContain('Sharing another recipient’s address (one letter an address): 2')
  })

  it('links the results to the campaign report by its send key', async () => {
    vi.stubGlobal('fetch', server({ now: 'completed', sent: 3 }))
    const { wrapper } = await open('/campaigns/5')
    const link = wrapper.findAll('a').find((a) => a.text() === 'Open the campaign’s report')
    expect(link?.attributes('href')).toBe('/reports/campaign/scheduled-campaign:5')
  })

  it('stops following when the page closes', async () => {
    const fetch = server({ now: 'running', sent: 1 })
    vi.stubGlobal('fetch', fetch)
    const { wrapper } = await open('/campaigns')
    wrapper.unmount()
    const asked = calls(fetch, 'campaigns')
    await vi.advanceTimersByTimeAsync(5000)
    expect(calls(fetch, 'campaigns')).toBe(asked)
  })
})
