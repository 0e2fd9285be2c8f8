// The context the server injects into the page after verifying the placement POST (Web/UiSession/UiPage.cs).
export type Placement = 'app' | 'deal-tab' | 'contact-tab'

export interface PageContext {
  token: string
  expiresAt: string
  placement: Placement
  entityId: number | null
  language: 'ru' | 'en'
  userId: number
  isAdmin: boolean
  portalOrigin: string
  initial: Record<string, unknown> | null
}

let current: PageContext | null = null

/** Reads (once) the JSON the server placed in #crmesp-context; a page opened outside a placement has none. */
export function readContext(doc: Document): PageContext {
  if (current) return current
  const element = doc.getElementById('crmesp-context')
  const parsed = element?.textContent ? (JSON.parse(element.textContent) as Partial<PageContext>) : {}
  current = {
    token: parsed.token ?? '',
    expiresAt: parsed.expiresAt ?? '',
    placement: parsed.placement ?? 'app',
    entityId: parsed.entityId ?? null,
    language: parsed.language === 'ru' ? 'ru' : 'en',
    userId: parsed.userId ?? 0,
    isAdmin: parsed.isAdmin ?? false,
    portalOrigin: parsed.portalOrigin ?? '',
    initial: parsed.initial ?? null,
  }
  return current
}

/** The context read by readContext (tests set their own with setContext). */
export function context(): PageContext {
  if (!current) throw new Error('the page context was not read')
  return current
}

export function setContext(value: PageContext): void {
  current = value
}
