import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createMemoryHistory, createRouter } from 'vue-router'
import TemplateEditor from './TemplateEditor.vue'
import { setContext } from '../../lib/context'
import { insertAt, moved, readField, writeField, type TemplateDraft } from './templates'

setContext({ token: 't', expiresAt: '', placement: 'app', entityId: null, language: 'en', userId: 1, isAdmin: false, portalOrigin: '', initial: null })

type Answer = { status: number; body: unknown }
let calls: { method: string; url: string; body: unknown }[] = []
let previewAnswer: Answer

function template(): TemplateDraft {
  return {
    name: 'promo', version: 2, subject: 'Hello', preheader: 'Soon',
    blocks: [{ type: 'heading', text: 'Title' }, { type: 'text', text: 'Body' }], custom_fields: [],
  }
}

function json(answer: Answer) {
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'Content-Type': 'application/json' } })
}

beforeEach(() => {
  calls = []
  previewAnswer = { status: 200, body: { subject: 'Hello', preheader: 'Soon', html: '<p>Hi &lt;b&gt;</p>', text: 'Hi', textGenerated: true } }
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
    const method = init.method ?? 'GET'
    calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : undefined })
    if (url === '/api/ui/templates/promo' && method === 'GET') return json({ status: 200, body: { name: 'promo', version: 2, template: template(), versions: [{ version: 2, subject: 'Hello', createdAt: '2026-12-04T10:00:00Z' }, { version: 1, subject: 'Hi', createdAt: '2026-12-03T10:00:00Z' }] } })
    if (url === '/api/ui/templates/variables') return json({ status: 200, body: { blockTypes: [], variables: [{ group: 'contact', path: 'contact.name', liquid: '{{ contact.name }}' }], customFields: [{ owner: 'contact', code: 'UF_CRM_CITY', declare: 'UF_CRM_CITY', liquid: '{{ contact.fields.UF_CRM_CITY }}', example: 'Москва', label: 'Город' }, { owner: 'deal', code: 'UF_CRM_BARE', declare: 'deal.UF_CRM_BARE', liquid: '{{ deal.fields.UF_CRM_BARE }}', example: null, label: null }] } })
    if (url === '/api/ui/templates/preview') return json(previewAnswer)
    if (url === '/api/ui/templates/promo' && method === 'PUT') return json({ status: 400, body: { title: 'Bad Request', detail: 'unknown variable (contact.nickname)', field: 'blocks[1].text', errors: { 'blocks[1].text': ['unknown variable (contact.nickname)'] } } })
    return json({ status: 404, body: { title: 'Not Found', detail: 'no', field: 'name' } })
  }))
})

afterEach(() => vi.unstubAllGlobals())

async function editor() {
  const wrapper = mount(TemplateEditor, { props: { name: 'promo', previewDelay: 0 }, global: { plugins: [b24UiPlugin, createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<div />' } }] })] }, attachTo: document.body })
  await flushPromises()
  await new Promise((r) => setTimeout(r, 5))
  await flushPromises()
  return wrapper
}

const titles = (wrapper: Awaited<ReturnType<typeof editor>>) => wrapper.findAll('.tpl-block-title').map((h) => h.text()).filter((x) => x.startsWith('Block'))

describe('TemplateEditor', () => {
  it('shows the generated text part in a region the keyboard can reach and scroll', async () => {
    const wrapper = await editor()
    const text = wrapper.find('[data-test="generated-text"]')
    expect(text.text()).toBe('Hi')
    expect(text.attributes('tabindex')).toBe('0')
    wrapper.unmount()
  })

  it('adds a block from the palette, reorders and removes blocks', async () => {
    const wrapper = await editor()
    expect(titles(wrapper)).toEqual(['Block 1: Heading', 'Block 2: Text'])

    await wrapper.find('[data-test="add-button"]').trigger('click')
    expect(titles(wrapper)).toEqual(['Block 1: Heading', 'Block 2: Text', 'Block 3: Button'])

    await wrapper.findAll('[data-test="up"]')[2]!.trigger('click')
    expect(titles(wrapper)).toEqual(['Block 1: Heading', 'Block 2: Button', 'Block 3: Text'])

    await wrapper.findAll('[data-test="remove"]')[0]!.trigger('click')
    expect(titles(wrapper)).toEqual(['Block 1: Button', 'Block 2: Text'])
    wrapper.unmount()
  })

  it('inserts a variable at the cursor of the last field edited, and declares a custom field', async () => {
    const wrapper = await editor()
    const subject = wrapper.find('[data-field="subject"] input').element as HTMLInputElement
    subject.focus()
    subject.setSelectionRange(2, 2)
    subject.dispatchEvent(new FocusEvent('focusin', { bubbles: true }))
    await wrapper.find('[data-var="contact.name"]').trigger('click')
    await flushPromises()
    expect(subject.value).toBe('He{{ contact.name }}llo')

    const text = wrapper.find('[data-field="blocks[1].text"] textarea').element as HTMLTextAreaElement
    text.focus()
    text.setSelectionRange(4, 4)
    text.dispatchEvent(new FocusEvent('focusin', { bubbles: true }))
    expect(wrapper.find('[data-var="UF_CRM_CITY"]').text()).toContain('Город')
    expect(wrapper.find('[data-var="UF_CRM_CITY"]').element.parentElement!.textContent).toContain('UF_CRM_CITY')
    expect(wrapper.find('[data-var="deal.UF_CRM_BARE"]').text()).toContain('UF_CRM_BARE')
    await wrapper.find('[data-var="UF_CRM_CITY"]').trigger('click')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 5))
    expect(text.value).toBe('Body{{ contact.fields.UF_CRM_CITY }}')
    const lastPreview = calls.filter((c) => c.url === '/api/ui/templates/preview').at(-1)!.body as { template: TemplateDraft }
    expect(lastPreview.template.custom_fields).toEqual(['UF_CRM_CITY'])
    wrapper.unmount()
  })

  it('shows an error the server names at its block field', async () => {
    const wrapper = await editor()
    await wrapper.find('[data-test="save"]').trigger('click')
    await flushPromises()
    const block = wrapper.find('[data-block="blocks[1]"]')
    expect(block.classes()).toContain('tpl-block-error')
    expect(block.find('[data-field="blocks[1].text"]').text()).toContain('unknown variable (contact.nickname)')
    expect(wrapper.find('[data-block="blocks[0]"]').text()).not.toContain('unknown variable')
    wrapper.unmount()
  })

  it('shows a preview error at the block, and the preview in a sandboxed frame at phone or desktop width', async () => {
    const wrapper = await editor()
    const frame = wrapper.find('iframe[data-test="preview"]')
    expect(frame.attributes('sandbox')).toBe('')
    expect(frame.attributes('srcdoc')).toBe('<p>Hi &lt;b&gt;</p>')
    expect(frame.attributes('style')).toContain('680px')
    await wrapper.find('[data-test="phone"]').trigger('click')
    expect(wrapper.find('iframe[data-test="preview"]').attributes('style')).toContain('375px')

    previewAnswer = { status: 400, body: { title: 'Bad Request', detail: 'stopped after 100,000 steps (Templates:MaxSteps): a loop runs too long', field: 'blocks[0].text', errors: { 'blocks[0].text': ['stopped after 100,000 steps (Templates:MaxSteps): a loop runs too long'] } } }
    await wrapper.find('[data-field="blocks[0].text"] input').setValue('{% for i in (1..20000) %}x{% endfor %}')
    await new Promise((r) => setTimeout(r, 5))
    await flushPromises()
    expect(wrapper.find('[data-field="blocks[0].text"]').text()).toContain('stopped after 100,000 steps')
    expect(wrapper.text()).not.toContain('Exception')
    wrapper.unmount()
  })

  it('refuses a test address on the client before asking the server', async () => {
    const wrapper = await editor()
    const to = wrapper.find('[data-test="test-to"]')
    await (to.element.tagName === 'INPUT' ? to : to.find('input')).setValue('not-an-address')
    await wrapper.find('[data-test="test-send"]').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('Enter one e-mail address')
    expect(calls.some((c) => c.url.endsWith('/test-send'))).toBe(false)
    wrapper.unmount()
  })
})

describe('template helpers', () => {
  it('move, insert and field paths', () => {
    expect(moved([1, 2, 3], 0, 1)).toEqual([2, 1, 3])
    expect(moved([1, 2, 3], 0, -1)).toEqual([1, 2, 3])
    expect(insertAt('abcd', 'X', 1, 3)).toBe('aXd')
    const draft = template()
    writeField(draft, 'blocks[1].text', 'New')
    expect(readField(draft, 'blocks[1].text')).toBe('New')
    expect(readField(draft, 'subject')).toBe('Hello')
  })
})
