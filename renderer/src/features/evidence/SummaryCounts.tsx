import type { EvidenceSummary } from '../../../../core/evidence/model';
import { openPorts } from '../../../../core/evidence/diff';

/** The counts a reviewer checks first, then what the tool said about itself and the target. */
export function SummaryCounts({ summary }: { summary: EvidenceSummary }) {
  const cards: { label: string; value: number; tone?: string }[] = [];
  if (summary.tests) {
    const t = summary.tests;
    cards.push(
      { label: 'Tests', value: t.total },
      { label: 'Passed', value: t.passed, tone: 'good' },
      { label: 'Failed', value: t.failed, tone: t.failed ? 'bad' : '' },
    );
    cards.push(
      { label: 'Errored', value: t.errored, tone: t.errored ? 'bad' : '' },
      { label: 'Skipped', value: t.skipped },
      { label: 'Flaky', value: t.flaky, tone: t.flaky ? 'warn' : '' },
    );
  }
  if (summary.findings) {
    const s = summary.findings.bySeverity;
    cards.push({ label: 'Findings', value: summary.findings.total });
    cards.push(
      { label: 'Critical', value: s.critical, tone: s.critical ? 'bad' : '' },
      { label: 'High', value: s.high, tone: s.high ? 'bad' : '' },
    );
    cards.push(
      { label: 'Medium', value: s.medium, tone: s.medium ? 'warn' : '' },
      { label: 'Low', value: s.low },
      { label: 'Info', value: s.info },
    );
    if (s.unknown) cards.push({ label: 'Unrated', value: s.unknown });
  }
  if (summary.hosts) {
    cards.push(
      { label: 'Hosts', value: summary.hosts.length },
      { label: 'Open ports', value: openPorts(summary).length },
    );
  }
  if (summary.components) cards.push({ label: 'Components', value: summary.components.total });
  if (summary.checks) {
    const c = summary.checks;
    cards.push(
      { label: 'Checks', value: c.total },
      { label: 'Pass', value: c.pass, tone: 'good' },
      { label: 'Fail', value: c.fail, tone: c.fail ? 'bad' : '' },
    );
    cards.push({ label: 'Not applicable', value: c.notApplicable });
    if (c.error) cards.push({ label: 'Error', value: c.error, tone: 'bad' });
    if (c.notChecked) cards.push({ label: 'Not checked', value: c.notChecked });
  }
  if (summary.changes) {
    const c = summary.changes;
    cards.push(
      { label: 'Changes', value: c.total - c.failed },
      { label: 'Added', value: c.added },
      { label: 'Removed', value: c.removed },
      { label: 'Changed', value: c.changed },
      { label: 'Failed', value: c.failed, tone: c.failed ? 'bad' : '' },
    );
    if (c.corrective) cards.push({ label: 'Corrective', value: c.corrective, tone: 'warn' });
  }
  const facts: [string, string][] = [];
  if (summary.tool) facts.push(['Tool', `${summary.tool.name} ${summary.tool.version}`.trim()]);
  if (summary.producedAt)
    facts.push(['Produced', summary.producedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')]);
  if (summary.target) facts.push(['Target', summary.target]);
  for (const [key, value] of Object.entries(summary.details)) facts.push([key, String(value)]);
  return (
    <section className="panel" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Summary</h2>
      {cards.length > 0 ? (
        <ul className="count-cards" aria-label="Counts">
          {cards.map((card) => (
            <li key={card.label} className={card.tone ? `count-card ${card.tone}` : 'count-card'}>
              <span className="count-value">{card.value}</span>
              <span className="count-label">{card.label}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd className="wrap">{value}</dd>
          </div>
        ))}
      </dl>
      {summary.notes.map((note) => (
        <p key={note} className="muted">
          {note}
        </p>
      ))}
    </section>
  );
}
