// The rules of the portal's sending settings, the same as the server's (Connector/PortalSettings/PortalSettingRules.cs):
// each value by its kind, then across fields on the values that would be in effect. Each returns the message key to
// show next to the field it names, or null. The server checks again with the same rules.
export const maxCount = 10000
export const maxKeyName = 100

export type Field =
  | 'frequencyPerDay' | 'frequencyPerWeek' | 'quietHoursStart' | 'quietHoursEnd' | 'quietHoursTimeZone'
  | 'trackOpens' | 'trackClicks' | 'crmMayResubscribe'
export type Values = Record<Field, string>
export type Refusal = { field: Field; key: string } | null

export function countRule(value: string): string | null {
  return /^\d{1,5}$/.test(value) && Number(value) <= maxCount ? null : 'settings.rule.count'
}

export function timeRule(value: string): string | null {
  return value === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? null : 'settings.rule.time'
}

/** A zone the browser knows (IANA); the server asks the same of the machine's zone database. */
export function zoneRule(value: string, known: (zone: string) => boolean = intlKnows): string | null {
  return value === '' || (value.length <= 64 && known(value)) ? null : 'settings.rule.zone'
}

function intlKnows(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** The first refusal of the values that would be in effect after a change of the fields in `changed`. */
export function checkValues(values: Values, changed: ReadonlySet<Field>, known?: (zone: string) => boolean): Refusal {
  for (const field of ['frequencyPerDay', 'frequencyPerWeek'] as const) {
    const key = countRule(values[field])
    if (key) return { field, key }
  }
  for (const field of ['quietHoursStart', 'quietHoursEnd'] as const) {
    const key = timeRule(values[field])
    if (key) return { field, key }
  }
  const zone = zoneRule(values.quietHoursTimeZone, known)
  if (zone) return { field: 'quietHoursTimeZone', key: zone }
  const [start, end] = [values.quietHoursStart, values.quietHoursEnd]
  if ((start === '') !== (end === '')) return { field: start === '' ? 'quietHoursStart' : 'quietHoursEnd', key: 'settings.rule.quietBoth' }
  if (start !== '' && start === end) return { field: 'quietHoursEnd', key: 'settings.rule.quietEqual' }
  const [day, week] = [Number(values.frequencyPerDay), Number(values.frequencyPerWeek)]
  if (day > 0 && week > 0 && day > week) return { field: changed.has('frequencyPerDay') ? 'frequencyPerDay' : 'frequencyPerWeek', key: 'settings.rule.dayAboveWeek' }
  return null
}

/** An API key's name: required, at most 100 characters, one line (the server's ApiKeyStore.NameProblem). */
export function keyNameRule(value: string): string | null {
  const v = value.trim()
  if (!v) return 'settings.rule.keyName'
  if (v.length > maxKeyName) return 'settings.rule.keyNameTooLong'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(v)) return 'settings.rule.oneLine'
  return null
}

export const webhookEvents = ['sent', 'opened', 'clicked', 'unsubscribed', 'bounced', 'complained'] as const

/** A subscriber's URL as the form can check it (the server also resolves the host, as `webhooks add` does). */
export function webhookUrlRule(value: string): string | null {
  const v = value.trim()
  if (!v) return 'settings.rule.required'
  if (v.length > 2000) return 'settings.rule.tooLong'
  try {
    const url = new URL(v)
    if (!['http:', 'https:'].includes(url.protocol) || !url.hostname || url.username || url.password) return 'settings.rule.url'
  } catch {
    return 'settings.rule.url'
  }
  return null
}

export function webhookEventsRule(events: readonly string[]): string | null {
  return events.length > 0 && events.every((e) => (webhookEvents as readonly string[]).includes(e)) ? null : 'settings.rule.events'
}
