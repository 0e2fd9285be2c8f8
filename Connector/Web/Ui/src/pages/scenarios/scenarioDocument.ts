// The scenario file as the editor edits it: the same JSON tree a file has (README "## Scenarios"), so what is saved
// is read by the import's own reader and checks. Steps stay a flat list (the file's order, where each step goes to
// the one below unless told); branches are shown nested by following then/else/goto.

export type Json = Record<string, unknown>

export interface ScenarioDoc {
  name: string
  trigger: Json
  max_lateness?: string
  re_entry?: unknown
  exit?: { won?: boolean; lost?: boolean; left_pipeline?: boolean }
  steps: Json[]
  [key: string]: unknown
}

export const stepKinds = ['send', 'wait', 'condition', 'split', 'move_deal', 'todo', 'webhook', 'exit'] as const
export type StepKind = (typeof stepKinds)[number]

export const triggerTypes = ['deal_entered_stage', 'deal_created', 'contact_created', 'deal_idle', 'date_field', 'no_won_deal', 'segment_entered', 'rfm_entered', 'api'] as const

export function kindOf(step: Json): StepKind {
  return stepKinds.find((k) => k in step) ?? 'exit'
}

export function stepId(step: Json, index: number): string {
  return typeof step.id === 'string' && step.id ? step.id : `step-${index + 1}`
}

/** A copy with the file's shorthands spelled out (send: NAME, wait: 2d, webhook: URL) and every step given its id. */
export function normalize(doc: Json): ScenarioDoc {
  const copy = JSON.parse(JSON.stringify(doc ?? {})) as ScenarioDoc
  copy.name = typeof copy.name === 'string' ? copy.name : ''
  copy.trigger = copy.trigger && typeof copy.trigger === 'object' ? copy.trigger : { type: 'deal_entered_stage' }
  copy.steps = Array.isArray(copy.steps) ? copy.steps : []
  copy.steps.forEach((step, i) => {
    step.id = stepId(step, i)
    if (typeof step.send === 'string') step.send = { template: step.send }
    if (typeof step.wait === 'string') step.wait = { for: step.wait }
    if (typeof step.webhook === 'string') step.webhook = { url: step.webhook }
  })
  return copy
}

/** The proposal follow-up of manifests/scenarios/: deal entered Proposal → the offer; not opened in 2 days → a reminder; won or lost → stop. */
export function proposalExample(pipeline = 0, stage = 'PREPARATION'): ScenarioDoc {
  return {
    name: 'proposal-follow-up',
    trigger: { type: 'deal_entered_stage', pipeline, stage },
    max_lateness: '1d',
    re_entry: 'once',
    exit: { won: true, lost: true, left_pipeline: true },
    steps: [
      { id: 'offer', send: { template: 'proposal', kind: 'marketing' } },
      { id: 'wait-2d', wait: { for: '2d' } },
      { id: 'opened-offer', condition: { opened: 'offer' }, then: 'done', else: 'reminder' },
      { id: 'reminder', send: { template: 'proposal-reminder', kind: 'marketing' } },
      { id: 'done', exit: true },
    ],
  }
}

export function emptyScenario(): ScenarioDoc {
  return { name: '', trigger: { type: 'deal_entered_stage', pipeline: 0 }, re_entry: 'once', exit: { won: true, lost: true, left_pipeline: true }, steps: [] }
}

function uniqueId(kind: string, steps: Json[]): string {
  const taken = new Set(steps.map((s, i) => stepId(s, i)))
  const base = kind.replace('_', '-')
  for (let n = 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

export function newStep(kind: StepKind, steps: Json[]): Json {
  const id = uniqueId(kind, steps)
  switch (kind) {
    case 'send': return { id, send: { template: '', kind: 'marketing' } }
    case 'wait': return { id, wait: { for: '1d' } }
    case 'condition': return { id, condition: { opened: 'previous' } }
    case 'split': return { id, split: [{ percent: 50 }, { percent: 50 }] }
    case 'move_deal': return { id, move_deal: '' }
    case 'todo': return { id, todo: { title: '', due: '1d' } }
    case 'webhook': return { id, webhook: { url: '' } }
    default: return { id, exit: true }
  }
}

/** Where a step goes: each out-edge with its target (undefined: past the last step) and whether it is a branch. */
export function edges(steps: Json[], index: number): { target: string | undefined; branch: string | null }[] {
  const step = steps[index]
  const below = index + 1 < steps.length ? stepId(steps[index + 1], index + 1) : undefined
  const ref = (v: unknown) => (typeof v === 'string' && v ? v : below)
  switch (kindOf(step)) {
    case 'exit': return []
    case 'condition': return [{ target: ref(step.then), branch: 'yes' }, { target: ref(step.else), branch: 'no' }]
    case 'split': return ((step.split as Json[]) ?? []).map((b, i) => ({ target: ref(b.goto), branch: `split:${i}` }))
    default: return [{ target: ref(step.next), branch: null }]
  }
}

export interface StepRow {
  index: number
  id: string
  depth: number
  /** Set on the first step of a branch: which branch of which step. */
  branchOf: { step: string; branch: string } | null
}

/**
 * The indentation of each step: a step reached only by one branch of a condition or split sits one level under it;
 * where branches join again the step goes back to their common level. Back edges (loops) are ignored.
 */
export function layout(steps: Json[]): StepRow[] {
  const ids = steps.map((s, i) => stepId(s, i))
  const contexts: string[][] = []
  const rows: StepRow[] = []
  steps.forEach((_, j) => {
    const incoming: { context: string[]; first: { step: string; branch: string } | null }[] = []
    for (let i = 0; i < j; i++) {
      const out = edges(steps, i).filter((e) => e.target === ids[j])
      const distinct = new Set(out.map((e) => e.branch))
      if (out.length === 0) continue
      if (out[0].branch && distinct.size === 1) {
        incoming.push({ context: [...contexts[i], `${ids[i]}:${out[0].branch}`], first: { step: ids[i], branch: out[0].branch } })
      } else {
        incoming.push({ context: contexts[i], first: null })
      }
    }
    let context: string[] = []
    let branchOf: StepRow['branchOf'] = null
    if (incoming.length === 1) {
      context = incoming[0].context
      branchOf = incoming[0].first
    } else if (incoming.length > 1) {
      context = incoming[0].context
      for (const other of incoming.slice(1)) {
        let k = 0
        while (k < context.length && k < other.context.length && context[k] === other.context[k]) k++
        context = context.slice(0, k)
      }
    }
    contexts.push(context)
    rows.push({ index: j, id: ids[j], depth: context.length, branchOf })
  })
  return rows
}

/** Makes the implicit "goes to the step below" of steps[index] explicit, so inserting a step under it changes nothing. */
function pin(steps: Json[], index: number) {
  if (index < 0 || index + 1 >= steps.length) return
  const step = steps[index]
  const below = stepId(steps[index + 1], index + 1)
  switch (kindOf(step)) {
    case 'exit': return
    case 'condition':
      step.then ??= below
      step.else ??= below
      return
    case 'split':
      for (const b of (step.split as Json[]) ?? []) b.goto ??= below
      return
    default:
      step.next ??= below
  }
}

/** Appends a step: the last step now goes on to it. */
export function addStep(doc: ScenarioDoc, kind: StepKind): Json {
  const step = newStep(kind, doc.steps)
  doc.steps.push(step)
  return step
}

/** Adds a step at the start of a branch of a condition (yes/no) or split (split:N): the branch runs it, then goes where it went before. */
export function addToBranch(doc: ScenarioDoc, index: number, branch: string, kind: StepKind = 'send'): Json {
  const steps = doc.steps
  const owner = steps[index]
  const target = edges(steps, index).find((e) => e.branch === branch)?.target
  const step = newStep(kind, steps)
  if (target !== undefined && kind !== 'exit' && kind !== 'condition' && kind !== 'split') step.next = target
  pin(steps, index)
  // A branch that ends the scenario gets its step at the end of the list; one that goes on, right under its owner.
  steps.splice(target === undefined ? steps.length : index + 1, 0, step)
  if (branch === 'yes') owner.then = step.id
  else if (branch === 'no') owner.else = step.id
  else ((owner.split as Json[])[Number(branch.split(':')[1])]).goto = step.id
  return step
}

/** Removes a step; what went to it goes where it went (its explicit next, else the step now below). */
export function removeStep(doc: ScenarioDoc, index: number) {
  const [gone] = doc.steps.splice(index, 1)
  const id = stepId(gone, index)
  const onward = typeof gone.next === 'string' ? gone.next : undefined
  for (const step of doc.steps) {
    for (const key of ['next', 'then', 'else'] as const) if (step[key] === id) onward ? (step[key] = onward) : delete step[key]
    for (const b of (Array.isArray(step.split) ? step.split : []) as Json[]) if (b.goto === id) onward ? (b.goto = onward) : delete b.goto
  }
}

/** Moves a step one place up or down the list (what goes "to the step below" follows the new order). */
export function moveStep(doc: ScenarioDoc, index: number, by: -1 | 1) {
  const to = index + by
  if (to < 0 || to >= doc.steps.length) return
  const [step] = doc.steps.splice(index, 1)
  doc.steps.splice(to, 0, step)
}

/** The file with empty optional values left out, as the import should read it. */
export function toFile(doc: ScenarioDoc): Json {
  const copy = JSON.parse(JSON.stringify(doc)) as ScenarioDoc
  for (const step of copy.steps) {
    for (const key of ['next', 'then', 'else']) if (step[key] === '' || step[key] === null) delete step[key]
    if (Array.isArray(step.split)) for (const b of step.split as Json[]) if (!b.goto) delete b.goto
    if (step.todo && typeof step.todo === 'object') for (const [k, v] of Object.entries(step.todo as Json)) if (v === '') delete (step.todo as Json)[k]
    // A send step with no template picked has none in the file, so the import says what the page's check says ('template' is required).
    if (step.send && typeof step.send === 'object' && !(step.send as Json).template) delete (step.send as Json).template
  }
  for (const [k, v] of Object.entries(copy.trigger)) if (v === '' || v === null || v === undefined) delete copy.trigger[k]
  return copy
}

export interface StepProblems {
  /** Messages per step id, each with the field inside the step it is about ('send.template', '' for the step itself). */
  steps: Record<string, { field: string; message: string }[]>
  /** Messages about the trigger, per field ('stage', 'pipeline', '' for the trigger itself). */
  trigger: { field: string; message: string }[]
  /** Everything else (name, source, exit rules, …). */
  other: { field: string; message: string }[]
}

/** Places the server's errors (field paths such as steps[3].send.template) at the steps of the document that was sent. */
export function placeProblems(errors: Record<string, string[]>, sent: ScenarioDoc): StepProblems {
  const placed: StepProblems = { steps: {}, trigger: [], other: [] }
  for (const [field, messages] of Object.entries(errors)) {
    const step = /^steps\[(\d+)\]\.?(.*)$/.exec(field)
    for (const message of messages) {
      if (step) {
        const index = Number(step[1])
        const id = sent.steps[index] ? stepId(sent.steps[index], index) : `step-${index + 1}`
        ;(placed.steps[id] ??= []).push({ field: step[2], message })
      } else if (field === 'trigger' || field.startsWith('trigger.')) {
        placed.trigger.push({ field: field.slice('trigger.'.length), message })
      } else {
        placed.other.push({ field, message })
      }
    }
  }
  return placed
}

/** The client's own checks (the server checks again, with the same rules and more): ids, required values, split sums. */
export function clientProblems(doc: ScenarioDoc): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  const add = (field: string, message: string) => (errors[field] ??= []).push(message)
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(doc.name)) add('name', `name '${doc.name}' must be letters, digits, '-', '_' or '.' (at most 100)`)
  if (doc.steps.length === 0) add('steps', "'steps' must be a list of at least one step")
  const seen = new Set<string>()
  doc.steps.forEach((step, i) => {
    const id = stepId(step, i)
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(id)) add(`steps[${i}].id`, `step id '${id}' must be letters, digits, '-' or '_' (at most 64)`)
    if (seen.has(id)) add(`steps[${i}].id`, `step id '${id}' is used twice`)
    seen.add(id)
    const kind = kindOf(step)
    if (kind === 'send' && !(step.send as Json)?.template) add(`steps[${i}].send`, "'template' is required")
    if (kind === 'split') {
      const sum = ((step.split as Json[]) ?? []).reduce((a, b) => a + Number(b.percent ?? 0), 0)
      if (sum !== 100) add(`steps[${i}].split`, `split percentages add up to ${sum}, not 100`)
    }
  })
  return errors
}
