import { formatNumber, formatPercent, language } from '../../lib/i18n'
import { t } from '../../lib/i18n'

// Numbers, rates, deltas and durations of the reports in the viewer's locale (Intl), a dash for "no value".
export const locale = () => (language() === 'ru' ? 'ru-RU' : 'en-US')

export const num = (n: number | null | undefined) => (n === null || n === undefined ? t('common.none') : formatNumber(n))

export const pct = (ratio: number | null | undefined) => (ratio === null || ratio === undefined ? t('common.none') : formatPercent(ratio))

/** A difference of two rates in percentage points, signed: +4.2 pp. */
export function points(delta: number | null | undefined): string {
  if (delta === null || delta === undefined) return t('common.none')
  const value = new Intl.NumberFormat(locale(), { maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: 'exceptZero' }).format(delta * 100)
  return t('reports.points', { value })
}

/** A whole duration in its largest fitting unit: 5 min, 3 h, 2 d. */
export function duration(seconds: number): string {
  const [value, unit] = seconds >= 86_400 ? [seconds / 86_400, 'day'] : seconds >= 3_600 ? [seconds / 3_600, 'hour'] : [seconds / 60, 'minute']
  return new Intl.NumberFormat(locale(), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 0 }).format(value)
}

/** Monday-first short weekday names in the viewer's language. */
export function weekdays(): string[] {
  const f = new Intl.DateTimeFormat(locale(), { weekday: 'short', timeZone: 'UTC' })
  return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2024, 0, 1 + i))))
}

/** The browser's own time zone (the viewer's), when it names one. */
export function browserZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null
  } catch {
    return null
  }
}
