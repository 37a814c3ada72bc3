import { useState } from 'react';
import type { Evidence } from '../../../../core/model';
import { notify } from '../../app/notifications';
import { TextAreaField, TextField } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { setExpectedPorts, updateEvidenceMetadata } from './commands';
import { FormError } from '../../components/FormFooter';

type OriginField = 'pipeline' | 'job' | 'runUrl' | 'commit' | 'branch';
const ORIGIN_FIELDS: readonly [OriginField, string][] = [
  ['pipeline', 'Pipeline'],
  ['job', 'Job'],
  ['runUrl', 'Run URL'],
  ['commit', 'Commit'],
  ['branch', 'Branch'],
];

/**
 * How long the evidence stays fresh and where it came from; prefilled from the file, editable.
 * Its period is the tool's own date or one stated for an undated file (PeriodPanel).
 */
export function MetadataForm({ evidence }: { evidence: Evidence }) {
  const [freshness, setFreshness] = useState(
    evidence.freshnessDays === null ? '' : String(evidence.freshnessDays),
  );
  const [origin, setOrigin] = useState(evidence.origin);
  const [notes, setNotes] = useState(evidence.notes);
  const { busy, fieldErrors, formError, submit } = useSubmit();
  return (
    <form
      className="panel"
      aria-labelledby="metadata-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit(async () => {
          await updateEvidenceMetadata(evidence.id, {
            freshnessDays: freshness.trim() === '' ? null : Number(freshness),
            origin,
            notes,
          });
          notify('success', 'Evidence details saved.');
        });
      }}
    >
      <h2 id="metadata-heading">Freshness and source</h2>
      <div className="form-grid">
        <TextField
          label="Stale after (days)"
          type="number"
          min={1}
          value={freshness}
          onChange={(event) => setFreshness(event.target.value)}
          error={fieldErrors['freshnessDays']}
          hint="Empty: never stale."
        />
        {ORIGIN_FIELDS.map(([field, label]) => (
          <TextField
            key={field}
            label={label}
            value={origin[field]}
            onChange={(event) => setOrigin({ ...origin, [field]: event.target.value })}
            error={fieldErrors[`origin.${field}`]}
          />
        ))}
      </div>
      <TextAreaField
        label="Notes"
        rows={2}
        value={notes}
        onChange={(event) => setNotes(event.target.value)}
        error={fieldErrors['notes']}
      />
      <FormError message={formError} />
      <div className="dialog-actions">
        <button type="submit" className="button primary" disabled={busy}>
          Save details
        </button>
      </div>
    </form>
  );
}

/** The ports allowed open for this evidence's source; any other open port becomes a finding. */
export function ExpectedPortsForm({
  workspaceId,
  sourceKey,
  current,
}: {
  workspaceId: string;
  sourceKey: string;
  current: readonly string[];
}) {
  const [value, setValue] = useState(current.join(', '));
  const { busy, fieldErrors, formError, submit } = useSubmit();
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit(() => setExpectedPorts(workspaceId, sourceKey, value.split(/[\s,]+/)));
      }}
    >
      <TextField
        label="Expected open ports"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        placeholder="22, 443/tcp, 53/udp"
        error={fieldErrors['expectedPorts'] ?? formError ?? undefined}
        hint="For every scan of this source; other open ports are reported as findings."
      />
      <button type="submit" className="button" disabled={busy}>
        Save expected ports
      </button>
    </form>
  );
}
