import type { EvidenceDiff } from '../../../../core/evidence/diff';

/** The drift between two versions of the same evidence, in the order a reviewer reads it. */
export function DriftView({ drift }: { drift: EvidenceDiff }) {
  const groups: { title: string; items: string[] }[] = [];
  if (drift.ports) {
    const port = (entry: {
      host: string;
      port: number;
      protocol: string;
      service: string;
    }): string => `${entry.host} ${entry.port}/${entry.protocol} ${entry.service}`.trim();
    groups.push({ title: 'Ports opened', items: drift.ports.opened.map(port) });
    groups.push({ title: 'Ports closed', items: drift.ports.closed.map(port) });
    groups.push({
      title: 'Services changed',
      items: drift.ports.changed.map(
        (entry) =>
          `${entry.host} ${entry.port}/${entry.protocol}: ${entry.before} → ${entry.after}`,
      ),
    });
  }
  if (drift.unexpectedPorts.length > 0) {
    groups.push({
      title: 'Unexpected open ports',
      items: drift.unexpectedPorts.map((finding) => finding.location),
    });
  }
  if (drift.findings) {
    groups.push({
      title: 'New findings',
      items: drift.findings.new.map(
        (finding) => `[${finding.severity}] ${finding.rule} — ${finding.location}`,
      ),
    });
    groups.push({
      title: 'Fixed findings',
      items: drift.findings.fixed.map(
        (finding) => `[${finding.severity}] ${finding.rule} — ${finding.location}`,
      ),
    });
  }
  if (drift.tests) {
    groups.push({
      title: 'Tests newly failing',
      items: drift.tests.newlyFailing.map((test) => `${test.suite} › ${test.name}`),
    });
    groups.push({
      title: 'Tests newly passing',
      items: drift.tests.newlyPassing.map((test) => `${test.suite} › ${test.name}`),
    });
  }
  if (drift.checks) {
    groups.push({
      title: 'Checks newly failing',
      items: drift.checks.newlyFailing.map((check) => `${check.id} ${check.title}`),
    });
    groups.push({
      title: 'Checks newly passing',
      items: drift.checks.newlyPassing.map((check) => `${check.id} ${check.title}`),
    });
  }
  if (drift.components) {
    groups.push({
      title: 'Components added',
      items: drift.components.added.map((item) => `${item.name} ${item.version}`),
    });
    groups.push({
      title: 'Components removed',
      items: drift.components.removed.map((item) => `${item.name} ${item.version}`),
    });
    groups.push({
      title: 'Components upgraded',
      items: drift.components.upgraded.map((item) => `${item.name} ${item.from} → ${item.to}`),
    });
  }
  const unchanged = [
    drift.ports ? `${drift.ports.unchanged} ports` : null,
    drift.findings ? `${drift.findings.unchanged} findings` : null,
    drift.components ? `${drift.components.unchanged} components` : null,
  ].filter(Boolean);
  return (
    <div className="drift">
      <dl className="drift-groups">
        {groups.map((group) => (
          <div
            key={group.title}
            className={group.items.length > 0 ? 'drift-group changed' : 'drift-group'}
          >
            <dt>
              {group.title} <span className="count">{group.items.length}</span>
            </dt>
            {group.items.slice(0, 200).map((item) => (
              <dd key={item}>{item}</dd>
            ))}
            {group.items.length > 200 ? (
              <dd className="muted">… and {group.items.length - 200} more</dd>
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
