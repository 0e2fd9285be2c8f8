import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import SegmentBuilder from './SegmentBuilder.vue'
import Select from '@bitrix24/b24ui-nuxt/components/Select.vue'
import { ApiProblem } from '../../lib/api'
import { setContext } from '../../lib/context'
import type { FieldView, TreeNode } from './expression'

setContext({ token: 't', expiresAt: '', placement: 'app', entityId: null, language: 'en', userId: 1, isAdmin: true, portalOrigin: '', initial: null })

const text = ['=', '!=', '<', '<=', '>', '>=', 'contains', 'starts with', 'in', 'not in', 'is empty', 'is not empty']
const fields: FieldView[] = [
  { name: 'contact.name', scope: 'contact', type: 'text', list: false, custom: false, operators: text, description: 'first name' },
  { name: 'deal.amount', scope: 'deal', type: 'number', list: false, custom: false, operators: ['=', '!=', '<', '<=', '>', '>=', 'in', 'not in', 'is empty', 'is not empty'], description: 'amount' },
  { name: 'contact.created', scope: 'contact', type: 'date', list: false, custom: false, operators: ['<', '<=', '>', '>=', 'is empty', 'is not empty'], description: 'created' },
  { name: 'rfm.segment', scope: 'contact', type: 'text', list: false, custom: false, operators: text, values: ['champions', 'at_risk'], description: 'RFM segment' },
  { name: 'contact.custom.UF_CRM_CITY', scope: 'contact', type: 'text', list: true, custom: true, operators: text, description: 'custom field', label: 'Город' },
]

function selects(wrapper: VueWrapper, testId: string) {
  return wrapper.findAllComponents(Select).filter((s) => (s.vm.$attrs as Record<string, unknown>)['data-testid'] === testId || s.attributes('data-testid') === testId)
}

async function choose(wrapper: VueWrapper, testId: string, index: number, value: string) {
  const select = selects(wrapper, testId)[index]
  expect(select, `${testId} #${index}`).toBeTruthy()
  select.vm.$emit('update:modelValue', value)
  await flushPromises()
}

async function type(wrapper: VueWrapper, testId: string, index: number, value: string) {
  await wrapper.findAll(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`)[index].setValue(value)
  await flushPromises()
}

describe('SegmentBuilder', { timeout: 90_000 }, () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  type Count = (expression: string) => Promise<{ count: number; elapsedMs: number }>
  type Parse = (expression: string) => Promise<{ tree: TreeNode; text: string }>
  function mountBuilder(count: Count & { mock?: unknown } = vi.fn(async (_: string) => ({ count: 42, elapsedMs: 1 })), parse: Parse = vi.fn(async (_: string) => ({ tree: { kind: 'group' as const }, text: '' }))) {
    const wrapper = mount(SegmentBuilder, { props: { fields, conditions: ['never opened'], count, parse, debounceMs: 300 }, global: { plugins: [b24UiPlugin] } })
    return { wrapper, count, parse }
  }

  it('offers a custom field by the name the portal gave it, keeping its code in the expression', async () => {
    const { wrapper } = mountBuilder()
    const items = (selects(wrapper, 'field')[0].props() as { items: { label: string; value: string }[] }).items
    expect(items.find((i) => i.value === 'contact.custom.UF_CRM_CITY')?.label).toBe('Город (contact.custom.UF_CRM_CITY)')
    expect(items.find((i) => i.value === 'contact.name')?.label).toBe('contact.name')
    await choose(wrapper, 'field', 0, 'contact.custom.UF_CRM_CITY')
    await type(wrapper, 'value', 0, 'Казань')
    expect(wrapper.find('[data-testid="preview"]').text()).toContain('contact.custom.UF_CRM_CITY = "Казань"')
    wrapper.unmount()
  })

  it('adds and removes rows and builds the expression from them', async () => {
    const { wrapper } = mountBuilder()
    expect(wrapper.findAll('[data-testid="row"]')).toHaveLength(1)
    await choose(wrapper, 'field', 0, 'contact.name')
    await type(wrapper, 'value', 0, 'An"na')
    await wrapper.find('[data-testid="add-row"]').trigger('click')
    expect(wrapper.findAll('[data-testid="row"]')).toHaveLength(2)
    await choose(wrapper, 'field', 1, 'deal.amount')
    await choose(wrapper, 'operator', 1, '>=')
    await type(wrapper, 'value', 1, '1500')
    expect(wrapper.find('[data-testid="preview"]').text()).toContain('contact.name = "An""na" and deal.amount >= 1500')

    await choose(wrapper, 'join', 0, 'or')
    expect(wrapper.find('[data-testid="preview"]').text()).toContain('contact.name = "An""na" or deal.amount >= 1500')

    await wrapper.find('[data-testid="add-group"]').trigger('click')
    await choose(wrapper, 'field', 2, 'contact.created')
    await choose(wrapper, 'operator', 2, 'is empty')
    // The group's own "Add condition" comes first in the page; its new row is still empty, so it is left out.
    await wrapper.find('[data-testid="add-row"]').trigger('click')
    expect(wrapper.find('[data-testid="preview"]').text()).toContain('or deal.amount >= 1500 or (contact.created is empty)')

    await wrapper.findAll('[data-testid="remove"]')[0].trigger('click')
    expect(wrapper.findAll('[data-testid="row"]')).toHaveLength(3)
    expect(wrapper.find('[data-testid="preview"]').text()).not.toContain('contact.name')
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual(['deal.amount >= 1500 or (contact.created is empty)'])
  })

  it('counts once after the debounce, with the last expression only', async () => {
    const { wrapper, count } = mountBuilder()
    await choose(wrapper, 'field', 0, 'deal.amount')
    await choose(wrapper, 'operator', 0, '>')
    await type(wrapper, 'value', 0, '1')
    await type(wrapper, 'value', 0, '10')
    await type(wrapper, 'value', 0, '100')
    vi.advanceTimersByTime(299)
    expect(count).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    await flushPromises()
    expect(count).toHaveBeenCalledTimes(1)
    expect(count).toHaveBeenCalledWith('deal.amount > 100')
    expect(wrapper.find('[data-testid="count"]').text()).toBe('42 contacts')
  })

  it('offers a closed set of values in a list', async () => {
    const { wrapper } = mountBuilder()
    await choose(wrapper, 'field', 0, 'rfm.segment')
    expect(wrapper.find('[data-testid="value"]').exists()).toBe(false)
    await choose(wrapper, 'value-choice', 0, 'at_risk')
    expect(wrapper.find('[data-testid="preview"]').text()).toContain('rfm.segment = "at_risk"')
  })

  it('does not count an incomplete row and says what is missing at it', async () => {
    const { wrapper, count } = mountBuilder()
    await choose(wrapper, 'field', 0, 'deal.amount')
    vi.advanceTimersByTime(1000)
    await flushPromises()
    expect(count).not.toHaveBeenCalled()
    expect(wrapper.findAll('[data-testid="row"]')[0].text()).toContain('Complete this condition')
  })

  it('shows the server parse error at the row whose column it names', async () => {
    const count = vi.fn(async (expression: string) => {
      // "contact.name = "Anna" and deal.amount > 1e9x": the server names the column of the second value.
      const column = expression.indexOf('1e9x') + 1
      throw new ApiProblem(400, 'Bad Request', `column ${column}: deal.amount is a number; expected a number`, 'expression')
    })
    const { wrapper } = mountBuilder(count)
    await choose(wrapper, 'field', 0, 'contact.name')
    await type(wrapper, 'value', 0, 'Anna')
    await wrapper.find('[data-testid="add-row"]').trigger('click')
    await choose(wrapper, 'field', 1, 'deal.amount')
    await choose(wrapper, 'operator', 1, '>')
    await type(wrapper, 'value', 1, '1e9x')
    vi.advanceTimersByTime(300)
    await flushPromises()
    const rows = wrapper.findAll('[data-testid="row"]')
    expect(rows[1].text()).toContain('deal.amount is a number')
    expect(rows[0].text()).not.toContain('deal.amount is a number')
    expect(wrapper.find('[data-testid="count"]').text()).toBe('')
  })

  it('switches to text and back through the server parse, keeping text pieces as rows', async () => {
    const parse = vi.fn(async (_: string) => ({
      text: 'contact.name = "Anna" and never opened',
      tree: { kind: 'group', join: 'and', items: [{ kind: 'condition', field: 'contact.name', operator: '=', values: ['Anna'] }, { kind: 'raw', text: 'never opened' }] } as TreeNode,
    }))
    const { wrapper } = mountBuilder(undefined, parse)
    await wrapper.find('[data-testid="mode-text"]').trigger('click')
    await wrapper.find('[data-testid="text"] textarea, textarea[data-testid="text"]').setValue('contact.name = "Anna" and never opened')
    await wrapper.find('[data-testid="mode-builder"]').trigger('click')
    await flushPromises()
    expect(parse).toHaveBeenCalledWith('contact.name = "Anna" and never opened')
    expect(wrapper.findAll('[data-testid="row"]')).toHaveLength(2)
    expect(wrapper.find('[data-testid="preview"]').text()).toContain('contact.name = "Anna" and never opened')
  })

  it('stays in text mode showing the error when the text does not parse', async () => {
    const parse = vi.fn(async (_: string): Promise<{ tree: TreeNode; text: string }> => {
      throw new ApiProblem(400, 'Bad Request', 'column 7: expected a condition', 'expression')
    })
    const { wrapper } = mountBuilder(undefined, parse)
    await wrapper.find('[data-testid="mode-text"]').trigger('click')
    await wrapper.find('[data-testid="text"] textarea, textarea[data-testid="text"]').setValue('opened and')
    await wrapper.find('[data-testid="mode-builder"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="text"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('column 7: expected a condition')
  })
})
