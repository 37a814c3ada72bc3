import { contextualizeEvaluation, convertFile } from 'inspecjs';
import type { CheckStatus, Severity } from '../../core/evidence/model';

/**
 * MITRE Heimdall's own count of an InSpec or HDF file, as the outside judge: inspecjs (the
 * library Heimdall is built on, pinned at the version the rules were read from) parses the file
 * and links overlays (`contextualizeEvaluation`); then, as Heimdall's frontend does
 * (apps/frontend/src/store/data_filters.ts `omit_overlayed_controls`, status_counts.ts), only
 * controls no other control extends are counted, each with its root's status and severity.
 */

/** Heimdall's words in ours, written out here rather than imported from the code under test. */
const STATUS: Record<string, CheckStatus> = {
  Passed: 'pass',
  Failed: 'fail',
  'Not Applicable': 'notApplicable',
  'Not Reviewed': 'notChecked',
  'Profile Error': 'error',
  'From Profile': 'notChecked',
};
const SEVERITY: Record<string, Severity> = {
  none: 'info',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical',
};

export interface JudgedCheck {
  id: string;
  status: CheckStatus;
  severity: Severity;
}

export function heimdallChecks(json: string): JudgedCheck[] {
  const execution = convertFile(json)['1_0_ExecJson'];
  if (!execution) throw new Error('inspecjs did not read the file as InSpec exec JSON');
  return contextualizeEvaluation(execution)
    .contains.flatMap((profile) => profile.contains)
    .filter((control) => control.extendedBy.length === 0)
    .map((control) => {
      const { status, severity } = control.root.hdf;
      return {
        id: control.data.id,
        status: STATUS[status] ?? 'informational',
        severity: SEVERITY[String(severity).toLowerCase()] ?? 'unknown',
      };
    });
}

export type FiveTotals = Record<'pass' | 'fail' | 'notApplicable' | 'notChecked' | 'error', number>;

export function totalsOf(checks: readonly { status: CheckStatus }[]): FiveTotals {
  const totals: FiveTotals = { pass: 0, fail: 0, notApplicable: 0, notChecked: 0, error: 0 };
  for (const { status } of checks) if (status in totals) totals[status as keyof FiveTotals] += 1;
  return totals;
}
