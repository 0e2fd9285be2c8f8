import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createMemoryHistory, createRouter } from 'vue-router'
import ScenariosPage from './ScenariosPage.vue'
import { setContext } from '../../lib/context'
import { proposalExample } from './scenarioDocument'

vi.setConfig({ testTimeout: 30_000 })
setContext({ token: 'tok', expiresAt: '', placement: 'app', entityId: null, language: 'ru', userId: 1, isAdmin: false, portalOrigin: '', initial: null })

const item = { id: 7, name: 'proposal-follow-up', state: 'active', stateReason: null, version: 2, pinnedVersion: null, trigger: 'deal_entered_stage', enrolled: 1234, waiting: 5, completed: 6, exited: 7, skippedLate: 0, internal: false }
const answers: Record<string, unknown> = {
  'GET /api/ui/scenarios': [item],
  'GET /api/ui/scenarios/lookups': { pipelines: [{ id: 0, name: 'Продажи', stages: [{ id: 'PREPARATION', name: 'Предложение', semantic: 'P' }] }], templates: ['proposal', 'proposal-reminder'], segments: [], rfmSegments: ['at_risk'] },
  'GET /api/ui/scenarios/7': { scenario: item, shownVersion: 2, versions: [1, 2], document: proposalExample(), source: '' },
  'GET /api/ui/scenarios/7/funnel': { id: 7, version: 2, steps: [
    { step: 'offer', kind: 'send', entered: 10, waiting: 0, sent: 10, opened: 4, clicked: 1, exited: 0, completed: 0 },
    { step: 'wait-2d', kind: 'wait', entered: 10, waiting: 3, sent: 0, opened: 0, clicked: 0, exited: 2, completed: 0 },
  ] },
  'POST /api/ui/scenarios/7/pause': { id: 7, state: 'paused', stateReason: null },
  'POST /api/ui/scenarios/7/dry-run': { wouldEnter: 1, skippedLate: 0, skippedReEntry: 2, skippedActive: 0, sample: [{ deal: 700, dealTitle: 'Сделка <b>Анны</b>', contact: 70, contactName: 'Анна', at: '2026-12-04T10:00:00Z' }] },
}
answers['GET /api/ui/scenarios/7?version=2'] = answers['GET /api/ui/scenarios/7']
answers['GET /api/ui/scenarios/7/funnel?version=2'] = answers['GET /api/ui/scenarios/7/funnel']
const calls: string[] = []
vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
  const key = `${init.method} ${url}`
  calls.push(key)
  expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok')
  return key in answers
    ? new Response(JSON.stringify(answers[key]), { status: 200, headers: { 'Content-Type': 'application/json' } })
    : new Response(JSON.stringify({ title: 'Not found', detail: 'no scenario', field: 'id' }), { status: 404 })
}))

const mounted: { unmount: () => void }[] = []
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()))

async function page(path: string) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/scenarios/:id?', component: ScenariosPage }] })
  await router.push(path)
  const w = mount({ template: '<RouterView />' }, { global: { plugins: [b24UiPlugin, router] }, attachTo: document.body })
  mounted.push(w)
  await flushPromises()
  await flushPromises()
  return w
}

describe('ScenariosPage', () => {
  it('lists scenarios with state and counts in the viewer language', async () => {
    const w = await page('/scenarios')
    expect(w.text()).toContain('proposal-follow-up')
    expect(w.text()).toContain('Работает')
    expect(w.text()).toContain('Сделка переходит на стадию')
    expect(w.text()).toMatch(/1\s234/)
  })

  it('shows one scenario: its steps, the new-version note, pause, and the dry run with CRM names escaped', async () => {
    const w = await page('/scenarios/7')
    expect(w.findAll('[role="group"]').map((g) => g.attributes('aria-label'))[0]).toBe('Шаг 1: Отправить шаблон')
    expect(w.text()).toContain('сохранение создаст версию 3')
    const pause = w.findAll('button').find((b) => b.text() === 'Пауза')!
    await pause.trigger('click')
    await flushPromises()
    expect(calls).toContain('POST /api/ui/scenarios/7/pause')

    const tab = (label: string) => w.findAll('[role="tab"]').find((b) => b.text().trim() === label)!
    await tab('Воронка').trigger('mousedown', { button: 0 })
    await flushPromises()
    expect(w.text()).toContain('Отправлено')
    expect(w.text()).toMatch(/40,0\s?%/)

    await tab('Пробный прогон').trigger('mousedown', { button: 0 })
    await flushPromises()
    await w.findAll('button').find((b) => b.text() === 'Запустить пробный прогон')!.trigger('click')
    await flushPromises()
    expect(w.text()).toContain('Вошли бы сейчас: 1.')
    expect(w.text()).toContain('Сделка <b>Анны</b>')
    expect(w.find('tbody b').exists()).toBe(false)
  })

  it('says so when the scenario is not there', async () => {
    const w = await page('/scenarios/99')
    expect(w.text()).toContain('Такого сценария нет.')
  })
})
