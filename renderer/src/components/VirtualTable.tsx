import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';

interface Props<Row> {
  /** The table's accessible name; the scrolling region is named after it. */
  label: string;
  rows: readonly Row[];
  /** Rows the whole list holds when more than those loaded are known to exist. */
  totalRows?: number | undefined;
  rowKey: (row: Row) => string;
  /** The header row's cells. */
  head: ReactNode;
  /** One row's cells. */
  cells: (row: Row, index: number) => ReactNode;
  columns: number;
  /** A first guess at a row's height in pixels; rows are measured once drawn. */
  estimateHeight?: number;
  /** Called when the reader is within a screenful of the last loaded row. */
  onNearEnd?: (() => void) | undefined;
  /** The rows drawn now (for reads that only the visible rows need). */
  onVisibleChange?: ((rows: readonly Row[]) => void) | undefined;
  className?: string;
}

const OVERSCAN = 8;

/**
 * A table that draws only the rows in view (plus a few either side), so a list of 50,000 rows
 * costs what 30 cost, to show and to leave. Spacer rows above and below keep the scroll height
 * true; `aria-rowcount` and `aria-rowindex` tell assistive technology where a row sits. Tab
 * reaches the region; the arrow and page keys scroll it, Home and End go to the first and last row.
 */
export function VirtualTable<Row>({
  label,
  rows,
  totalRows,
  rowKey,
  head,
  cells,
  columns,
  estimateHeight = 40,
  onNearEnd,
  onVisibleChange,
  className = 'table',
}: Props<Row>) {
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer is read afresh on every render (scrolling re-renders); nothing memoizes it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimateHeight,
    overscan: OVERSCAN,
    getItemKey: (index) => {
      const row = rows[index];
      return row === undefined ? index : rowKey(row);
    },
    // Until the scroller is measured (and where nothing is laid out), draw a screenful.
    initialRect: { width: 1024, height: 800 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (onNearEnd && last >= rows.length - 1 - OVERSCAN * 4) onNearEnd();
  }, [last, rows.length, onNearEnd]);
  useEffect(() => {
    onVisibleChange?.(rows.slice(first, last + 1));
  }, [first, last, rows, onVisibleChange]);
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  return (
    <div
      ref={scroller}
      className="virtual-scroll"
      role="region"
      aria-label={`${label}, scrollable`}
      // The region scrolls: keyboard users reach it with Tab and scroll it with the arrow keys.
      tabIndex={0}
      onKeyDown={(event) => {
        // Home and End go to the first and last row. The browser's own End stops at the height
        // estimated for rows not yet drawn; the virtualizer lands on the row itself.
        if (event.target !== event.currentTarget || rows.length === 0) return;
        if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
        if (event.key !== 'End' && event.key !== 'Home') return;
        event.preventDefault();
        if (event.key === 'End') virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
        else virtualizer.scrollToIndex(0, { align: 'start' });
      }}
    >
      <table
        className={className}
        aria-label={label}
        aria-rowcount={(totalRows ?? rows.length) + 1}
      >
        <thead>{head}</thead>
        <tbody>
          {top > 0 ? <Spacer height={top} columns={columns} /> : null}
          {items.map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            return (
              <tr
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                aria-rowindex={item.index + 2}
              >
                {cells(row, item.index)}
              </tr>
            );
          })}
          {bottom > 0 ? <Spacer height={bottom} columns={columns} /> : null}
        </tbody>
      </table>
    </div>
  );
}

function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    <tr aria-hidden="true" className="virtual-spacer" style={{ height }}>
      <td colSpan={columns} />
    </tr>
  );
}
