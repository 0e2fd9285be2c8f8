import type { Status } from './tabApi'

type BadgeColor = 'air-primary' | 'air-primary-success' | 'air-primary-alert' | 'air-primary-warning' | 'air-primary-copilot' | 'air-secondary' | 'air-tertiary'

// One colour per status, as Bitrix24's own mail statuses read: green for reading, red for refusals, grey for waiting.
export const statusColor: Record<Status, BadgeColor> = {
  queued: 'air-tertiary',
  sent: 'air-secondary',
  delivered: 'air-primary',
  opened: 'air-primary-success',
  clicked: 'air-primary-copilot',
  bounced_hard: 'air-primary-alert',
  bounced_soft: 'air-primary-warning',
  complained: 'air-primary-alert',
  unsubscribed: 'air-primary-warning',
  suppressed: 'air-secondary',
  failed: 'air-primary-alert',
  expired: 'air-tertiary',
}
