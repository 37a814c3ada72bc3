import { formatTime } from '../../../../core/charts/layout';
import type { ChangeEvent } from '../../../../core/telemetry/model';
import { KIND_NAMES } from '../../../../core/telemetry/source-names';
import { tallyChanges } from '../../../../core/telemetry/sources';
import { formatNumber } from '../../lib/format';

/** The change events behind the markers, counted per host and kind of source. */
export function ChangesPanel({ events }: { events: readonly ChangeEvent[] }) {
  const tallies = tallyChanges(events);
  return (
    <section className="panel" aria-labelledby="changes-heading">
      <div className="panel-header">
        <h2 id="changes-heading">Changes</h2>
        <span className="muted">
          {formatNumber(events.length)} event{events.length === 1 ? '' : 's'}
        </span>
      </div>
      <table className="table compact" aria-label="Changes by host and kind">
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">Reported by</th>
            <th scope="col" className="num">
              Events
            </th>
            <th scope="col" className="num">
              Changes
            </th>
            <th scope="col">First</th>
            <th scope="col">Last</th>
          </tr>
        </thead>
        <tbody>
          {tallies.map((tally) => (
            <tr key={`${tally.tool}|${tally.host}`}>
              <th scope="row">{tally.host === '' ? '(host not named)' : tally.host}</th>
              <td>{KIND_NAMES[tally.tool] ?? tally.tool}</td>
              <td className="num">{formatNumber(tally.events)}</td>
              <td className="num">{formatNumber(tally.changes)}</td>
              <td className="nowrap">{formatTime(tally.first)}</td>
              <td className="nowrap">{formatTime(tally.last)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
