import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createMemoryHistory, createRouter } from 'vue-router'
import PortalSettingsPanel from './PortalSettingsPanel.vue'
import { setContext } from '../../lib/context'
import { checkValues, type Values } from './portalRules'

type Call = { url: string; init: RequestInit }
let calls: Call[] = []
let answer: (call: Call) => Response

const setting = (field: string, key: string, effective: string, source: string, extra: Record<string, unknown> = {}) => ({
  field, key, group: 'g', kind: 'count', value: source === 'portal' ? effective : null, configured: source === 'configuration' ? effective : null,
  default: '0', effective, source, updatedAt: source === 'portal' ? '2026-12-04T10:00:00.0000000Z' : null, updatedBy: source === 'portal' ? 7 : null,
  updatedByName: source === 'portal' ? 'Anna Petrova' : null, ...extra,
})
const view = {
  settings: [
    setting('frequencyPerDay', 'Sending:FrequencyCap:PerDay', '2', 'portal'),
    setting('frequencyPerWeek', 'Sending:FrequencyCap:PerWeek', '5', 'configuration'),
    setting('quietHoursStart', 'Sending:QuietHours:Start', '', 'default'),
    setting('quietHoursEnd', 'Sending:QuietHours:End', '', 'default'),
    setting('quietHoursTimeZone', 'Sending:QuietHours:TimeZone', '', 'default'),
    setting('trackOpens', 'Tracking:Opens', 'false', 'portal'),
    setting('trackClicks', 'Tracking:Clicks', 'true', 'default'),
    setting('crmMayResubscribe', 'Suppression:CrmMayResubscribe', 'false', 'default'),
  ],
  changes: [{ field: 'trackOpens', key: 'Tracking:Opens', oldValue: null, newValue: 'false', at: '2026-12-04T10:00:00.0000000Z', by: 7, byName: 'Anna Petrova' }],
  portalTimeZone: 'Europe/Moscow',
  defaultTimeZone: 'UTC',
}
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

beforeEach(() => {
  setContext({ token: 'ceu_t', expiresAt: '', placement: 'app', entityId: null, language: 'en', userId: 1, isAdmin: true, portalOrigin: '', initial: null })
  calls = []
  answer = () => json(view)
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const call = { url, init }
    calls.push(call)
    return answer(call)
  })
})
afterEach(() => vi.unstubAllGlobals())

const mountPanel = async () => {
  const wrapper = mount(PortalSettingsPanel, {
    global: { plugins: [b24UiPlugin, createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<div/>' } }] })] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}
const puts = () => calls.filter((c) => c.init?.method === 'PUT')

describe('PortalSettingsPanel', () => {
  it('shows each value in effect with where it comes from, and the changes with who and when', async () => {
    const wrapper = await mountPanel()
    expect(calls[0].url).toBe('/api/ui/settings/portal')
    expect((wrapper.get('input[data-testid="frequencyPerDay"], [data-testid="frequencyPerDay"] input').element as HTMLInputElement).value).toBe('2')
    const text = wrapper.text()
    expect(text).toContain('Set for this portal')
    expect(text).toContain('by Anna Petrova')
    expect(text).toContain('From the configuration (Sending:FrequencyCap:PerWeek)')
    expect(text).toContain('Default (Sending:QuietHours:Start not set)')
    expect(text).toContain("Empty: the portal's zone (Europe/Moscow)")
    const changes = wrapper.get('[data-testid="portal-changes"]').text()
    expect(changes).toContain('Open pixel')
    expect(changes).toContain('Anna Petrova')
    expect(changes).toContain('configuration')
    expect(changes).toContain('off')
    wrapper.unmount()
  })

  it('refuses a per-day cap above the per-week cap on the client, next to the field, sending nothing', async () => {
    const wrapper = await mountPanel()
    await wrapper.get('input[data-testid="frequencyPerDay"], [data-testid="frequencyPerDay"] input').setValue('9')
    await wrapper.get('[data-testid="portal-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.text()).toContain('The per-day cap cannot be above the per-week cap.')
    expect(puts()).toHaveLength(0)
    wrapper.unmount()
  })

  it('sends only what changed (quiet hours start and end together) and shows the server refusal next to the field it names', async () => {
    const wrapper = await mountPanel()
    answer = (call) =>
      call.init?.method === 'PUT'
        ? json({ status: 400, title: 'Bad Request', detail: 'an unknown time zone: use an IANA id such as Europe/Moscow', field: 'quietHoursTimeZone' }, 400)
        : json(view)
    await wrapper.get('input[data-testid="quietHoursStart"], [data-testid="quietHoursStart"] input').setValue('21:00')
    await wrapper.get('input[data-testid="quietHoursEnd"], [data-testid="quietHoursEnd"] input').setValue('09:00')
    await wrapper.get('[data-testid="portal-form"]').trigger('submit')
    await flushPromises()
    expect(puts()).toHaveLength(1)
    expect(JSON.parse(String(puts()[0].init.body))).toEqual({ values: { quietHoursStart: '21:00', quietHoursEnd: '09:00' } })
    expect(wrapper.text()).toContain('an unknown time zone: use an IANA id such as Europe/Moscow')
    wrapper.unmount()
  })

  it('puts a value back to the configuration with null', async () => {
    const wrapper = await mountPanel()
    const reset = wrapper.findAll('button').find((b) => b.attributes('aria-label') === 'Use the configured value for Per day')!
    await reset.trigger('click')
    await flushPromises()
    expect(JSON.parse(String(puts()[0].init.body))).toEqual({ values: { frequencyPerDay: null } })
    wrapper.unmount()
  })
})

describe('portal rules', () => {
  const base: Values = {
    frequencyPerDay: '0', frequencyPerWeek: '0', quietHoursStart: '', quietHoursEnd: '', quietHoursTimeZone: '',
    trackOpens: 'true', trackClicks: 'true', crmMayResubscribe: 'false',
  }
  it('refuses what the server refuses, naming the same field', () => {
    expect(checkValues({ ...base, quietHoursStart: '22:00', quietHoursEnd: '22:00' }, new Set())).toEqual({ field: 'quietHoursEnd', key: 'settings.rule.quietEqual' })
    expect(checkValues({ ...base, quietHoursStart: '22:00' }, new Set())).toEqual({ field: 'quietHoursEnd', key: 'settings.rule.quietBoth' })
    expect(checkValues({ ...base, quietHoursTimeZone: 'Mars/Olympus' }, new Set())).toEqual({ field: 'quietHoursTimeZone', key: 'settings.rule.zone' })
    expect(checkValues({ ...base, frequencyPerDay: '3', frequencyPerWeek: '2' }, new Set(['frequencyPerWeek']))).toEqual({ field: 'frequencyPerWeek', key: 'settings.rule.dayAboveWeek' })
    expect(checkValues({ ...base, frequencyPerDay: '10001' }, new Set())).toEqual({ field: 'frequencyPerDay', key: 'settings.rule.count' })
    expect(checkValues({ ...base, quietHoursStart: '21:00', quietHoursEnd: '09:00', quietHoursTimeZone: 'Europe/Moscow', frequencyPerDay: '2', frequencyPerWeek: '5' }, new Set())).toBeNull()
  })
})
