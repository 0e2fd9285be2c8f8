// The Templates section's model: the template file's JSON as the editor edits it, the block kinds and their fields,
// and the rules the server applies again (names, addresses).

export interface Block {
  type: string
  text?: string | null
  src?: string | null
  alt?: string | null
  href?: string | null
  title?: string | null
  price?: string | null
  color?: string | null
  left?: Block[] | null
  right?: Block[] | null
}

export interface TemplateDraft {
  name?: string
  version?: number
  subject: string
  preheader?: string | null
  html?: string | null
  blocks?: Block[] | null
  text?: string | null
  locale?: string | null
  custom_fields?: string[]
}

export interface TemplateSummary { name: string; subject: string; updatedAt: string; versions: number; latest: number }
export interface VersionSummary { version: number; subject: string; createdAt: string }
export interface TemplateVariable { group: string; path: string; liquid: string }
export interface CustomField { owner: 'contact' | 'deal'; code: string; declare: string; liquid: string; example: string | null; label?: string | null }
export interface Variables { blockTypes: string[]; variables: TemplateVariable[]; customFields: CustomField[] }
export interface SampleContact { id: number; name: string; email: string | null }
export interface Preview { subject: string; preheader: string | null; html: string; text: string; textGenerated: boolean }

export type FieldKind = 'line' | 'multiline' | 'url' | 'color'
export interface FieldSpec { key: keyof Block; kind: FieldKind }

/** The fields each block kind draws (Connector/Templates/Blocks/BlockRenderer.cs). */
export const blockFields: Record<string, FieldSpec[]> = {
  header: [{ key: 'src', kind: 'url' }, { key: 'alt', kind: 'line' }, { key: 'href', kind: 'url' }],
  heading: [{ key: 'text', kind: 'line' }],
  text: [{ key: 'text', kind: 'multiline' }],
  image: [{ key: 'src', kind: 'url' }, { key: 'alt', kind: 'line' }, { key: 'href', kind: 'url' }],
  button: [{ key: 'text', kind: 'line' }, { key: 'href', kind: 'url' }, { key: 'color', kind: 'color' }],
  product: [
    { key: 'title', kind: 'line' }, { key: 'text', kind: 'multiline' }, { key: 'price', kind: 'line' },
    { key: 'src', kind: 'url' }, { key: 'alt', kind: 'line' }, { key: 'href', kind: 'url' }, { key: 'color', kind: 'color' },
  ],
  columns: [],
  divider: [],
  footer: [{ key: 'text', kind: 'multiline' }],
}

export const paletteKinds = ['header', 'heading', 'text', 'image', 'button', 'product', 'columns', 'divider', 'footer']

/** A new block of a kind, with text a marketer replaces. */
export function newBlock(type: string): Block {
  switch (type) {
    case 'heading': return { type, text: '' }
    case 'text': return { type, text: '' }
    case 'button': return { type, text: '', href: '' }
    case 'image': return { type, src: '', alt: '' }
    case 'header': return { type, src: '' }
    case 'product': return { type, title: '', text: '', price: '', src: '', href: '' }
    case 'columns': return { type, left: [], right: [] }
    default: return { type }
  }
}

/** The list moved one place up or down (a copy; the original is untouched). */
export function moved<T>(items: T[], index: number, by: -1 | 1): T[] {
  const target = index + by
  if (target < 0 || target >= items.length) return items.slice()
  const copy = items.slice()
  const [item] = copy.splice(index, 1)
  copy.splice(target, 0, item as T)
  return copy
}

/** The text with insert put in place of the selection [start, end). */
export function insertAt(text: string, insert: string, start: number, end = start): string {
  const from = Math.max(0, Math.min(start, text.length))
  const to = Math.max(from, Math.min(end, text.length))
  return text.slice(0, from) + insert + text.slice(to)
}

/** The field at a path such as "subject", "blocks[2].text" or "blocks[1].left[0].href". */
export function readField(draft: TemplateDraft, path: string): string {
  let at: unknown = draft
  for (const part of steps(path)) at = at == null ? undefined : (at as Record<string | number, unknown>)[part]
  return typeof at === 'string' ? at : ''
}

export function writeField(draft: TemplateDraft, path: string, value: string): void {
  const parts = steps(path)
  let at = draft as unknown as Record<string | number, unknown>
  for (const part of parts.slice(0, -1)) at = at[part] as Record<string | number, unknown>
  at[parts[parts.length - 1] as string | number] = value
}

function steps(path: string): (string | number)[] {
  return path.split(/\.|\[|\]/).filter((s) => s.length > 0).map((s) => (/^\d+$/.test(s) ? Number(s) : s))
}

// The same rules as the server's (TemplatesUi.NamePattern, AddressValidator.Normalise's syntax).
export const namePattern = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u
const reserved = ['variables', 'contacts', 'preview']

export function nameProblem(name: string): string | null {
  const text = name.trim()
  if (!text) return 'templates.name.required'
  if (!namePattern.test(text)) return 'templates.name.pattern'
  if (reserved.includes(text.toLowerCase())) return 'templates.name.reserved'
  return null
}

export function isAddress(value: string): boolean {
  const text = value.trim()
  return text.length <= 254 && /^[^\s@<>(),;:"\[\]\\]+@[^\s@<>(),;:"\[\]\\]+\.[^\s@<>(),;:"\[\]\\]{2,}$/u.test(text)
}

/** The messages of one field, and of the fields below it when asked (a block shows its fields' errors). */
export function errorsAt(errors: Record<string, string[]>, path: string, below = false): string[] {
  return Object.entries(errors)
    .filter(([field]) => field === path || (below && (field.startsWith(path + '.') || field.startsWith(path + '['))))
    .flatMap(([, messages]) => messages)
}
