import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createMemoryHistory, createRouter } from 'vue-router'
import RecordTab from './RecordTab.vue'
import SendTemplateDialog from './SendTemplateDialog.vue'
import { setContext } from '../../lib/context'
import type { Status, TabMessage, TabView } from './tabApi'

const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<div />' } }] })
const plugins = [b24UiPlugin, router]

const statuses: Status[] = ['queued', 'sent', 'delivered', 'opened', 'clicked', 'bounced_hard', 'bounced_soft', 'complained', 'unsubscribed', 'suppressed']

const message = (id: number, status: Status): TabMessage => ({
  id, status, name: `letter-${id}`, kind: 'Campaign', step: null, recipient: 'anna@xn--80a1acny.xn--p1ai', recipientDisplay: 'anna@почта.рф', contactId: 7,
  queuedAt: '2026-01-01T00:00:00Z', sentAt: '2026-01-01T00:00:01Z', openedAt: status === 'opened' ? '2026-01-01T02:00:00Z' : null, opens: 0, humanOpens: 0,
  clickedAt: null, clicks: status === 'clicked' ? 1 : 0, humanClicks: 0, unsubscribedAt: null, detail: null,
  links: status === 'clicked' ? [{ url: 'https://shop.example/boots', clicks: 1, humanClicks: 1, firstClickAt: '2026-01-01T02:05:00Z' }] : [],
})

function view(active: boolean): TabView {
  return {
    record: { type: 'deal', id: 70, title: 'Winter boots', synced: true, stageName: 'Подготовка КП', stageSemantic: 'P', stageColor: null, pipelineName: 'Опт', amount: '1500.5', currency: 'RUB', responsibleId: 7, responsibleName: 'Мария Соколова' },
    contacts: [{ id: 7, name: 'Anna Petrova', addresses: [{ address: 'anna@example.org', display: 'anna@example.org', valid: true, suppression: 'manual', suppressionSource: null, suppressedAt: null, liftable: true }] }],
    messages: statuses.map((s, i) => message(i + 1, s)),
    enrollments: [{ id: 5, scenarioId: 1, scenario: 'nurture', state: active ? 'active' : 'exited', exitReason: null, step: 'pause', stepKind: 'wait', stepTemplate: null, dueAt: active ? '2026-01-03T00:00:00Z' : null, enteredAt: '2026-01-01T00:00:00Z', subjectKind: 'deal', stoppable: active }],
  }
}

type Call = { method: string; url: string; body: unknown }
let calls: Call[] = []
let stopped = false

function answer(status: number, body: unknown) {
  return Promise.resolve(new Response(body === undefined ? null : JSON.stringify(body), { status }))
}

beforeEach(() => {
  calls = []
  stopped = false
  setContext({ token: 'ceu_t', expiresAt: '', placement: 'deal-tab', entityId: 70, language: 'en', userId: 7, isAdmin: false, portalOrigin: '', initial: { record: { title: 'Winter boots' } } })
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    const method = init.method ?? 'GET'
    calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : undefined })
    if (method === 'GET' && url === '/api/ui/tabs/deal/70') return answer(200, view(!stopped))
    if (method === 'POST' && url === '/api/ui/tabs/deal/70/enrollments/5/stop') {
      stopped = true
      return answer(200, view(false).enrollments[0])
    }
    if (method === 'GET' && url === '/api/ui/tabs/deal/70/choices') return answer(200, { templates: [{ name: 'order-shipped', version: 2 }], scenarios: ['nurture'] })
    if (method === 'POST' && url === '/api/ui/tabs/deal/70/preview')
      return answer(422, { status: 422, title: 'Unprocessable Entity', detail: 'the template does not render for this contact', field: 'template' })
    return answer(404, { status: 404, title: 'Not Found', detail: 'no route', field: null })
  })
})

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('RecordTab', () => {
  it('shows one badge per status with its label, names instead of codes, and Unicode domains', async () => {
    const wrapper = mount(RecordTab, { global: { plugins }, attachTo: document.body })
    await flushPromises()
    const badges = wrapper.findAll('[data-test="message"] [data-status]')
    expect(badges.map((b) => b.attributes('data-status'))).toEqual(statuses)
    expect(badges.map((b) => b.text())).toEqual(['Queued', 'Sent', 'Delivered', 'Opened', 'Clicked', 'Bounced (hard)', 'Bounced (soft)', 'Complaint', 'Unsubscribed', 'Suppressed'])
    expect(wrapper.text()).toContain('Подготовка КП')
    expect(wrapper.text()).toContain('Мария Соколова')
    expect(wrapper.text()).toContain('anna@почта.рф')
    expect(wrapper.text()).toContain('https://shop.example/boots')
    expect(wrapper.find('[data-test="enrollment"]').text()).toMatch(/Step: pause due \S/)
    expect(calls[0]).toMatchObject({ method: 'GET', url: '/api/ui/tabs/deal/70' })
    wrapper.unmount()
  })

  it('stops an enrollment only after confirming, then shows it exited', async () => {
    const wrapper = mount(RecordTab, { global: { plugins }, attachTo: document.body })
    await flushPromises()
    await wrapper.get('[data-test="stop"]').trigger('click')
    await flushPromises()
    await vi.dynamicImportSettled()
    await flushPromises()
    expect(calls.some((c) => c.url.endsWith('/stop'))).toBe(false)
    const confirm = document.body.querySelector<HTMLButtonElement>('[data-test="confirm"]')
    expect(confirm).not.toBeNull()
    expect(document.body.textContent).toContain('Stop the scenario for this record?')
    confirm!.click()
    await flushPromises()
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/ui/tabs/deal/70/enrollments/5/stop'])
    expect(wrapper.get('[data-test="notice"]').text()).toContain('The scenario was stopped.')
    expect(wrapper.get('[data-test="enrollment"]').text()).toContain('Exited')
    expect(wrapper.find('[data-test="stop"]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('SendTemplateDialog', () => {
  it('checks the choice on the client first, naming the field', async () => {
    vi.stubGlobal('fetch', (url: string) => (url.endsWith('/choices') ? answer(200, { templates: [], scenarios: [] }) : answer(500, {})))
    const wrapper = mount(SendTemplateDialog, { props: { kind: 'deal', id: 70, contacts: view(true).contacts, open: true }, global: { plugins }, attachTo: document.body })
    await flushPromises()
    document.body.querySelector<HTMLButtonElement>('[data-test="send"]')!.click()
    await flushPromises()
    expect(document.body.querySelector('[data-slot="error"]')?.textContent).toContain('Choose one.')
    wrapper.unmount()
  })

  it('shows the server problem next to the field it names', async () => {
    const wrapper = mount(SendTemplateDialog, {
      props: { kind: 'deal', id: 70, contacts: view(true).contacts, open: true },
      global: { plugins },
      attachTo: document.body,
    })
    await flushPromises()
    document.body.querySelector<HTMLButtonElement>('[data-test="preview"]')!.click()
    await flushPromises()
    expect(calls.find((c) => c.url.endsWith('/preview'))?.body).toEqual({ template: 'order-shipped', contactId: 7 })
    const error = document.body.querySelector('[data-slot="error"]')
    expect(error?.textContent).toContain('the template does not render for this contact')
    expect(error?.parentElement?.querySelector('[data-test="template"]') ?? error?.parentElement?.parentElement?.querySelector('[data-test="template"]'), 'the error belongs to the template field').toBeTruthy()
    expect(document.body.querySelector('[role="alert"]')?.textContent ?? '').not.toContain('the template does not render')
    wrapper.unmount()
  })
})
