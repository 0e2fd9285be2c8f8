import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import Select from '@bitrix24/b24ui-nuxt/components/Select.vue'
import CampaignForm from './CampaignForm.vue'
import { ApiProblem } from '../../lib/api'
import { setContext } from '../../lib/context'

setContext({ token: 't', expiresAt: '', placement: 'app', entityId: null, language: 'en', userId: 1, isAdmin: false, portalOrigin: '', initial: null })

const templates = [{ name: 'news', version: 2, subject: 'News' }]
const segments = [{ name: 'vips', expression: 'contact.name = "VIP"' }]

function select(wrapper: VueWrapper, testId: string) {
  const found = wrapper.findAllComponents(Select).find((s) => (s.vm.$attrs as Record<string, unknown>)['data-testid'] === testId || s.attributes('data-testid') === testId)
  expect(found, testId).toBeTruthy()
  return found!
}

async function choose(wrapper: VueWrapper, testId: string, value: string) {
  select(wrapper, testId).vm.$emit('update:modelValue', value)
  await flushPromises()
}

async function type(wrapper: VueWrapper, testId: string, value: string, index = 0) {
  await wrapper.findAll(`[data-testid="${testId}"] input, input[data-testid="${testId}"], [data-testid="${testId}"] textarea, textarea[data-testid="${testId}"]`)[index].setValue(value)
  await flushPromises()
}

/** The text of the form field that holds the element with this test id (its label, input and error). */
function fieldText(wrapper: VueWrapper, testId: string) {
  const element = wrapper.find(`[data-testid="${testId}"]`).element
  let node: Element | null = element
  while (node && !node.querySelector('[id$="-error"], [role="alert"]') && node !== wrapper.element) node = node.parentElement
  return node?.textContent ?? ''
}

describe('CampaignForm', { timeout: 90_000 }, () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function mountForm(submit = vi.fn(async (_: unknown) => ({ id: 7 })), count = vi.fn(async (_: unknown) => ({ count: 3 }))) {
    const wrapper = mount(CampaignForm, { props: { templates, segments, sendingDomain: 'example.com', timeZone: 'Europe/Moscow (UTC+03:00)', submit, count, debounceMs: 200 }, global: { plugins: [b24UiPlugin] } })
    return { wrapper, submit, count }
  }

  it('shows each problem at its field and sends nothing', async () => {
    const { wrapper, submit } = mountForm()
    await choose(wrapper, 'schedule', 'at')
    await type(wrapper, 'at', '2020-01-01T09:00')
    await type(wrapper, 'windowFrom', '09:00')
    await type(wrapper, 'windowTo', '09:00')
    await type(wrapper, 'expireAfter', '100d')
    await wrapper.find('form').trigger('submit')
    await flushPromises()

    expect(submit).not.toHaveBeenCalled()
    expect(fieldText(wrapper, 'template')).toContain('Choose a template.')
    expect(fieldText(wrapper, 'segmentName')).toContain('Choose a saved segment.')
    expect(fieldText(wrapper, 'at')).toContain('This time is in the past.')
    expect(fieldText(wrapper, 'windowFrom')).toContain('Give two different times')
    expect(fieldText(wrapper, 'expireAfter')).toContain('A duration from 1m to 60d')
  })

  it('checks A/B variants: two needed, the sender on the sending domain, the share in range', async () => {
    const { wrapper, submit } = mountForm()
    await choose(wrapper, 'template', 'news')
    await choose(wrapper, 'segmentName', 'vips')
    await choose(wrapper, 'mode', 'ab')
    expect(wrapper.findAll('[data-testid="variant"]')).toHaveLength(2)
    await type(wrapper, 'variantSubject', 'Hello', 0)
    await type(wrapper, 'variantFrom', 'boss@other.org', 1)
    await type(wrapper, 'testShare', '0')
    await wrapper.find('form').trigger('submit')
    await flushPromises()

    expect(submit).not.toHaveBeenCalled()
    const variants = wrapper.findAll('[data-testid="variant"]')
    expect(variants[1].text()).toContain('The sender must be on example.com.')
    expect(variants[0].text()).not.toContain('The sender must be')
    expect(fieldText(wrapper, 'testShare')).toContain('A percentage from 1 to 100.')
  })

  it('sends the campaign as the server takes it and shows the server’s 400 at the field it names', async () => {
    const submit = vi.fn(async (_: unknown): Promise<{ id: number }> => {
      throw new ApiProblem(400, 'Bad Request', 'segment: column 6: expected a condition', 'segment', { segment: ['column 6: expected a condition'] })
    })
    const { wrapper } = mountForm(submit)
    await choose(wrapper, 'template', 'news')
    await choose(wrapper, 'audience', 'expression')
    await type(wrapper, 'segment', 'opened and')
    await type(wrapper, 'windowFrom', '09:00')
    await type(wrapper, 'windowTo', '18:00')
    await wrapper.find('form').trigger('submit')
    await flushPromises()

    expect(submit).toHaveBeenCalledTimes(1)
    expect(submit.mock.calls[0][0]).toMatchObject({ template: 'news', segment: 'opened and', segmentName: null, window: '09:00-18:00', mode: 'single', variants: [], at: null })
    expect(fieldText(wrapper, 'segment')).toContain('column 6: expected a condition')
  })

  it('counts the audience live, debounced, and emits created', async () => {
    const { wrapper, submit, count } = mountForm()
    await choose(wrapper, 'template', 'news')
    await choose(wrapper, 'segmentName', 'vips')
    expect(count).not.toHaveBeenCalled()
    vi.advanceTimersByTime(200)
    await flushPromises()
    expect(count).toHaveBeenCalledWith({ name: 'vips' })
    expect(wrapper.find('[data-testid="audience-count"]').text()).toContain('3 contacts')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(submit).toHaveBeenCalledTimes(1)
    expect(wrapper.emitted('created')?.[0]).toEqual([7])
  })
})
