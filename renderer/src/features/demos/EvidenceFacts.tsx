import { ReadingFlagBadge } from '../../components/ReadingFlag';
import { Link } from 'wouter';
import type { DemoEvidence } from '../../../../core/model';
import { formatBytes, formatPeriod } from '../../lib/format';
import type { EvidenceView } from './slots';

const ITEMS_PER_GROUP = 3;

/**
 * A file attached to an item: what it is, what the evidence store read from it (the summary
 * headline, or why it could not be read), when it speaks for (its tool's date, a stated period,
 * or undated), what changed since the previous version of the same evidence, and the controls
 * it is linked to. Evidence is data: every part is plain text.
 */
export function EvidenceFacts({
  row,
  view,
  onChangeControls,
}: {
  row: DemoEvidence;
  view: EvidenceView | undefined;
  /** Offered while the record is editable: change which of the item's controls it speaks for. */
  onChangeControls?: (() => void) | undefined;
}) {
  return (
    <div className="evidence-facts">
      <p className="entry-text">
        <span className="evidence-name">{row.name}</span>{' '}
        <span className="muted small">
          {formatBytes(row.size)} · SHA-256 <code>{row.sha256.slice(0, 16)}…</code>
          {row.stored ? ' · stored' : ' · fingerprint only'}
        </span>
      </p>
      {view ? (
        <>
          <p
            className={
              view.parseError || view.flag ? 'evidence-headline form-error' : 'evidence-headline'
            }
          >
            <ReadingFlagBadge flag={view.flag} />
            {view.parseError
              ? `Stored, but not readable: ${view.parseError}`
              : `${view.variant || view.format}${view.headline ? `: ${view.headline}` : ''}`}
            {view.flag || view.parseError ? ' (not counted as evidence)' : ''}
          </p>
          <DatingLine view={view} />
          {view.changes ? (
            <div className="evidence-drift">
              <p className="drift-line">Compared {view.changes}</p>
              {view.changedGroups.length > 0 ? (
                <ul className="drift-compact" aria-label={`Changes in ${row.name}`}>
                  {view.changedGroups.map((group) => (
                    <li key={group.title}>
                      <strong>{group.title}:</strong>{' '}
                      {group.items.slice(0, ITEMS_PER_GROUP).join('; ')}
                      {group.items.length > ITEMS_PER_GROUP
                        ? ` … and ${group.items.length - ITEMS_PER_GROUP} more`
                        : ''}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          <p className="muted small">
            {view.controls.length > 0
              ? `Linked to ${view.controls.join(', ')} · `
              : 'Not linked to a control · '}
            {onChangeControls ? (
              <>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Change the controls ${row.name} speaks for`}
                  onClick={onChangeControls}
                >
                  Change controls
                </button>
                {' · '}
              </>
            ) : null}
            <Link href={view.href}>Open in Evidence</Link>
          </p>
        </>
      ) : null}
    </div>
  );
}

/** When the file speaks for: its tool's date, a stated period, or undated (never fresh). */
function DatingLine({ view }: { view: EvidenceView }) {
  const { period } = view;
  if (period === null) {
    return (
      <p className="evidence-dating">
        <span className="badge undated">undated</span> The file carries no date of its own:{' '}
        <Link href={view.href}>state the period it demonstrates</Link>.
      </p>
    );
  }
  const days = formatPeriod(period.from, period.to);
  return (
    <p className="evidence-dating">
      {period.by === 'tool'
        ? `Dated ${days} by its tool`
        : `Period ${days}, stated${view.statedBy ? ` by ${view.statedBy}` : ''}`}
      {view.freshness === 'stale' ? <span className="badge stale">stale</span> : null}
    </p>
  );
}
