/** Which column a table is sorted by, and which way. */
export interface SortState<Key extends string = string> {
  key: Key;
  ascending: boolean;
}

/**
 * A column heading that sorts its table: a button (reached with Tab, pressed with Enter or
 * Space) inside a header cell whose `aria-sort` says the order in force. Pressing the active
 * column again reverses it; another column starts ascending.
 */
export function SortHeader<Key extends string>({
  column,
  label,
  sort,
  onSort,
  className,
  width,
}: {
  column: Key;
  label: string;
  sort: SortState<Key> | null;
  onSort: (next: SortState<Key>) => void;
  className?: string | undefined;
  /** A fixed width (a table with `table-layout: fixed` takes its widths from its heading). */
  width?: string | undefined;
}) {
  const active = sort?.key === column;
  const ascending = active && sort.ascending;
  return (
    <th
      scope="col"
      className={className}
      style={width ? { width } : undefined}
      aria-sort={active ? (ascending ? 'ascending' : 'descending') : 'none'}
    >
      <button
        type="button"
        className="sort-button"
        onClick={() => onSort({ key: column, ascending: active ? !ascending : true })}
      >
        {label}
        <span aria-hidden="true">{active ? (ascending ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}
