import type { EvidenceDiff } from '../../../../core/evidence/diff';
import { driftGroups, unchangedCounts } from '../../../../core/evidence/drift-groups';

const SHOWN_PER_GROUP = 200;

/** The drift between two versions of the same evidence, in the order a reviewer reads it. */
export function DriftView({ drift }: { drift: EvidenceDiff }) {
  const unchanged = unchangedCounts(drift);
  return (
    <div className="drift">
      <dl className="drift-groups">
        {driftGroups(drift).map((group) => (
          <div
            key={group.title}
            className={group.items.length > 0 ? 'drift-group changed' : 'drift-group'}
          >
            <dt>
              {group.title} <span className="count">{group.items.length}</span>
            </dt>
            {group.items.slice(0, SHOWN_PER_GROUP).map((item, index) => (
              <dd key={`${index}-${item}`}>{item}</dd>
            ))}
            {group.items.length > SHOWN_PER_GROUP ? (
              <dd className="muted">… and {group.items.length - SHOWN_PER_GROUP} more</dd>
            ) : null}
          </div>
        ))}
      </dl>
      {unchanged.length > 0 ? <p className="muted">Unchanged: {unchanged.join(', ')}.</p> : null}
      {drift.notes.map((note) => (
        <p key={note} className="muted">
          {note}
        </p>
      ))}
    </div>
  );
}
