import type { CanonicalValue } from '../../../../core/audit/canonical';

type Fields = Record<string, CanonicalValue>;

function isFields(value: CanonicalValue | undefined): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A recorded value as plain text. Evidence is data: it is never rendered as HTML. */
export function describeValue(value: CanonicalValue | undefined): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  if (typeof value !== 'object') return String(value);
  if (!Array.isArray(value)) {
    const blob = value['$blob'];
    if (isFields(blob)) {
      const type = typeof blob['type'] === 'string' && blob['type'] ? blob['type'] : 'no type';
      return `file, ${JSON.stringify(blob['size'])} bytes, ${type}`;
    }
    const bytes = value['$bytes'];
    if (typeof bytes === 'string') {
      return `${JSON.stringify(value['size'])} bytes, SHA-256 ${bytes.slice(0, 16)}…`;
    }
  }
  return JSON.stringify(value);
}

/**
 * An entry's compact diff as a table: the whole record for a creation or deletion, the changed
 * fields (before → after) for an update. Tables recorded by state hash only say so.
 */
export function DiffView({ diff, op }: { diff: CanonicalValue; op: string }) {
  if (!isFields(diff)) return <p className="muted">No details recorded.</p>;
  const changes = diff['changes'];
  if (isFields(changes)) {
    return (
      <table className="table diff-table" aria-label="Changed fields">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(changes).map(([field, pair]) => {
            const [before, after] = Array.isArray(pair) ? pair : [undefined, pair];
            return (
              <tr key={field}>
                <th scope="row">{field || '(whole value)'}</th>
                <td className="diff-before">{describeValue(before)}</td>
                <td className="diff-after">{describeValue(after)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    );
  }
  const record = diff['after'] ?? diff['before'];
  if (record === undefined) {
    return (
      <p className="muted">
        This table is recorded by state hash only; its contents are not kept in the log.
      </p>
    );
  }
  const fields: Fields = isFields(record) ? record : { '': record };
  return (
    <table
      className="table diff-table"
      aria-label={op === 'delete' ? 'Deleted record' : 'Created record'}
    >
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">{op === 'delete' ? 'Value when deleted' : 'Value'}</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(fields).map(([field, value]) => (
          <tr key={field}>
            <th scope="row">{field || '(whole value)'}</th>
            <td className={op === 'delete' ? 'diff-before' : 'diff-after'}>
              {describeValue(value)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
