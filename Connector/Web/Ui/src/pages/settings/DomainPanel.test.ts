import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createMemoryHistory, createRouter } from 'vue-router'
import DomainPanel from './DomainPanel.vue'
import { setContext } from '../../lib/context'
import { domainRule } from './rules'

const overview = { domain: 'example.com', fromAddress: 'news@example.com', dkimDomain: 'example.com', bounceDomain: 'bounces.example.com', relays: ['relay.example.com'],
  keys: [{ selector: 'rsa-20261204', algorithm: 'rsa', name: 'rsa-20261204._domainkey.example.com', value: 'v=DKIM1; k=rsa; p=MIIB' }], keyProblem: null }
const report = { domain: 'example.com', status: 'fail', checks: [
  { check: 'spf', status: 'pass', detail: 'one record', fix: null },
  { check: 'dmarc', status: 'fail', detail: 'no record', fix: 'publish _dmarc.example.com TXT v=DMARC1; p=quarantine' },
] }
let urls: string[] = []

beforeEach(() => {
  setContext({ token: 'ceu_t', expiresAt: '', placement: 'app', entityId: null, language: 'ru', userId: 1, isAdmin: true, portalOrigin: '', initial: null })
  urls = []
  vi.stubGlobal('fetch', async (url: string) => {
    urls.push(url)
    return new Response(JSON.stringify(url.includes('/check') ? report : overview), { status: 200 })
  })
})
afterEach(() => vi.unstubAllGlobals())

const mountPanel = async () => {
  const wrapper = mount(DomainPanel, {
    global: { plugins: [b24UiPlugin, createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<div/>' } }] })] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

describe('DomainPanel', () => {
  it('shows the DKIM record to publish and checks the From domain, grading each record in Russian', async () => {
    const wrapper = await mountPanel()
    expect(wrapper.get('[data-testid="dkim-key"]').text()).toContain('rsa-20261204._domainkey.example.com')
    await wrapper.get('[data-testid="check-form"]').trigger('submit')
    await flushPromises()
    expect(urls).toContain('/api/ui/settings/domain/check?domain=example.com')
    const text = wrapper.get('[data-testid="check-report"]').text()
    expect(text).toContain('норма')
    expect(text).toContain('ошибка')
    expect(text).toContain('publish _dmarc.example.com')
    wrapper.unmount()
  })

  it('refuses a bad domain on the client, next to the field, as the server would', async () => {
    const wrapper = await mountPanel()
    const input = wrapper.get('[data-testid="check-domain"] input, input[data-testid="check-domain"]')
    await input.setValue('not a domain')
    await wrapper.get('[data-testid="check-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="check-form"]').text()).toContain('Некорректное имя домена')
    expect(urls.filter((u) => u.includes('/check'))).toHaveLength(0)
    expect(domainRule('почта.рф')).toBeNull()
    expect(domainRule('nodot')).toBe('settings.rule.domain')
    wrapper.unmount()
  })
})
