// The builder's model of a segment expression (rows of field / operator / value in and/or groups) and its text in the
// segment language. The server parses (POST /api/ui/segments/parse gives the tree back); here we only write text.

export interface FieldView {
  name: string
  scope: 'contact' | 'deal'
  type: 'text' | 'number' | 'date'
  list: boolean
  custom: boolean
  operators: string[]
  values?: string[] | null
  description: string
  /** A custom field's name as the portal gave it. */
  label?: string | null
}

export interface ConditionRow { id: number; kind: 'condition'; field: string; operator: string; value: string }
export interface RawRow { id: number; kind: 'raw'; text: string }
export interface Group { id: number; kind: 'group'; join: 'and' | 'or'; items: Item[] }
export type Item = ConditionRow | RawRow | Group

/** The server's tree (SegmentNode). */
export interface TreeNode { kind: 'group' | 'condition' | 'raw'; join?: 'and' | 'or'; items?: TreeNode[]; field?: string; operator?: string; values?: string[]; text?: string }

let nextId = 1
export const newId = () => nextId++

export const noValue = (operator: string) => operator === 'is empty' || operator === 'is not empty'
export const manyValues = (operator: string) => operator === 'in' || operator === 'not in'

export const quote = (text: string) => `"${text.replace(/"/g, '""')}"`

/** One value as written: text quoted, numbers and dates (2026-01-31, 30 days ago, today) as typed. */
export function literal(value: string, type: FieldView['type']): string {
  const v = value.trim()
  return type === 'text' ? quote(value) : v
}

/** The text of a condition row, or null while it is incomplete (no field, operator or value). */
export function conditionText(row: ConditionRow, fields: Map<string, FieldView>): string | null {
  const field = fields.get(row.field)
  if (!field || !row.operator) return null
  if (noValue(row.operator)) return `${field.name} ${row.operator}`
  if (manyValues(row.operator)) {
    const values = row.value.split(',').map((v) => v.trim()).filter((v) => v.length > 0)
    if (values.length === 0) return null
    return `${field.name} ${row.operator} (${values.map((v) => literal(v, field.type)).join(', ')})`
  }
  if (row.value.trim() === '') return null
  return `${field.name} ${row.operator} ${literal(row.value, field.type)}`
}

export interface Built { text: string; spans: Map<number, [number, number]>; incomplete: number[] }

/** The group as text, each row's span in it (0-based, end exclusive) and the rows still incomplete. */
export function build(group: Group, fields: Map<string, FieldView>): Built {
  const spans = new Map<number, [number, number]>()
  const incomplete: number[] = []
  function write(g: Group, offset: number, nested: boolean): string {
    let text = ''
    const open = nested ? '(' : ''
    text += open
    let first = true
    for (const item of g.items) {
      let piece: string | null
      if (item.kind === 'group') {
        if (!item.items.length) continue
        const start = offset + text.length + (first ? 0 : ` ${g.join} `.length)
        piece = write(item, start, item.items.length > 1)
      } else if (item.kind === 'raw') {
        piece = item.text.trim() ? (/\s(or|and)\s/i.test(item.text) ? `(${item.text.trim()})` : item.text.trim()) : null
      } else {
        piece = conditionText(item, fields)
      }
      if (piece === null || piece === '') {
        if (item.kind !== 'group') incomplete.push(item.id)
        continue
      }
      if (!first) text += ` ${g.join} `
      if (item.kind !== 'group') spans.set(item.id, [offset + text.length, offset + text.length + piece.length])
      text += piece
      first = false
    }
    if (nested) {
      if (text === open) return ''
      text += ')'
    }
    return text
  }
  const text = write(group, 0, false)
  return { text, spans, incomplete }
}

/** The row a 1-based error column falls in, if any. */
export function rowAt(spans: Map<number, [number, number]>, column: number): number | null {
  const at = column - 1
  let last: number | null = null
  for (const [id, [start, end]] of spans) {
    if (at >= start && at < end) return id
    if (at >= end) last = id
  }
  return last
}

/** The builder's model of the server's tree (a lone condition becomes a group of one). */
export function fromTree(node: TreeNode): Group {
  const item = (n: TreeNode): Item => {
    if (n.kind === 'group') return { id: newId(), kind: 'group', join: n.join ?? 'and', items: (n.items ?? []).map(item) }
    if (n.kind === 'condition') return { id: newId(), kind: 'condition', field: n.field ?? '', operator: n.operator ?? '', value: (n.values ?? []).join(', ') }
    return { id: newId(), kind: 'raw', text: n.text ?? '' }
  }
  const root = item(node)
  return root.kind === 'group' ? root : { id: newId(), kind: 'group', join: 'and', items: [root] }
}

export const emptyGroup = (): Group => ({ id: newId(), kind: 'group', join: 'and', items: [] })
export const emptyRow = (field = ''): ConditionRow => ({ id: newId(), kind: 'condition', field, operator: '', value: '' })
