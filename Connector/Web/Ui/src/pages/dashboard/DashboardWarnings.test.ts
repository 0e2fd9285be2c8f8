import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import DashboardWarnings from './DashboardWarnings.vue'
import { plugins, useLanguage } from '../reports/testing'
import type { DashboardWarning } from '../reports/types'

const warnings: DashboardWarning[] = [
  { code: 'reauth', severity: 'error', subject: 'a.bitrix24.test', detail: null, until: null, link: 'https://a.bitrix24.test/' },
  { code: 'domain_paused', severity: 'warning', subject: 'почта.рф', detail: '550 5.7.1 <b>policy</b>', until: '2026-12-04T20:00:00.0000000Z', link: '/settings/transports' },
  { code: 'complaints', severity: 'error', subject: '0.0025', detail: '3 of 1200 delivered', until: null, link: '/reports' },
  { code: 'dns', severity: 'error', subject: 'example.com: spf', detail: 'no SPF record — publish one TXT record', until: null, link: '/settings/domains' },
]

describe('DashboardWarnings', () => {
  it('renders every warning with what it is about and a link to where it is fixed', async () => {
    useLanguage('en')
    const wrapper = mount(DashboardWarnings, { props: { warnings }, global: { plugins: plugins() } })
    await flushPromises()
    const items = wrapper.findAll('[data-warning]')
    expect(items.map((i) => i.attributes('data-warning'))).toEqual(['reauth', 'domain_paused', 'complaints', 'dns'])
    expect(items[0].text()).toContain('a.bitrix24.test')
    expect(items[0].find('a').attributes('href')).toBe('https://a.bitrix24.test/')
    expect(items[0].find('a').attributes('target')).toBe('_blank')
    expect(items[1].text()).toContain('почта.рф')
    expect(items[1].text()).toContain('550 5.7.1 <b>policy</b>')
    expect(items[1].find('b').exists()).toBe(false)
    expect(items[1].find('a').attributes('href')).toBe('/settings/transports')
    expect(items[2].text()).toContain('0.3%')
    expect(items[3].text()).toContain('example.com: spf')
    expect(items[3].find('a').attributes('href')).toBe('/settings/domains')
    expect(wrapper.findAll('[role="alert"], .crmesp-warnings li').length).toBeGreaterThanOrEqual(4)
  })

  it('says how many messages wait for an unreachable relay, and until when, in both languages', async () => {
    const relay: DashboardWarning = { code: 'relay_unreachable', severity: 'error', subject: '2', detail: 'relay unreachable: smtp.example.com:587: connection refused', until: '2026-12-04T20:00:00.0000000Z', link: '/settings/transports' }
    for (const [language, words] of [['en', 'messages waiting: 2'], ['ru', 'писем в ожидании: 2']] as const) {
      useLanguage(language)
      const wrapper = mount(DashboardWarnings, { props: { warnings: [relay] }, global: { plugins: plugins() } })
      await flushPromises()
      const item = wrapper.find('[data-warning="relay_unreachable"]')
      expect(item.text()).toContain(words)
      expect(item.text()).toContain('2026')
      expect(item.text()).toContain('connection refused')
      expect(item.find('a').attributes('href')).toBe('/settings/transports')
      expect(item.find('a').text()).not.toContain('dashboard.w.fix')
      wrapper.unmount()
    }
  })

  it('says so when nothing needs attention, in Russian', () => {
    useLanguage('ru')
    const wrapper = mount(DashboardWarnings, { props: { warnings: [] }, global: { plugins: plugins() } })
    expect(wrapper.text()).toContain('Всё в порядке')
    expect(wrapper.find('h2').text()).toBe('Требует администратора')
  })

  it('formats the complaint rate in the viewer locale', () => {
    useLanguage('ru')
    const wrapper = mount(DashboardWarnings, { props: { warnings: [warnings[2]] }, global: { plugins: plugins() } })
    expect(wrapper.text()).toMatch(/0,3\s?%/)
  })
})
