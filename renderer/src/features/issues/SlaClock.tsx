import type { SecurityIssue, SlaPolicy } from '../../../../core/model';
import { describeSla, readSla } from '../../../../core/issues/sla';
import { effectiveStatus } from '../../../../core/issues/workflow';
import { SLA_STATE_LABELS } from './labels';
import { useNow } from './useNow';
import { formatDateTime } from '../../lib/format';

/** The live SLA clock of an issue: its state and the time left (or past due), every second. */
export function SlaClock({
  issue,
  policy,
  large = false,
}: {
  issue: SecurityIssue;
  policy: SlaPolicy;
  large?: boolean;
}) {
  const now = useNow();
  const reading = readSla({ ...issue, status: effectiveStatus(issue, now) }, now, policy);
  const due = new Date(reading.dueAt);
  return (
    <span
      className={`sla sla-${reading.state}${large ? ' sla-large' : ''}`}
      role="timer"
      aria-live="off"
      aria-label={`SLA ${SLA_STATE_LABELS[reading.state]}: ${describeSla(reading)}, due ${formatDateTime(due)}`}
      data-state={reading.state}
    >
      <span className="sla-state">{SLA_STATE_LABELS[reading.state]}</span>
      <span className="sla-time">{describeSla(reading)}</span>
    </span>
  );
}
