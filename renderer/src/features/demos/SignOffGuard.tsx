import type { SignOffConcern } from '../../../../core/demo/sign-off-guard';
import { concernKey, concernText } from '../../../../core/demo/sign-off-guard';
import { EXPIRY_WARNING_DAYS } from '../../../../core/demo/verdicts';

/**
 * What the signer must acknowledge before the Sign button enables: failed verdicts nothing
 * answers and exceptions about to lapse (core/demo/sign-off-guard.ts). One checkbox covers the
 * list as shown; when the list changes, the acknowledgement no longer covers it and clears.
 */
export function SignOffGuard({
  concerns,
  today,
  acknowledged,
  onAcknowledge,
}: {
  concerns: readonly SignOffConcern[];
  today: string;
  acknowledged: boolean;
  onAcknowledge: (acknowledged: boolean) => void;
}) {
  if (concerns.length === 0) return null;
  const failed = concerns.filter((concern) => concern.kind === 'failed-verdict');
  const expiring = concerns.filter((concern) => concern.kind === 'expiring-exception');
  return (
    <fieldset className="signoff-guard" aria-describedby="signoff-guard-why">
      <legend>Acknowledge before signing</legend>
      <p id="signoff-guard-why">
        Signing off does not resolve these. To answer a failed verdict, raise an issue from it or
        record an exception above; otherwise acknowledge them: which ones, your name and the time
        become part of the signed statement and of the demo record PDF.
      </p>
      <ConcernList
        title="Failed verdicts with no issue and no exception"
        concerns={failed}
        today={today}
      />
      <ConcernList
        title={`Exceptions expiring within ${EXPIRY_WARNING_DAYS} days`}
        concerns={expiring}
        today={today}
      />
      <label className="checkbox confirm">
        <input
          type="checkbox"
          checked={acknowledged}
          onChange={(event) => onAcknowledge(event.target.checked)}
        />
        <span>
          I have read {concerns.length === 1 ? 'this item' : `these ${concerns.length} items`} and
          sign off knowing {concerns.length === 1 ? 'it stays' : 'they stay'} open.
        </span>
      </label>
    </fieldset>
  );
}

function ConcernList({
  title,
  concerns,
  today,
}: {
  title: string;
  concerns: readonly SignOffConcern[];
  today: string;
}) {
  if (concerns.length === 0) return null;
  return (
    <>
      <h3>
        {title} ({concerns.length})
      </h3>
      <ul className="plain-list compact-list" aria-label={title}>
        {concerns.map((concern) => (
          <li key={concernKey(concern)}>{concernText(concern, today)}</li>
        ))}
      </ul>
    </>
  );
}
