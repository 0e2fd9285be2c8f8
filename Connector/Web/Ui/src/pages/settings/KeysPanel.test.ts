import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createMemoryHistory, createRouter } from 'vue-router'
import KeysPanel from './KeysPanel.vue'
import { setContext } from '../../lib/context'

type Call = { url: string; init: RequestInit }
let calls: Call[] = []
let answer: (call: Call) => Response | undefined

const keys = [
  { id: 'AbCdEf12', prefix: 'ceb_AbCdEf12', name: '1C exchange', createdAt: '2026-12-01T10:00:00.0000000Z', lastUsedAt: null, revokedAt: null },
  { id: 'OldKey00', prefix: 'ceb_OldKey00', name: null, createdAt: '2026-11-01T10:00:00.0000000Z', lastUsedAt: '2026-11-02T10:00:00.0000000Z', revokedAt: null },
]
const hook = { id: 3, url: 'https://hooks.example.com/a', events: ['sent'], state: 'active', failingSince: null, disabledAt: null, disabledReason: null, createdAt: '2026-12-01T10:00:00.0000000Z' }
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

beforeEach(() => {
  setContext({ token: 'ceu_t', expiresAt: '', placement: 'app', entityId: null, language: 'en', userId: 1, isAdmin: true, portalOrigin: '', initial: null })
  calls = []
  answer = () => undefined
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const call = { url, init }
    calls.push(call)
    return answer(call) ?? (url.endsWith('/api-keys') ? json(keys) : url.endsWith('/webhooks') ? json([hook]) : json([]))
  })
})
afterEach(() => vi.unstubAllGlobals())

const mountPanel = async () => {
  const wrapper = mount(KeysPanel, {
    global: { plugins: [b24UiPlugin, createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<div/>' } }] })] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}
const input = (wrapper: ReturnType<typeof mount>, id: string) => wrapper.get(`input[data-testid="${id}"], [data-testid="${id}"] input`)
const sent = (method: string) => calls.filter((c) => c.init?.method === method)

describe('KeysPanel', () => {
  it('lists keys by name, "—" for a key made without one', async () => {
    const wrapper = await mountPanel()
    const rows = wrapper.get('[data-testid="keys"]').findAll('tbody tr').map((r) => r.text())
    expect(rows[0]).toContain('1C exchange')
    expect(rows[1]).toContain('—')
    expect(rows[1]).toContain('ceb_OldKey00')
    wrapper.unmount()
  })

  it('asks for a name before creating a key, then shows the key once with its name', async () => {
    const wrapper = await mountPanel()
    await wrapper.get('[data-testid="key-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="key-form"]').text()).toContain('A name is required')
    expect(sent('POST')).toHaveLength(0)

    answer = (call) => (call.init?.method === 'POST' ? json({ id: 'NewKey12', prefix: 'ceb_NewKey12', name: 'Site form', key: 'ceb_NewKey12secret' }, 201) : undefined)
    await input(wrapper, 'key-name').setValue('  Site form ')
    await wrapper.get('[data-testid="key-form"]').trigger('submit')
    await flushPromises()
    expect(JSON.parse(String(sent('POST')[0].init.body))).toEqual({ name: 'Site form' })
    expect(wrapper.get('[data-testid="new-key"]').text()).toContain('ceb_NewKey12secret')
    wrapper.unmount()
  })

  it('shows a taken name next to the name field', async () => {
    const wrapper = await mountPanel()
    answer = (call) => (call.init?.method === 'POST' ? json({ status: 409, title: 'Conflict', detail: 'a live key of this portal already has this name; choose another', field: 'name' }, 409) : undefined)
    await input(wrapper, 'key-name').setValue('1C exchange')
    await wrapper.get('[data-testid="key-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="key-form"]').text()).toContain('already has this name')
    wrapper.unmount()
  })

  it('adds a webhook: the URL checked first, the server refusal next to it, the secret shown once', async () => {
    const wrapper = await mountPanel()
    await wrapper.get('[data-testid="hook-add"]').trigger('click')
    await input(wrapper, 'hook-url').setValue('ftp://hooks.example.com')
    await wrapper.get('[data-testid="hook-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="hook-form"]').text()).toContain('An http(s) URL with a host.')
    expect(sent('POST')).toHaveLength(0)

    answer = (call) => (call.init?.method === 'POST'
      ? json({ status: 400, title: 'Bad Request', detail: 'the URL resolves to 127.0.0.1, a loopback, private or link-local address', field: 'url' }, 400)
      : undefined)
    await input(wrapper, 'hook-url').setValue('https://127.0.0.1/hook')
    await wrapper.get('[data-testid="hook-form"]').trigger('submit')
    await flushPromises()
    expect(JSON.parse(String(sent('POST')[0].init.body))).toEqual({ url: 'https://127.0.0.1/hook', events: ['sent'] })
    expect(wrapper.get('[data-testid="hook-form"]').text()).toContain('resolves to 127.0.0.1')

    answer = (call) => (call.init?.method === 'POST' ? json({ webhook: { ...hook, id: 4, url: 'https://hooks.example.com/b' }, secret: 'whsec_c2VjcmV0' }, 201) : undefined)
    await input(wrapper, 'hook-url').setValue('https://hooks.example.com/b')
    await wrapper.get('[data-testid="hook-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="new-secret"]').text()).toContain('whsec_c2VjcmV0')
    expect(wrapper.find('[data-testid="hook-form"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('edits a webhook with PUT and removes it with DELETE', async () => {
    const wrapper = await mountPanel()
    await wrapper.findAll('button').find((b) => b.attributes('aria-label') === 'Edit the webhook https://hooks.example.com/a')!.trigger('click')
    await input(wrapper, 'hook-url').setValue('https://hooks.example.com/c')
    await wrapper.get('[data-testid="hook-form"]').trigger('submit')
    await flushPromises()
    expect(sent('PUT')[0].url).toBe('/api/ui/settings/webhooks/3')
    expect(JSON.parse(String(sent('PUT')[0].init.body))).toEqual({ url: 'https://hooks.example.com/c', events: ['sent'] })
    answer = (call) => (call.init?.method === 'DELETE' ? new Response(null, { status: 204 }) : undefined)
    await wrapper.findAll('button').find((b) => b.attributes('aria-label') === 'Remove the webhook https://hooks.example.com/a')!.trigger('click')
    await flushPromises()
    expect(sent('DELETE')[0].url).toBe('/api/ui/settings/webhooks/3')
    wrapper.unmount()
  })
})
