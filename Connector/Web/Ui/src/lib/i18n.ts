import { context } from './context'

// Messages per section: each src/pages/<section>/messages.ts exports { en: {...}, ru: {...} } with keys that start
// with the section's name ("dashboard.title"); common.ts holds the shared ones.
export type Messages = { en: Record<string, string>; ru: Record<string, string> }

// Only the shared messages and the card tab's are in the first chunk (a tab's JavaScript has a budget); the app's
// sections' messages arrive in one chunk of their own before the app page's first route renders (router.ts).
const all: Messages = { en: {}, ru: {} }

export function addMessages(modules: Record<string, { default: Messages }>): void {
  for (const m of Object.values(modules)) {
    Object.assign(all.en, m.default.en)
    Object.assign(all.ru, m.default.ru)
  }
}

addMessages(import.meta.glob<{ default: Messages }>(['./common.messages.ts', '../pages/tab/messages.ts'], { eager: true }))

let appMessages: Promise<void> | null = null

/** Loads every section's messages once (the app page calls it before its first route). */
export function loadAppMessages(): Promise<void> {
  appMessages ??= import('./app.messages').then((m) => addMessages(m.modules))
  return appMessages
}

export function language(): 'ru' | 'en' {
  try {
    return context().language
  } catch {
    return 'en'
  }
}

/** The message for key in the page's language ({name} placeholders filled from params); the key itself if missing. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  const text = all[language()][key] ?? all.en[key] ?? key
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`))
}

const locale = () => (language() === 'ru' ? 'ru-RU' : 'en-US')

export const formatNumber = (n: number, digits = 0) =>
  new Intl.NumberFormat(locale(), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n)

export const formatPercent = (ratio: number, digits = 1) =>
  new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(ratio)

export const formatMoney = (amount: number, currency: string) => {
  try {
    return new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(amount)
  } catch {
    return `${formatNumber(amount, 2)} ${currency}`
  }
}

export const formatDateTime = (iso: string | null | undefined) =>
  iso ? new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—'

export const formatDate = (iso: string | null | undefined) =>
  iso ? new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(iso)) : '—'
