import type { EvidenceDiff } from './diff';

/**
 * The drift as titled groups of one-line items, in the order a reviewer reads it. Shared by
 * the app's drift view and the CLI's text output, so both say the same thing the same way.
 */
export interface DriftGroup {
  title: string;
  items: string[];
}

export function driftGroups(drift: EvidenceDiff): DriftGroup[] {
  const groups: DriftGroup[] = [];
  const add = (title: string, items: string[]): void => {
    groups.push({ title, items });
  };
  if (drift.sessions) {
    const session = (entry: { rule: string; location: string }): string =>
      `${entry.location} via ${entry.rule}`;
    add('Sessions opened', drift.sessions.opened.map(session));
    add('Sessions no longer reported', drift.sessions.gone.map(session));
  }
  if (drift.ports) {
    const port = (entry: {
      host: string;
      port: number;
      protocol: string;
      service: string;
    }): string => `${entry.host} ${entry.port}/${entry.protocol} ${entry.service}`.trim();
    add('Ports opened', drift.ports.opened.map(port));
    add('Ports closed', drift.ports.closed.map(port));
    add(
      'Services changed',
      drift.ports.changed.map(
        (entry) =>
          `${entry.host} ${entry.port}/${entry.protocol}: ${entry.before} → ${entry.after}`,
      ),
    );
  }
  if (drift.unexpectedPorts.length > 0)
    add(
      'Unexpected open ports',
      drift.unexpectedPorts.map((finding) => finding.location),
    );
  if (drift.findings) {
    const finding = (entry: { severity: string; rule: string; location: string }): string =>
      `[${entry.severity}] ${entry.rule} — ${entry.location}`;
    add('New findings', drift.findings.new.map(finding));
    add('Fixed findings', drift.findings.fixed.map(finding));
  }
  if (drift.tests) {
    add(
      'Tests newly failing',
      drift.tests.newlyFailing.map((test) => `${test.suite} › ${test.name} (${test.status})`),
    );
    add(
      'Tests newly passing',
      drift.tests.newlyPassing.map((test) => `${test.suite} › ${test.name}`),
    );
  }
  if (drift.checks) {
    add(
      'Checks newly failing',
      drift.checks.newlyFailing.map((check) => `${check.id} ${check.title}`),
    );
    add(
      'Checks newly passing',
      drift.checks.newlyPassing.map((check) => `${check.id} ${check.title}`),
    );
  }
  if (drift.components) {
    add(
      'Components added',
      drift.components.added.map((item) => `${item.name} ${item.version}`),
    );
    add(
      'Components removed',
      drift.components.removed.map((item) => `${item.name} ${item.version}`),
    );
    add(
      'Components upgraded',
      drift.components.upgraded.map((item) => `${item.name} ${item.from} → ${item.to}`),
    );
  }
  return groups;
}

/** "3 ports, 12 findings" — what stayed the same, for the line under the groups. */
export function unchangedCounts(drift: EvidenceDiff): string[] {
  return [
    drift.ports ? `${drift.ports.unchanged} ports` : null,
    drift.findings ? `${drift.findings.unchanged} findings` : null,
    drift.sessions ? `${drift.sessions.unchanged} sessions` : null,
    drift.checks ? `${drift.checks.unchanged} checks` : null,
    drift.components ? `${drift.components.unchanged} components` : null,
  ].filter((entry): entry is string => entry !== null);
}
