import type { CanonicalValue } from '../../../../core/audit/canonical';
import type { MergePlan, PlannedRecord, Resolution, Version } from '../../../../core/bundle/merge';
import { conflictingFields } from '../../../../core/bundle/merge';
import { recordLabel, tableName } from './labels';
import { formatDateTime, counted } from '../../lib/format';
import { IsoDateTime } from '../../../../core/model';

/**
 * What storing a bundle will do: how many records come in, which stay as they are here, and
 * each conflict (the same record changed on both sides) with both versions side by side and a
 * choice to make. Nothing is overwritten without that choice.
 */
export function PlanView({
  plan,
  mode,
  resolutions,
  onResolve,
}: {
  plan: MergePlan<unknown>;
  mode: 'import' | 'merge';
  resolutions: ReadonlyMap<string, Resolution>;
  onResolve: (id: string, resolution: Resolution) => void;
}) {
  const changes = plan.apply.reduce<Map<string, number>>((counts, record) => {
    counts.set(record.table, (counts.get(record.table) ?? 0) + 1);
    return counts;
  }, new Map());
  return (
    <section aria-label="What will change">
      <h3>{mode === 'merge' ? 'Merging the review into this ledger' : 'Importing for review'}</h3>
      <ul className="plain-list">
        <li>
          {counted(plan.apply.length, 'record')} will be written
          {changes.size > 0
            ? `: ${[...changes].map(([table, count]) => `${count} ${tableName(table).toLowerCase()}`).join(', ')}`
            : ''}
          .
        </li>
        {plan.unchanged > 0 ? <li>{plan.unchanged} already the same here.</li> : null}
        {plan.keptOurs > 0 ? (
          <li>{plan.keptOurs} changed only here since the export: kept as they are.</li>
        ) : null}
        <li>
          {plan.conflicts.length === 0
            ? 'No conflicts.'
            : `${counted(plan.conflicts.length, 'conflict')}: the same record was changed on both sides. Choose which version to keep.`}
        </li>
      </ul>
      {plan.conflicts.map((record, index) => (
        <ConflictCard
          key={record.id}
          number={index + 1}
          record={record}
          mode={mode}
          resolution={resolutions.get(record.id) ?? null}
          onResolve={(resolution) => onResolve(record.id, resolution)}
        />
      ))}
    </section>
  );
}

function shown(value: CanonicalValue | undefined): string {
  if (value === undefined || value === null) return '—';
  if (typeof value !== 'string') return JSON.stringify(value);
  return IsoDateTime.safeParse(value).success ? formatDateTime(value) : value;
}

function labelOf(record: PlannedRecord<unknown>, version: Version<unknown> | null | undefined) {
  return recordLabel(record.table, version?.value, record.key);
}

function ConflictCard({
  number,
  record,
  mode,
  resolution,
  onResolve,
}: {
  number: number;
  record: PlannedRecord<unknown>;
  mode: 'import' | 'merge';
  resolution: Resolution | null;
  onResolve: (resolution: Resolution) => void;
}) {
  const { decision } = record;
  if (decision.kind !== 'conflict') return null;
  const label = labelOf(record, decision.theirs ?? decision.ours);
  const heading = `Conflict ${number}: ${tableName(record.table)} ${label}`;
  const theirs = mode === 'merge' ? 'reviewer' : 'bundle';
  const fields = conflictingFields(decision);
  return (
    <fieldset className="conflict" aria-label={heading}>
      <legend>{heading}</legend>
      {decision.ours === null || decision.theirs === null ? (
        <p>
          {decision.ours === null
            ? 'Deleted here, changed in the bundle.'
            : 'Changed here, deleted in the bundle.'}
        </p>
      ) : null}
      <table className="table" aria-label={`Differences in conflict ${number}`}>
        <thead>
          <tr>
            <th scope="col">Field</th>
            {mode === 'merge' ? <th scope="col">When exported</th> : null}
            <th scope="col">This ledger</th>
            <th scope="col">{mode === 'merge' ? 'Reviewer' : 'Bundle'}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field.field}>
              <th scope="row">{field.field}</th>
              {mode === 'merge' ? <td>{shown(field.base)}</td> : null}
              <td>{decision.ours === null ? '(deleted)' : shown(field.ours)}</td>
              <td>{decision.theirs === null ? '(deleted)' : shown(field.theirs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="choice-row" role="radiogroup" aria-label={`Resolve conflict ${number}`}>
        <label>
          <input
            type="radio"
            name={`conflict-${record.id}`}
            checked={resolution === 'ours'}
            onChange={() => onResolve('ours')}
          />
          Keep this ledger’s version
        </label>
        <label>
          <input
            type="radio"
            name={`conflict-${record.id}`}
            checked={resolution === 'theirs'}
            onChange={() => onResolve('theirs')}
          />
          Take the {theirs}’s version
        </label>
      </div>
    </fieldset>
  );
}
