import type { FiguresTable as Figures } from '../../../core/charts/series';
import { formatNumber } from '../lib/format';

/**
 * The numbers behind a chart, computed from all points; the same table the PDF prints. Shared by
 * the Telemetry area and chart evidence (its class is not `figures`, which Demos uses for a grid).
 */
export function FiguresTable({ figures }: { figures: Figures }) {
  return (
    <table className="table compact chart-figures" aria-label={figures.caption}>
      <caption className="visually-hidden">{figures.caption}</caption>
      <thead>
        <tr>
          {figures.columns.map((column) => (
            <th
              key={column.key}
              scope="col"
              className={column.align === 'right' ? 'num' : undefined}
            >
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {figures.rows.map((row, index) => (
          <tr key={index}>
            {figures.columns.map((column, position) => {
              const value = row[column.key];
              const text = typeof value === 'number' ? formatNumber(value) : (value ?? '');
              return position === 0 ? (
                <th key={column.key} scope="row">
                  {text}
                </th>
              ) : (
                <td key={column.key} className={column.align === 'right' ? 'num' : undefined}>
                  {text}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
