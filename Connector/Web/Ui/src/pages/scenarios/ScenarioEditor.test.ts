import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createMemoryHistory, createRouter } from 'vue-router'
import ScenarioEditor from './ScenarioEditor.vue'
import { ApiProblem } from '../../lib/api'
import { setContext } from '../../lib/context'
import { normalize, proposalExample, toFile, type Json } from './scenarioDocument'
import type { Lookups, Saved } from './types'

// The editor mounts many kit components; on a shared 2-core machine the first mount alone can take seconds.
vi.setConfig({ testTimeout: 30_000 })

setContext({ token: 't', expiresAt: '', placement: 'app', entityId: null, language: 'en', userId: 1, isAdmin: false, portalOrigin: '', initial: null })

const lookups: Lookups = {
  pipelines: [{ id: 0, name: 'Sales', stages: [{ id: 'NEW', name: 'New', semantic: 'P' }, { id: 'PREPARATION', name: 'Proposal', semantic: 'P' }, { id: 'WON', name: 'Won', semantic: 'S' }] }],
  templates: ['proposal', 'proposal-reminder'],
  segments: [],
  rfmSegments: ['at_risk'],
}

// The kit's buttons read the route; the editor itself navigates nowhere.
const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<div />' } }] })

const mounted: { unmount: () => void }[] = []
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()))

function editor(save: (file: Json) => Promise<Saved> = vi.fn()) {
  return track(mount(ScenarioEditor, {
    props: { document: proposalExample(), lookups, state: 'active', version: 1, save },
    global: { plugins: [b24UiPlugin, router] },
    attachTo: document.body,
  }))
}

function track<T extends { unmount: () => void }>(w: T): T {
  mounted.push(w)
  return w
}

const groups = (w: ReturnType<typeof editor>) => w.findAll('[role="group"]')
const labels = (w: ReturnType<typeof editor>) => groups(w).map((g) => g.attributes('aria-label'))
const button = (w: ReturnType<typeof editor>, label: string) => {
  const found = w.findAll('button').find((b) => b.attributes('aria-label') === label || b.text() === label)
  if (!found) throw new Error(`no button ${label}`)
  return found
}
const steps = (w: ReturnType<typeof editor>) => (w.vm as unknown as { doc: { steps: Json[] } }).doc.steps

describe('ScenarioEditor', () => {
  it('shows each step as a labelled group, the no branch nested under its condition', () => {
    const w = editor()
    expect(labels(w)).toEqual(['Step 1: Send template', 'Step 2: Wait', 'Step 3: Condition', 'Step 4: Send template', 'Step 5: Exit'])
    const depths = w.findAll('li').map((li) => li.attributes('data-depth'))
    expect(depths).toEqual(['0', '0', '0', '1', '0'])
    expect(groups(w)[3].text()).toContain('No — branch of “opened-offer”')
  })

  it('adds a step at the end', async () => {
    const w = editor()
    await button(w, 'Add step').trigger('click')
    expect(labels(w)).toHaveLength(6)
    expect(labels(w)[5]).toBe('Step 6: Send template')
    expect(steps(w)[5]).toMatchObject({ id: 'send-1', send: { template: '', kind: 'marketing' } })
  })

  it('adds a step to the yes branch of a condition, nested under it, going on where the branch went', async () => {
    const w = editor()
    await button(w, 'Add a step to “yes”').trigger('click')
    expect(labels(w)).toHaveLength(6)
    const added = steps(w)[3]
    expect(steps(w)[2].then).toBe(added.id)
    expect(added.next).toBe('done')
    expect(w.findAll('li')[3].attributes('data-depth')).toBe('1')
    expect(groups(w)[3].text()).toContain('Yes — branch of “opened-offer”')
    expect(w.findAll('li')[5].attributes('data-depth')).toBe('0')
  })

  it('shows a server error at the step it names, and only there', async () => {
    const save = vi.fn().mockRejectedValue(new ApiProblem(400, 'Invalid scenario', "step 'reminder': template 'gone' is not stored", 'steps[3].send.template', {
      'steps[3].send.template': ["step 'reminder': template 'gone' is not stored"],
    }))
    const w = editor(save)
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(save).toHaveBeenCalledOnce()
    const step4 = groups(w).find((g) => g.attributes('aria-label') === 'Step 4: Send template')!
    expect(step4.find('[role="alert"]').text()).toContain("template 'gone' is not stored")
    expect(groups(w).filter((g) => g.find('[role="alert"]').exists())).toHaveLength(1)
    expect(w.text()).toContain('The scenario has 1 problem(s); nothing was saved.')
  })

  it('keeps an error at its step when the steps are reordered after the save', async () => {
    const save = vi.fn().mockRejectedValue(new ApiProblem(400, 'Invalid scenario', 'a wait must be longer than zero', 'steps[1].wait.for', {
      'steps[1].wait.for': ['a wait must be longer than zero'],
    }))
    const w = editor(save)
    await w.find('form').trigger('submit')
    await flushPromises()
    await button(w, 'Move step 2 down').trigger('click')
    expect(steps(w).map((s) => s.id)).toEqual(['offer', 'opened-offer', 'wait-2d', 'reminder', 'done'])
    expect(labels(w).slice(0, 3)).toEqual(['Step 1: Send template', 'Step 2: Condition', 'Step 3: Wait'])
    const wait = groups(w).find((g) => g.attributes('aria-label') === 'Step 3: Wait')!
    expect(wait.find('[role="alert"]').text()).toContain('a wait must be longer than zero')
  })

  it('checks on the client first: a send step without a template is shown at its step without calling the server', async () => {
    const save = vi.fn()
    const w = editor(save)
    await button(w, 'Add step').trigger('click')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(save).not.toHaveBeenCalled()
    expect(groups(w)[5].find('[role="alert"]').text()).toContain("'template' is required")
  })

  it('leaves a send step with no template picked without one in the file, so the import names it as the page does', () => {
    const doc = normalize({ ...proposalExample(), steps: [...proposalExample().steps, { id: 'send-1', send: { template: '', kind: 'marketing' } }] })
    const file = toFile(doc)
    expect((file.steps as Json[])[5]).toEqual({ id: 'send-1', send: { kind: 'marketing' } })
    expect((file.steps as Json[])[0]).toEqual({ id: 'offer', send: { template: 'proposal', kind: 'marketing' } })
    expect(doc.steps[5]).toEqual({ id: 'send-1', send: { template: '', kind: 'marketing' } })
  })

  it('saves the file the import reads: then/else kept, the shorthand spelled out', async () => {
    const save = vi.fn().mockResolvedValue({ id: 1, name: 'proposal-follow-up', version: 2, newVersion: true, newScenario: false })
    const w = editor(save)
    await w.find('form').trigger('submit')
    await flushPromises()
    const file = save.mock.calls[0][0] as Json
    expect(file.name).toBe('proposal-follow-up')
    expect((file.steps as Json[])[2]).toEqual({ id: 'opened-offer', condition: { opened: 'offer' }, then: 'done', else: 'reminder' })
    expect(w.text()).toContain('Saved: version 2.')
  })
})
