import type { ReactNode } from 'react';
import { useId, useMemo, useState } from 'react';

export interface Column<T> {
  key: string;
  label: string;
  value: (row: T) => string | number;
  render?: (row: T) => ReactNode;
  /** Sort by this rank instead of the displayed value (severity order, for example). */
  rank?: (row: T) => number;
}

interface Props<T> {
  caption: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T, index: number) => string;
  /** Extra cell per row, e.g. "Raise issue". */
  actions?: (row: T) => ReactNode;
  /** Shown when more rows exist than the file's summary lists. */
  totalCount?: number;
}

const PAGE = 500;

/** A table any evidence list uses: sortable columns, a text filter, and a bounded render. */
export function DataTable<T>({ caption, rows, columns, rowKey, actions, totalCount }: Props<T>) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ key: string; ascending: boolean } | null>(null);
  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const filtered = needle
      ? rows.filter((row) =>
          columns.some((column) => String(column.value(row)).toLowerCase().includes(needle)),
        )
      : [...rows];
    const column = columns.find((candidate) => candidate.key === sort?.key);
    if (column && sort) {
      const score = column.rank ?? column.value;
      filtered.sort((a, b) => {
        const left = score(a);
        const right = score(b);
        const order =
          typeof left === 'number' && typeof right === 'number'
            ? left - right
            : String(left).localeCompare(String(right));
        return sort.ascending ? order : -order;
      });
    }
    return filtered;
  }, [rows, columns, filter, sort]);
  return (
    <div className="data-table">
      <div className="data-table-tools">
        <label>
          Filter {caption.toLowerCase()}
          <input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
        </label>
        <span className="muted" role="status">
          {visible.length} of {totalCount ?? rows.length}
          {totalCount !== undefined && totalCount > rows.length
            ? ` (the summary lists the first ${rows.length})`
            : ''}
        </span>
      </div>
      <div className="table-scroll">
        <table className="table" aria-label={caption}>
          <thead>
            <tr>
              {columns.map((column) => {
                const active = sort?.key === column.key;
                return (
                  <th
                    key={column.key}
                    scope="col"
                    aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : 'none'}
                  >
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() =>
                        setSort({ key: column.key, ascending: active ? !sort.ascending : true })
                      }
                    >
                      {column.label}
                      <span aria-hidden="true">{active ? (sort.ascending ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>
                );
              })}
              {actions ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {visible.slice(0, PAGE).map((row, index) => (
              <tr key={rowKey(row, index)}>
                {columns.map((column) => (
                  <td key={column.key}>{column.render ? column.render(row) : column.value(row)}</td>
                ))}
                {actions ? <td className="row-actions">{actions(row)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {visible.length > PAGE ? (
        <p className="muted">Showing the first {PAGE}; filter to narrow down.</p>
      ) : null}
    </div>
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
