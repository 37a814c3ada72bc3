import type { ReactNode } from 'react';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { SortState } from '../../components/SortHeader';
import { SortHeader } from '../../components/SortHeader';
import { VirtualTable } from '../../components/VirtualTable';
import { counted, formatNumber } from '../../lib/format';

export interface Column<T> {
  key: string;
  label: string;
  value: (row: T) => string | number;
  render?: (row: T) => ReactNode;
  /** Sort by this rank instead of the displayed value (severity order, for example). */
  rank?: (row: T) => number;
  /** A fixed width (CSS length); columns without one share what is left. */
  width?: string;
}

interface Props<T> {
  caption: string;
  /** What one row is, in the singular ("test"): the counts are said with it. */
  noun: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  /** A row's key; `index` is its place in `rows`, whatever the sort and filter. */
  rowKey: (row: T, index: number) => string;
  /** Extra cell per row, e.g. "Raise issue". */
  actions?: (row: T) => ReactNode;
  /** How many the file holds, when the stored record may list fewer (`rows` is then cut). */
  totalCount?: number;
}

interface Entry<T> {
  row: T;
  index: number;
}

/**
 * A table any evidence list uses: sortable columns and a text filter over every listed row,
 * drawn as a VirtualTable (only the rows in view), so the last of 5,000 rows is a scroll or an
 * End key away. When the stored record lists fewer rows than the file holds, it says so.
 */
export function DataTable<T>({
  caption,
  noun,
  rows,
  columns,
  rowKey,
  actions,
  totalCount,
}: Props<T>) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortState | null>(null);
  // Typing stays quick on a long list: the table catches up with the filter a moment later.
  const needle = useDeferredValue(filter).trim().toLowerCase();
  const visible = useMemo(() => {
    const entries: Entry<T>[] = rows.map((row, index) => ({ row, index }));
    const filtered = needle
      ? entries.filter(({ row }) =>
          columns.some((column) => String(column.value(row)).toLowerCase().includes(needle)),
        )
      : entries;
    const column = columns.find((candidate) => candidate.key === sort?.key);
    if (column && sort) {
      const score = column.rank ?? column.value;
      filtered.sort((a, b) => {
        const left = score(a.row);
        const right = score(b.row);
        const order =
          typeof left === 'number' && typeof right === 'number'
            ? left - right
            : String(left).localeCompare(String(right));
        return sort.ascending ? order : -order;
      });
    }
    return filtered;
  }, [rows, columns, needle, sort]);

  const total = Math.max(totalCount ?? rows.length, rows.length);
  const cut = total > rows.length;
  const width = columns.length + (actions ? 1 : 0);
  return (
    <div className="data-table">
      <div className="data-table-tools">
        <label>
          Filter {caption.toLowerCase()}
          <input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
        </label>
        <span className="muted" role="status">
          {countText(noun, visible.length, rows.length, total, needle !== '')}
        </span>
      </div>
      {cut ? (
        <p className="form-error" role="note">
          {capText(noun, rows.length, total)}
        </p>
      ) : null}
      <VirtualTable<Entry<T>>
        label={caption}
        className="table data-table-rows"
        rows={visible}
        rowKey={(entry) => rowKey(entry.row, entry.index)}
        columns={width}
        estimateHeight={40}
        head={
          <tr>
            {columns.map((column) => (
              <SortHeader
                key={column.key}
                column={column.key}
                label={column.label}
                width={column.width}
                sort={sort}
                onSort={setSort}
              />
            ))}
            {actions ? (
              <th scope="col" style={{ width: '9rem' }}>
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        }
        cells={({ row }) => (
          <>
            {columns.map((column) => (
              <td key={column.key}>{column.render ? column.render(row) : column.value(row)}</td>
            ))}
            {actions ? <td className="row-actions">{actions(row)}</td> : null}
          </>
        )}
      />
    </div>
  );
}

/** "1,200 tests.", "72 of 1,200 tests match.", or, when the record is cut, of how many listed. */
export function countText(
  noun: string,
  shown: number,
  listed: number,
  total: number,
  filtered: boolean,
): string {
  if (total > listed) {
    const of = `${formatNumber(listed)} of ${counted(total, noun)} listed`;
    return filtered ? `${formatNumber(shown)} match, of ${of}.` : `${of}.`;
  }
  return filtered
    ? `${formatNumber(shown)} of ${counted(total, noun)} ${shown === 1 ? 'matches' : 'match'}.`
    : `${counted(total, noun)}.`;
}

/** What a stored cap leaves out, said plainly: the table is not the whole file. */
export function capText(noun: string, listed: number, total: number): string {
  return (
    `The stored record lists only the first ${counted(listed, noun)} of the ` +
    `${formatNumber(total)} in the file; the other ${formatNumber(total - listed)} are not ` +
    `listed here, so the filter and sort reach only the ${formatNumber(listed)} listed.`
  );
}

/** A DataTable in its own panel, headed by its caption (one per list on a detail page). */
export function TablePanel<T>(props: Props<T>) {
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{props.caption}</h2>
      <DataTable {...props} />
    </section>
  );
}
