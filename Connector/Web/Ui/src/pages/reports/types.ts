// The shapes of /api/ui/dashboard and /api/ui/reports (Connector/Reports/Ui, camelCase JSON).
export interface Figures {
  domain: string
  messages: number
  sent: number
  delivered: number
  bouncedHard: number
  bouncedSoft: number
  bouncedPolicy: number
  bounced: number
  complaints: number
  unsubscribes: number
  humanOpeners: number
  humanReaders: number
  openers: number
  humanOpens: number
  opens: number
  humanClickers: number
  clickers: number
  humanClicks: number
  clicks: number
  clickToOpen: number | null
}

export interface Rates {
  delivery: number | null
  open: number | null
  openRaw: number | null
  click: number | null
  clickRaw: number | null
  clickToOpen: number | null
  unsubscribe: number | null
  bounce: number | null
  complaint: number | null
}

export type ReportKind = 'campaign' | 'scenario' | 'template'

export interface ReportListItem {
  kind: ReportKind
  id: string
  name: string
  state: string | null
  createdAt: string | null
  figures: Figures
  rates: Rates
}

export interface ReportList {
  campaigns: ReportListItem[]
  scenarios: ReportListItem[]
  templates: ReportListItem[]
}

export interface Zone {
  id: string
  source: 'user' | 'portal'
}

export interface ReactionBucket {
  fromSeconds: number
  toSeconds: number | null
  opens: number
  clicks: number
}

export interface Verdict {
  winner: string | null
  pValue: number
  alpha: number
  lift: number
  reason: string
}

export interface AbVariant {
  name: string
  subject: string | null
  templateName: string | null
  queued: number
  sent: number
  delivered: number
  opens: number
  clicks: number
  openRate: number | null
  clickRate: number | null
}

export interface AbResult {
  mode: 'ab' | 'bandit'
  winnerBy: 'opens' | 'clicks'
  variants: AbVariant[]
  decided: Verdict | null
  current: Verdict | null
  confidence: number | null
}

export interface Baseline {
  campaigns: number
  median: Rates
  delta: Rates
}

export interface ReportDomain {
  domain: string
  display: string
  figures: Figures
  rates: Rates
}

export interface Report {
  kind: ReportKind
  id: string
  name: string
  state: string | null
  totals: Figures
  rates: Rates
  domains: ReportDomain[]
  reaction: ReactionBucket[]
  heat: { zone: Zone; opens: number[][] }
  baseline: Baseline | null
  experiment: AbResult | null
}

export interface ClickMapLink {
  url: string
  humanClicks: number
  clicks: number
  humanClickers: number
  clickers: number
  share: number
  inLetter: boolean
}

export interface ClickMap {
  html: string | null
  template: string | null
  version: number | null
  problem: 'no_letter' | 'not_stored' | 'not_compiling' | 'render_failed' | null
  problemDetail: string | null
  links: ClickMapLink[]
}

export interface DashboardDay {
  date: string
  sent: number
  delivered: number
  humanOpeners: number
  humanClickers: number
  bounced: number
  complaints: number
  unsubscribes: number
}

export interface DashboardWarning {
  code: 'reauth' | 'domain_paused' | 'relay_unreachable' | 'complaints' | 'dns'
  severity: 'error' | 'warning'
  subject: string
  detail: string | null
  until: string | null
  link: string
}

export interface Dashboard {
  since: string
  until: string
  zone: Zone
  totals: Figures
  rates: Rates
  days: DashboardDay[]
  warnings: DashboardWarning[]
}
