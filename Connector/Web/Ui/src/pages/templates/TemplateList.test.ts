import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createMemoryHistory, createRouter } from 'vue-router'
import TemplateList from './TemplateList.vue'
import { setContext } from '../../lib/context'

setContext({ token: 't', expiresAt: '', placement: 'app', entityId: null, language: 'ru', userId: 1, isAdmin: false, portalOrigin: '', initial: null })

let templates: unknown[] = []
let calls: { method: string; url: string }[] = []

beforeEach(() => {
  calls = []
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
    const method = init.method ?? 'GET'
    calls.push({ method, url })
    if (method === 'DELETE') return new Response(null, { status: 204 })
    if (method === 'POST') return new Response(JSON.stringify({ title: 'Conflict', detail: 'a template named \'promo\' already exists; choose another name', field: 'name' }), { status: 409 })
    return new Response(JSON.stringify({ templates }), { status: 200 })
  }))
})

afterEach(() => vi.unstubAllGlobals())

const plugins = () => [b24UiPlugin, createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<div />' } }] })]

describe('TemplateList', () => {
  it('says so when the portal has no templates, in the viewer language', async () => {
    templates = []
    const wrapper = mount(TemplateList, { global: { plugins: plugins() } })
    await flushPromises()
    expect(wrapper.find('[data-test="empty"]').text()).toContain('Шаблонов пока нет')
    wrapper.unmount()
  })

  it('lists templates, checks a new name on the client, shows the server refusal at the name field', async () => {
    templates = [{ name: 'promo', subject: '<b>Скидки</b>', updatedAt: '2026-12-04T10:00:00Z', versions: 3, latest: 3 }]
    const wrapper = mount(TemplateList, { global: { plugins: plugins() }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.text()).toContain('promo')
    expect(wrapper.text()).toContain('<b>Скидки</b>')
    expect(wrapper.html()).not.toContain('<b>Скидки</b>')

    await wrapper.find('[data-test="new"]').trigger('click')
    const name = wrapper.find('[data-test="name"]')
    await (name.element.tagName === 'INPUT' ? name : name.find('input')).setValue('bad name!')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.text()).toContain('До 64 букв')
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)

    await (name.element.tagName === 'INPUT' ? name : name.find('input')).setValue('promo')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.text()).toContain('already exists')
    wrapper.unmount()
  })

  it('deletes only after the confirmation', async () => {
    templates = [{ name: 'promo', subject: 'S', updatedAt: '2026-12-04T10:00:00Z', versions: 1, latest: 1 }]
    const wrapper = mount(TemplateList, { global: { plugins: plugins() }, attachTo: document.body })
    await flushPromises()
    const remove = wrapper.findAll('button').find((b) => b.text() === 'Удалить')!
    await remove.trigger('click')
    await flushPromises()
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false)
    const confirm = document.body.querySelector('[data-test="confirm-delete"]') as HTMLButtonElement
    expect(confirm).not.toBeNull()
    confirm.click()
    await flushPromises()
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url)).toEqual(['/api/ui/templates/promo'])
    wrapper.unmount()
  })
})
