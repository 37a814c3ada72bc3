import type { ReadingFlag } from '../../../core/evidence/readers';
import { READING_FLAG_LABELS } from '../../../core/evidence/readers';

/**
 * How a file that shows nothing is flagged wherever it is listed: its scan failed, it could not
 * be read to its end, or it looks like a scanner report no reader understood. Never a clean
 * result; such a file does not count as evidence that a control was demonstrated.
 */
export function ReadingFlagBadge({ flag }: { flag: ReadingFlag | null | undefined }) {
  if (!flag) return null;
  return (
    <span className={`reading-flag reading-flag-${flag}`} data-flag={flag}>
      {READING_FLAG_LABELS[flag].toLowerCase()}
    </span>
  );
}

const CONSEQUENCE: Readonly<Record<ReadingFlag, string>> = {
  failed: 'The tool did not scan its target: this file shows nothing about it.',
  incomplete: 'The file does not hold a whole run: what it shows may be partial.',
  'not-understood': 'Its findings were not read or counted.',
};

/** The alert at the top of a file's page, with the reason in the tool's words where given. */
export function ReadingFlagAlert({ flag, reason }: { flag: ReadingFlag; reason: string }) {
  return (
    <div className={`reading-flag-alert reading-flag-${flag}`} role="alert">
      <strong>{READING_FLAG_LABELS[flag]}</strong>
      {reason ? `: ${reason}` : ''}
      <p>
        {CONSEQUENCE[flag]} It does not count as evidence that a control was demonstrated, and
        coverage leaves it out.
      </p>
    </div>
  );
}
