import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createMemoryHistory, createRouter } from 'vue-router'
import SuppressionsPanel from './SuppressionsPanel.vue'
import { setContext } from '../../lib/context'

type Call = { url: string; init: RequestInit }
let calls: Call[] = []
let answer: (call: Call) => Response

const page = {
  items: [
    { address: 'ann@example.org', reason: 'manual', source: 'settings', note: 'asked by phone', createdAt: '2026-12-01T10:00:00.0000000Z', removable: true },
    { address: 'gone@example.net', reason: 'unsubscribed', source: 'link', note: null, createdAt: '2026-11-01T10:00:00.0000000Z', removable: false },
  ],
  nextAfter: null,
}

beforeEach(() => {
  setContext({ token: 'ceu_t', expiresAt: '', placement: 'app', entityId: null, language: 'en', userId: 1, isAdmin: true, portalOrigin: '', initial: null })
  calls = []
  answer = () => new Response(JSON.stringify(page), { status: 200, headers: { 'Content-Type': 'application/json' } })
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const call = { url, init }
    calls.push(call)
    return answer(call)
  })
})
afterEach(() => vi.unstubAllGlobals())

const mountPanel = async () => {
  const wrapper = mount(SuppressionsPanel, {
    global: { plugins: [b24UiPlugin, createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<div/>' } }] })] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

describe('SuppressionsPanel', () => {
  it('lists the portal entries with their reason, and offers to lift only the manual one', async () => {
    const wrapper = await mountPanel()
    const table = wrapper.get('[data-testid="suppressions"]')
    expect(calls[0].url).toBe('/api/ui/settings/suppressions?limit=50')
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBe('Bearer ceu_t')
    expect(table.text()).toContain('ann@example.org')
    expect(table.text()).toContain('Manual')
    expect(table.text()).toContain('Unsubscribed')
    expect(table.text()).toContain('asked by phone')
    expect(table.findAll('button').map((b) => b.text())).toEqual(['Lift'])
    wrapper.unmount()
  })

  it('checks the address on the client first, sending nothing while it is wrong', async () => {
    const wrapper = await mountPanel()
    await wrapper.get('[data-testid="add-address"] input, input[data-testid="add-address"]').setValue('not an address')
    await wrapper.get('[data-testid="add-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="add-form"]').text()).toContain('Not a valid address')
    expect(calls.filter((c) => c.init?.method === 'POST')).toHaveLength(0)
    wrapper.unmount()
  })

  it('shows the server refusal next to the field it names', async () => {
    const wrapper = await mountPanel()
    answer = (call) =>
      call.init?.method === 'POST'
        ? new Response('{"status":409,"title":"Conflict","detail":"already on the suppression list","field":"address"}', { status: 409 })
        : new Response(JSON.stringify(page), { status: 200 })
    await wrapper.get('input[data-testid="add-address"], [data-testid="add-address"] input').setValue('ann@example.org')
    await wrapper.get('[data-testid="add-form"]').trigger('submit')
    await flushPromises()
    const post = calls.find((c) => c.init?.method === 'POST')!
    expect(JSON.parse(String(post.init.body))).toEqual({ address: 'ann@example.org', note: null })
    expect(wrapper.get('[data-testid="add-form"]').text()).toContain('already on the suppression list')
    wrapper.unmount()
  })

  it('imports a CSV file and lists each skipped line by its number', async () => {
    const wrapper = await mountPanel()
    answer = (call) =>
      call.url.endsWith('/import')
        ? new Response(JSON.stringify({ added: 2, skipped: 1, lines: [{ line: 3, address: 'nope', reason: 'syntax', detail: 'not a plain, valid address' }] }), { status: 200 })
        : new Response(JSON.stringify(page), { status: 200 })
    const input = wrapper.get('[data-testid="import-file"]')
    const file = new File(['email\nа@example.com\nnope\nb@example.com\n'], 'list.csv', { type: 'text/csv' })
    Object.defineProperty(input.element, 'files', { value: [file] })
    await input.trigger('change')
    await wrapper.get('[data-testid="import-submit"]').element.closest('form')!.dispatchEvent(new Event('submit'))
    await flushPromises()
    const sent = calls.find((c) => c.url.endsWith('/import'))!
    expect((sent.init.headers as Record<string, string>)['Content-Type']).toContain('text/csv')
    const summary = wrapper.get('[data-testid="import-summary"]').text()
    expect(summary).toContain('Added: 2. Skipped: 1.')
    expect(summary).toContain('Line 3 (nope): not a valid address')
    wrapper.unmount()
  })
})
