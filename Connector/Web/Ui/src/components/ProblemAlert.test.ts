import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import ProblemAlert from './ProblemAlert.vue'
import { ApiProblem } from '../lib/api'
import { setContext } from '../lib/context'

setContext({ token: 't', expiresAt: '', placement: 'app', entityId: null, language: 'ru', userId: 1, isAdmin: false, portalOrigin: '', initial: null })

describe('ProblemAlert', () => {
  it('says the session ended on a 401, in the viewer language', () => {
    const wrapper = mount(ProblemAlert, { props: { problem: new ApiProblem(401, 'Unauthorized', 'x', null) }, global: { plugins: [b24UiPlugin] } })
    expect(wrapper.text()).toContain('Сеанс закончился')
  })

  it('shows the server detail otherwise, and nothing without a problem', () => {
    const shown = mount(ProblemAlert, { props: { problem: new ApiProblem(422, 'Bad', 'name is required', 'name') }, global: { plugins: [b24UiPlugin] } })
    const empty = mount(ProblemAlert, { props: { problem: null }, global: { plugins: [b24UiPlugin] } })
    expect(shown.text()).toContain('name is required')
    expect(empty.text()).toBe('')
  })
})
