// The shapes /api/ui/rfm answers with (Connector/Rfm/RfmOverview.cs and friends).
export interface RfmCell { r: number; f: number; segment: string; contacts: number; monetary: number }
export interface RfmSegmentSummary { segment: string; contacts: number; monetary: number; averageRecencyDays: number; averageFrequency: number }
export interface RfmCohort { month: string; size: number; active: number[] }
export interface RfmOverview { computedAt: string | null; currency: string | null; contacts: number; cells: RfmCell[]; segments: RfmSegmentSummary[]; cohorts: RfmCohort[] }
export interface RfmMember {
  contactId: number; name: string | null; email: string | null; lastWonAt: string; recencyDays: number; frequency: number; monetary: number
  r: number; f: number; m: number; since: string
}

export const segmentCodes = ['champions', 'loyal', 'potential_loyalists', 'new_customers', 'promising', 'need_attention', 'about_to_sleep', 'at_risk', 'cant_lose', 'hibernating'] as const

/** A cell's background: a light blue whose strength follows its share of the largest cell (text stays dark and legible). */
export function shade(count: number, max: number): string {
  if (max <= 0 || count <= 0) return 'transparent'
  const alpha = 0.06 + 0.29 * (count / max)
  return `rgba(0, 117, 255, ${alpha.toFixed(3)})`
}

/** The segment language expression that selects a segment's contacts (offered as a saved segment). */
export const expressionOf = (segment: string) => `rfm.segment = "${segment}"`
