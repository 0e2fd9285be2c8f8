import { del, get, post } from '../../lib/api'

// The card tab's API (Connector/Web/Tabs): /api/ui/tabs/{deal|contact}/{id}/…
export type RecordKind = 'deal' | 'contact'

export type Status =
  | 'queued' | 'sent' | 'delivered' | 'opened' | 'clicked' | 'bounced_hard' | 'bounced_soft'
  | 'complained' | 'unsubscribed' | 'suppressed' | 'failed' | 'expired'

export interface TabLink { url: string; clicks: number; humanClicks: number; firstClickAt: string | null }
export interface TabMessage {
  id: number; status: Status; name: string; kind: string; step: string | null; recipient: string; recipientDisplay: string; contactId: number
  queuedAt: string; sentAt: string | null; openedAt: string | null; opens: number; humanOpens: number; clickedAt: string | null
  clicks: number; humanClicks: number; unsubscribedAt: string | null; detail: string | null; links: TabLink[]
}
export interface TabAddress { address: string; display: string; valid: boolean; suppression: string | null; suppressionSource: string | null; suppressedAt: string | null; liftable: boolean }
export interface TabContact { id: number; name: string | null; addresses: TabAddress[] }
export interface TabEnrollment {
  id: number; scenarioId: number; scenario: string; state: 'active' | 'completed' | 'exited'; exitReason: string | null; step: string | null
  stepKind: string | null; stepTemplate: string | null; dueAt: string | null; enteredAt: string; subjectKind: string; stoppable: boolean
}
export interface TabRecord {
  type: RecordKind; id: number; title: string | null; synced: boolean; stageName: string | null; stageSemantic: string | null; stageColor: string | null
  pipelineName: string | null; amount: string | null; currency: string | null; responsibleId: number | null; responsibleName: string | null
}
export interface TabView { record: TabRecord; contacts: TabContact[]; messages: TabMessage[]; enrollments: TabEnrollment[] }
export interface TabChoices { templates: { name: string; version: number }[]; scenarios: string[] }
export interface TabPreview { template: string; version: number; subject: string; preheader: string | null; html: string; text: string | null; contactId: number; recipient: string | null; recipientDisplay: string | null }

const base = (kind: RecordKind, id: number) => `tabs/${kind}/${id}`

export const loadView = (kind: RecordKind, id: number) => get<TabView>(base(kind, id))
export const loadChoices = (kind: RecordKind, id: number) => get<TabChoices>(`${base(kind, id)}/choices`)
export const stopEnrollment = (kind: RecordKind, id: number, enrollment: number) => post<TabEnrollment>(`${base(kind, id)}/enrollments/${enrollment}/stop`)
export const liftSuppression = (kind: RecordKind, id: number, address: string) => del<void>(`${base(kind, id)}/suppressions/${encodeURIComponent(address)}`)
export const previewTemplate = (kind: RecordKind, id: number, template: string, contactId: number | null) =>
  post<TabPreview>(`${base(kind, id)}/preview`, { template, contactId })
export const sendTemplate = (kind: RecordKind, id: number, template: string, contactId: number | null) =>
  post<{ id: number; status: Status; recipient: string | null; recipientDisplay: string | null }>(`${base(kind, id)}/send`, { template, contactId })
export const enroll = (kind: RecordKind, id: number, scenario: string) => post<{ id: number; scenario: string; state: string }>(`${base(kind, id)}/enrollments`, { scenario })

/** The same rule the server applies (TabLetters.NameProblem): a name is required, ≤ 200 characters, no control characters. */
export function nameProblem(name: string | null | undefined): 'required' | 'tooLong' | 'control' | null {
  if (!name || !name.trim()) return 'required'
  if (name.length > 200) return 'tooLong'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'control'
  return null
}
