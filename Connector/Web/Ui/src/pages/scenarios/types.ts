// The shapes of /api/ui/scenarios* (Connector/Scenarios/Ui/*.cs).
import type { Json } from './scenarioDocument'

export interface ScenarioItem {
  id: number
  name: string
  state: 'active' | 'paused' | 'stopped'
  stateReason: string | null
  version: number
  pinnedVersion: number | null
  trigger: string | null
  enrolled: number
  waiting: number
  completed: number
  exited: number
  skippedLate: number
  internal: boolean
}

export interface ScenarioDetail {
  scenario: ScenarioItem
  shownVersion: number
  versions: number[]
  document: Json | null
  source: string
}

export interface StageOption { id: string; name: string; semantic: string }
export interface PipelineOption { id: number; name: string; stages: StageOption[] }
export interface Lookups { pipelines: PipelineOption[]; templates: string[]; segments: string[]; rfmSegments: string[] }

export interface Saved { id: number; name: string; version: number; newVersion: boolean; newScenario: boolean }

export interface StepFunnel { step: string; kind: string; entered: number; waiting: number; sent: number; opened: number; clicked: number; exited: number; completed: number }
export interface FunnelView { id: number; version: number; steps: StepFunnel[] }

export interface DryRunEntry { deal: number | null; dealTitle: string | null; contact: number | null; contactName: string | null; at: string }
export interface DryRun { wouldEnter: number; skippedLate: number; skippedReEntry: number; skippedActive: number; sample: DryRunEntry[] }
