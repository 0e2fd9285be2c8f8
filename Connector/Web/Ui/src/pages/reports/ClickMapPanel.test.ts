import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ClickMapPanel from './ClickMapPanel.vue'
import { plugins, useLanguage } from './testing'
import type { ClickMap } from './types'

const hostile = 'https://evil.example/"><img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
const map: ClickMap = {
  html: '<p><a href="https://shop.example.com/">Shop</a><span data-crmesp-clicks="3">3 · 75.0%</span></p><script>window.pwned=3</script>',
  template: 'promo',
  version: 1,
  problem: null,
  problemDetail: null,
  links: [
    { url: 'https://shop.example.com/', humanClicks: 3, clicks: 3, humanClickers: 1, clickers: 1, share: 0.75, inLetter: true },
    { url: hostile, humanClicks: 1, clicks: 1, humanClickers: 1, clickers: 1, share: 0.25, inLetter: false },
  ],
}

describe('ClickMapPanel', () => {
  it('shows the letter only in a sandboxed iframe and the links as text', () => {
    useLanguage('en')
    const wrapper = mount(ClickMapPanel, { props: { map }, global: { plugins: plugins() }, attachTo: document.body })
    const frame = wrapper.find('iframe')
    expect(frame.attributes('sandbox')).toBe('')
    expect(frame.attributes('srcdoc')).toBe(map.html)
    expect(frame.attributes('title')).toBeTruthy()
    const rows = wrapper.findAll('[data-link]')
    expect(rows).toHaveLength(2)
    expect(rows[1].text()).toContain(hostile)
    expect(rows[1].text()).toContain('not in the rendered copy')
    expect(wrapper.find('table img').exists()).toBe(false)
    expect(wrapper.find('table script').exists()).toBe(false)
    expect(document.querySelectorAll('body > div img, body > div script').length).toBe(0)
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined()
    expect(rows[0].text()).toContain('75.0%')
    wrapper.unmount()
  })

  it('says why when the letter cannot be shown, in Russian', () => {
    useLanguage('ru')
    const wrapper = mount(ClickMapPanel, { props: { map: { ...map, html: null, problem: 'not_stored', links: [] } }, global: { plugins: plugins() } })
    expect(wrapper.find('iframe').exists()).toBe(false)
    expect(wrapper.text()).toContain('Шаблон promo больше не сохранён')
    expect(wrapper.text()).toContain('По ссылкам ещё не переходили')
  })
})
