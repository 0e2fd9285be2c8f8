import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import FiguresTable from './FiguresTable.vue'
import { noFigures, noRates, plugins, useLanguage } from './testing'
import type { Baseline, Figures, Rates } from './types'

const figures: Figures = {
  ...noFigures, messages: 1200, sent: 1150, delivered: 1100, bouncedHard: 30, bouncedSoft: 15, bouncedPolicy: 5, bounced: 50, complaints: 2, unsubscribes: 11,
  humanOpeners: 440, humanReaders: 450, openers: 600, humanClickers: 90, clickers: 95, clickToOpen: 0.2,
}
const rates: Rates = { delivery: 1100 / 1150, open: 0.4, openRaw: 600 / 1100, click: 90 / 1100, clickRaw: 95 / 1100, clickToOpen: 0.2, unsubscribe: 0.01, bounce: 50 / 1150, complaint: 2 / 1100 }
const baseline: Baseline = { campaigns: 10, median: { ...noRates, open: 0.35, bounce: 0.03 }, delta: { ...noRates, open: 0.05, bounce: 50 / 1150 - 0.03 } }

function row(wrapper: ReturnType<typeof mount>, key: string) {
  return wrapper.find(`[data-figure="${key}"]`).element.closest('tr')!.textContent ?? ''
}

describe('FiguresTable', () => {
  it('shows each figure with its rate, the baseline and the difference, in English', () => {
    useLanguage('en')
    const wrapper = mount(FiguresTable, { props: { figures, rates, baseline }, global: { plugins: plugins() } })
    expect(row(wrapper, 'sent')).toContain('1,150')
    expect(row(wrapper, 'opens')).toContain('440')
    expect(row(wrapper, 'opens')).toContain('40.0%')
    expect(row(wrapper, 'opens')).toContain('35.0%')
    expect(row(wrapper, 'opens')).toContain('+5.0 pp')
    expect(row(wrapper, 'opensRaw')).toContain('600')
    expect(row(wrapper, 'ctor')).toContain('20.0%')
    expect(row(wrapper, 'bounces')).toContain('hard 30, soft 15, policy 5')
    expect(wrapper.find('[data-figure="opens"]').element.closest('tr')!.querySelector('.crmesp-better')).not.toBeNull()
    expect(wrapper.find('[data-figure="bounces"]').element.closest('tr')!.querySelector('.crmesp-worse')).not.toBeNull()
    expect(wrapper.text()).toContain('the median of your last 10 campaigns')
  })

  it('formats numbers in Russian and says there is no baseline yet', () => {
    useLanguage('ru')
    const wrapper = mount(FiguresTable, { props: { figures, rates, baseline: null }, global: { plugins: plugins() } })
    expect(row(wrapper, 'messages')).toMatch(/1\s200/)
    expect(row(wrapper, 'opens')).toMatch(/40,0\s?%/)
    expect(wrapper.text()).toContain('Обычного уровня пока нет')
    expect(wrapper.findAll('th').map((h) => h.text())).not.toContain('Разница')
  })
})
