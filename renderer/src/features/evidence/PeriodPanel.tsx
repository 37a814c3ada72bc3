import { useState } from 'react';
import { periodOfEvidence } from '../../../../core/evidence/freshness';
import type { Evidence } from '../../../../core/model';
import { notify } from '../../app/notifications';
import { TextField } from '../../components/Field';
import { FormError } from '../../components/FormFooter';
import { useSubmit } from '../../components/useSubmit';
import { todayIso } from '../../lib/format';
import { statePeriod } from './commands';
import { FreshnessBadge, datingText, freshnessOfEvidence } from './Dating';

/**
 * When the file speaks for: its tool's own date, or the period a person stated. An undated file
 * is never fresh; stating its period (here, by keyboard like any form) is an audited write.
 */
export function PeriodPanel({ evidence }: { evidence: Evidence }) {
  const period = periodOfEvidence(evidence);
  const freshness = freshnessOfEvidence(evidence, todayIso());
  return (
    <section className="panel" aria-labelledby="period-heading">
      <h2 id="period-heading">
        When it speaks for
        <FreshnessBadge freshness={freshness} />
      </h2>
      <p data-testid="evidence-dating">
        {period === null ? (
          <>
            <strong>Undated.</strong> The file carries no date of its own, so it is fresh nowhere:
            Coverage, the period matrix and signed records call it undated until you state the
            period it demonstrates.
          </>
        ) : period.by === 'tool' ? (
          <>
            <strong>{datingText(evidence)}</strong>, the file’s own date (when its tool ran).
          </>
        ) : (
          <>
            <strong>{datingText(evidence)}</strong>. The file carries no date of its own.
          </>
        )}
        {period !== null && evidence.freshnessDays !== null
          ? ` Stale ${evidence.freshnessDays} days after its last day.`
          : ''}
      </p>
      {period?.by === 'tool' ? null : <StatePeriodForm evidence={evidence} />}
    </section>
  );
}

function StatePeriodForm({ evidence }: { evidence: Evidence }) {
  const [from, setFrom] = useState(evidence.effectiveFrom ?? '');
  const [to, setTo] = useState(evidence.effectiveTo ?? '');
  const { busy, fieldErrors, formError, submit } = useSubmit();
  const restating = evidence.dating === 'stated';
  return (
    <form
      className="inline-form"
      aria-label="State the period"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit(async () => {
          await statePeriod(evidence.id, { from, to });
          notify('success', `${evidence.fileName}: period stated.`);
        });
      }}
    >
      <TextField
        label="Demonstrates from"
        type="date"
        value={from}
        max={todayIso()}
        onChange={(event) => setFrom(event.target.value)}
        error={fieldErrors['from']}
      />
      <TextField
        label="Demonstrates until"
        type="date"
        value={to}
        max={todayIso()}
        onChange={(event) => setTo(event.target.value)}
        error={fieldErrors['to']}
      />
      <button type="submit" className="button" disabled={busy}>
        {restating ? 'Restate the period' : 'State the period'}
      </button>
      <FormError message={formError} />
    </form>
  );
}
