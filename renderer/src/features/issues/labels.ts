import type { IssueStatus, Priority, Severity } from '../../../../core/model';
import type { SlaState } from '../../../../core/issues/sla';

export const STATUS_LABELS: Readonly<Record<IssueStatus, string>> = {
  open: 'Open',
  'in-progress': 'In progress',
  fixed: 'Fixed',
  verified: 'Verified',
  closed: 'Closed',
  'risk-accepted': 'Risk accepted',
};

export const PRIORITY_LABELS: Readonly<Record<Priority, string>> = {
  P1: 'P1 — fix immediately',
  P2: 'P2 — fix by the end of the week',
  P3: 'P3',
  P4: 'P4',
};

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Informational',
};

export const SLA_STATE_LABELS: Readonly<Record<SlaState, string>> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  breached: 'Breached',
  met: 'Met',
  missed: 'Missed',
  paused: 'Paused',
};
