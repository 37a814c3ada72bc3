import type { ReactNode } from 'react';
import { useId } from 'react';
import { InTurn } from '../../../components/InTurn';

/**
 * A dashboard panel: a heading, the chart (decorative for screen readers) and the same numbers as
 * a table that assistive technology reads instead. The chart is inert: nothing in it may take
 * focus, as a focusable element hidden from screen readers is a trap.
 */
export function ChartPanel({
  title,
  headers,
  rows,
  children,
}: {
  title: string;
  headers: readonly string[];
  rows: readonly (readonly (string | number)[])[];
  children: ReactNode;
}) {
  const id = useId();
  return (
    <figure className="panel chart-panel" aria-labelledby={id}>
      <figcaption id={id} className="chart-title">
        {title}
      </figcaption>
      <div className="chart-area" aria-hidden="true" inert>
        {/* Each chart draws in a task of its own, after the page around it. */}
        <InTurn>{children}</InTurn>
      </div>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row[0])}>
              {row.map((value, index) => (
                <td key={headers[index]}>{value}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Series colours, defined per theme in issues.css. */
export const SERIES = {
  open: 'var(--series-1)',
  'in-progress': 'var(--series-2)',
  fixed: 'var(--series-3)',
  'risk-accepted': 'var(--series-4)',
  P1: 'var(--series-p1)',
  P2: 'var(--series-p2)',
  P3: 'var(--series-p3)',
  P4: 'var(--series-p4)',
  onTrack: 'var(--good)',
  atRisk: 'var(--warning)',
  breached: 'var(--danger)',
} as const;
