// The campaign form's checks, the same rules as the server's CampaignValidator (which checks again and has the last
// word): each problem keyed by the form's field, as the server's 400 ValidationProblem keys them.
import { t } from '../../lib/i18n'

export interface VariantForm { name: string; subject: string; fromAddress: string; fromName: string; template: string }

export interface CampaignForm {
  name: string
  template: string
  audience: 'saved' | 'expression'
  segmentName: string
  segment: string
  schedule: 'now' | 'at'
  at: string
  windowFrom: string
  windowTo: string
  localTime: boolean
  expireAfter: string
  sendTimeOptimised: boolean
  mode: 'single' | 'ab' | 'bandit'
  variants: VariantForm[]
  testShare: string
  testWait: string
  winnerBy: 'opens' | 'clicks'
  waveShare: string
  waveEvery: string
}

export const emptyForm = (): CampaignForm => ({
  name: '', template: '', audience: 'saved', segmentName: '', segment: '', schedule: 'now', at: '', windowFrom: '', windowTo: '', localTime: false,
  expireAfter: '', sendTimeOptimised: false, mode: 'single', variants: [], testShare: '20', testWait: '4h', winnerBy: 'opens', waveShare: '10', waveEvery: '1h',
})

export const emptyVariant = (name: string): VariantForm => ({ name, subject: '', fromAddress: '', fromName: '', template: '' })

/** Seconds of a duration as the CLI writes them (30m, 4h, 2d; 90s), or null. */
export function durationSeconds(text: string): number | null {
  const m = /^(\d{1,6}(?:\.\d{1,3})?)([smhd])$/.exec(text.trim())
  if (!m) return null
  const n = Number(m[1])
  return n * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd']
}

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/

export function validate(form: CampaignForm, templates: string[], sendingDomain: string | null, now: Date = new Date()): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!form.template) errors.template = t('campaigns.v.template')
  else if (templates.length && !templates.includes(form.template)) errors.template = t('campaigns.v.templateUnknown')
  if (form.name.length > 200) errors.name = t('campaigns.v.name')
  if (form.audience === 'saved' && !form.segmentName) errors.segmentName = t('campaigns.v.segmentName')
  if (form.audience === 'expression' && !form.segment.trim()) errors.segment = t('campaigns.v.segment')
  if (form.schedule === 'at') {
    const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(form.at) ? new Date(form.at) : null
    if (!at || Number.isNaN(at.getTime())) errors.at = t('campaigns.v.at')
    // The server reads the time in the portal's zone (or each contact's): only a time more than a day gone is surely past here.
    else if (at.getTime() < now.getTime() - 86_400_000) errors.at = t('campaigns.v.atPast')
  }
  if (form.windowFrom || form.windowTo) {
    if (!hhmm.test(form.windowFrom) || !hhmm.test(form.windowTo) || form.windowFrom === form.windowTo) errors.window = t('campaigns.v.window')
  }
  if (form.expireAfter) {
    const s = durationSeconds(form.expireAfter)
    if (s === null || s <= 0 || s > 60 * 86400) errors.expireAfter = t('campaigns.v.expireAfter')
  }
  const names = new Set<string>()
  form.variants.forEach((v, i) => {
    const key = `variants.${i}`
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(v.name)) errors[key] = t('campaigns.v.variantName')
    else if (names.has(v.name)) errors[key] = t('campaigns.v.variantTwice')
    else if ([v.name, v.subject, v.fromAddress, v.fromName, v.template].some((p) => p.includes(';'))) errors[key] = t('campaigns.v.variantSemicolon')
    else if (!v.subject.trim() && !v.fromAddress.trim() && !v.template) errors[key] = t('campaigns.v.variantEmpty')
    else if (v.subject.trim().length > 250) errors[key] = t('campaigns.v.variantSubject')
    else if (v.fromAddress.trim()) {
      const domain = v.fromAddress.trim().split('@')[1]?.toLowerCase()
      if (!/^[^@\s]+@[^@\s]+$/.test(v.fromAddress.trim())) errors[key] = t('campaigns.v.variantFrom')
      else if (sendingDomain && domain !== sendingDomain) errors[key] = t('campaigns.v.variantDomain', { domain: sendingDomain })
    }
    names.add(v.name)
  })
  if (form.mode !== 'single' && form.variants.length < 2) errors.variants = t('campaigns.v.variantsTwo')
  if (form.mode === 'ab') {
    const share = Number(form.testShare)
    if (!Number.isInteger(share) || share < 1 || share > 100) errors.testShare = t('campaigns.v.share')
    const wait = durationSeconds(form.testWait)
    if (wait === null || wait < 60 || wait > 14 * 86400) errors.testWait = t('campaigns.v.wait')
  }
  if (form.mode === 'bandit') {
    const share = Number(form.waveShare)
    if (!Number.isInteger(share) || share < 1 || share > 100) errors.waveShare = t('campaigns.v.share')
    const every = durationSeconds(form.waveEvery)
    if (every === null || every < 60 || every > 14 * 86400) errors.waveEvery = t('campaigns.v.wait')
  }
  return errors
}

/** The body of POST /api/ui/campaigns. */
export function body(form: CampaignForm) {
  const variants = form.mode === 'single' ? [] : form.variants.map((v) => ({
    name: v.name, subject: v.subject.trim() || null, fromAddress: v.fromAddress.trim() || null, fromName: v.fromName.trim() || null, template: v.template || null,
  }))
  return {
    name: form.name.trim() || null,
    template: form.template,
    segmentName: form.audience === 'saved' ? form.segmentName : null,
    segment: form.audience === 'expression' ? form.segment.trim() : null,
    at: form.schedule === 'at' ? form.at : null,
    window: form.windowFrom && form.windowTo ? `${form.windowFrom}-${form.windowTo}` : null,
    localTime: form.localTime,
    expireAfter: form.expireAfter.trim() || null,
    sendTimeOptimised: form.sendTimeOptimised,
    mode: form.mode,
    variants,
    testShare: form.mode === 'ab' ? Number(form.testShare) : null,
    testWait: form.mode === 'ab' ? form.testWait : null,
    winnerBy: form.mode === 'ab' ? form.winnerBy : null,
    waveShare: form.mode === 'bandit' ? Number(form.waveShare) : null,
    waveEvery: form.mode === 'bandit' ? form.waveEvery : null,
  }
}
