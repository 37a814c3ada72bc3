import { findingFingerprint } from '../model/fingerprint';
import type { Check, Component, EvidenceSummary, Finding, TestCase } from './model';

/**
 * What changed between two pieces of evidence of the same kind: ports opened, closed or
 * serving something else; findings new, fixed or unchanged by fingerprint; tests newly failing
 * or passing; checks newly failing or passing; SBOM components added, removed or upgraded.
 * Pure and deterministic: the same two summaries always give the same drift, in a stable order.
 */

export interface PortRef {
  host: string;
  protocol: string;
  port: number;
  service: string;
}

export interface ServiceChange {
  host: string;
  protocol: string;
  port: number;
  before: string;
  after: string;
}

export interface ComponentUpgrade {
  key: string;
  name: string;
  from: string;
  to: string;
}

export interface EvidenceDiff {
  previousFormat: string;
  currentFormat: string;
  ports: {
    opened: PortRef[];
    closed: PortRef[];
    changed: ServiceChange[];
    unchanged: number;
  } | null;
  findings: { new: Finding[]; fixed: Finding[]; unchanged: number } | null;
  /**
   * Sessions opened on hosts (Metasploit): the hosts exploited. Kept apart from `findings`,
   * which never lists them, since a new one is the most serious drift there is. Null unless
   * either file can record sessions.
   */
  sessions: { opened: Finding[]; gone: Finding[]; unchanged: number } | null;
  tests: {
    newlyFailing: TestCase[];
    newlyPassing: TestCase[];
    added: number;
    removed: number;
  } | null;
  checks: { newlyFailing: Check[]; newlyPassing: Check[]; unchanged: number } | null;
  components: {
    added: Component[];
    removed: Component[];
    upgraded: ComponentUpgrade[];
    unchanged: number;
  } | null;
  /** Open ports not on the expected list, as findings (only when a list was given). */
  unexpectedPorts: Finding[];
  notes: string[];
}

export interface DiffOptions {
  /** Ports allowed to be open, as `443`, `443/tcp` or `host:443/tcp`; unlisted open ports are findings. */
  expectedPorts?: readonly string[];
}

export function diffSummaries(
  previous: EvidenceSummary,
  current: EvidenceSummary,
  options: DiffOptions = {},
): EvidenceDiff {
  const notes: string[] = [];
  if (previous.format !== current.format) {
    notes.push(
      `Comparing ${previous.format} with ${current.format}: only what both report is compared.`,
    );
  }
  for (const [label, summary] of [
    ['previous', previous],
    ['current', current],
  ] as const) {
    if (summary.notes.some((note) => note.startsWith('Only the first'))) {
      notes.push(
        `The ${label} file lists only part of its items; the comparison covers the listed ones.`,
      );
    }
  }
  return {
    previousFormat: previous.format,
    currentFormat: current.format,
    ports: previous.hosts && current.hosts ? diffPorts(previous, current) : null,
    findings:
      previous.findings && current.findings
        ? diffFindings(withoutSessions(previous), withoutSessions(current))
        : null,
    sessions:
      previous.findings &&
      current.findings &&
      (recordsSessions(previous) || recordsSessions(current))
        ? diffSessions(sessionsOf(previous), sessionsOf(current))
        : null,
    tests:
      previous.tests && current.tests ? diffTests(previous.tests.cases, current.tests.cases) : null,
    checks:
      previous.checks && current.checks
        ? diffChecks(previous.checks.items, current.checks.items)
        : null,
    components:
      previous.components && current.components
        ? diffComponents(previous.components.items, current.components.items)
        : null,
    unexpectedPorts: options.expectedPorts
      ? unexpectedOpenPorts(current, options.expectedPorts)
      : [],
    notes,
  };
}

export function openPorts(summary: EvidenceSummary): PortRef[] {
  return (summary.hosts ?? []).flatMap((host) =>
    host.ports
      .filter((port) => port.state === 'open')
      .map((port) => ({
        host: host.address,
        protocol: port.protocol,
        port: port.port,
        service: serviceLabel(port),
      })),
  );
}

function serviceLabel(port: {
  service: string;
  tunnel: string | null;
  product: string | null;
  version: string | null;
}): string {
  const name = port.tunnel ? `${port.tunnel}/${port.service}` : port.service;
  return [name, port.product, port.version].filter(Boolean).join(' ');
}

function portKey(port: { host: string; protocol: string; port: number }): string {
  return `${port.host}|${port.protocol}|${port.port}`;
}

function byPort(a: PortRef, b: PortRef): number {
  return a.host.localeCompare(b.host) || a.protocol.localeCompare(b.protocol) || a.port - b.port;
}

function diffPorts(
  previous: EvidenceSummary,
  current: EvidenceSummary,
): NonNullable<EvidenceDiff['ports']> {
  const before = new Map(openPorts(previous).map((port) => [portKey(port), port]));
  const after = new Map(openPorts(current).map((port) => [portKey(port), port]));
  const opened = [...after.values()].filter((port) => !before.has(portKey(port))).sort(byPort);
  const closed = [...before.values()].filter((port) => !after.has(portKey(port))).sort(byPort);
  const changed: ServiceChange[] = [];
  let unchanged = 0;
  for (const [key, port] of after) {
    const was = before.get(key);
    if (!was) continue;
    if (was.service === port.service) unchanged += 1;
    else
      changed.push({
        host: port.host,
        protocol: port.protocol,
        port: port.port,
        before: was.service,
        after: port.service,
      });
  }
  changed.sort(byPort as unknown as (a: ServiceChange, b: ServiceChange) => number);
  return { opened, closed, changed, unchanged };
}

function diffFindings(
  previous: readonly Finding[],
  current: readonly Finding[],
): NonNullable<EvidenceDiff['findings']> {
  const before = new Map(previous.map((finding) => [finding.fingerprint, finding]));
  const after = new Map(current.map((finding) => [finding.fingerprint, finding]));
  return {
    new: [...after.values()].filter((finding) => !before.has(finding.fingerprint)),
    fixed: [...before.values()].filter((finding) => !after.has(finding.fingerprint)),
    unchanged: [...after.keys()].filter((key) => before.has(key)).length,
  };
}

/** Formats whose files record sessions opened on the hosts they name. */
const SESSION_FORMATS: ReadonlySet<string> = new Set(['metasploit']);

function recordsSessions(summary: EvidenceSummary): boolean {
  return SESSION_FORMATS.has(summary.format) || sessionsOf(summary).length > 0;
}

function sessionsOf(summary: EvidenceSummary): Finding[] {
  return (summary.findings?.items ?? []).filter((finding) => finding.kind === 'session');
}

function withoutSessions(summary: EvidenceSummary): Finding[] {
  return (summary.findings?.items ?? []).filter((finding) => finding.kind !== 'session');
}

function diffSessions(
  previous: readonly Finding[],
  current: readonly Finding[],
): NonNullable<EvidenceDiff['sessions']> {
  const { new: opened, fixed: gone, unchanged } = diffFindings(previous, current);
  return { opened, gone, unchanged };
}

const FAILING = new Set(['failed', 'errored']);

function diffTests(
  previous: readonly TestCase[],
  current: readonly TestCase[],
): NonNullable<EvidenceDiff['tests']> {
  const before = new Map(previous.map((test) => [test.key, test]));
  const after = new Map(current.map((test) => [test.key, test]));
  const newlyFailing: TestCase[] = [];
  const newlyPassing: TestCase[] = [];
  for (const [key, test] of after) {
    const was = before.get(key);
    if (FAILING.has(test.status) && (!was || !FAILING.has(was.status))) newlyFailing.push(test);
    if (was && FAILING.has(was.status) && (test.status === 'passed' || test.status === 'flaky'))
      newlyPassing.push(test);
  }
  return {
    newlyFailing,
    newlyPassing,
    added: [...after.keys()].filter((key) => !before.has(key)).length,
    removed: [...before.keys()].filter((key) => !after.has(key)).length,
  };
}

function diffChecks(
  previous: readonly Check[],
  current: readonly Check[],
): NonNullable<EvidenceDiff['checks']> {
  const before = new Map(previous.map((check) => [check.id, check]));
  const newlyFailing: Check[] = [];
  const newlyPassing: Check[] = [];
  let unchanged = 0;
  for (const check of current) {
    const was = before.get(check.id);
    const failing = check.status === 'fail' || check.status === 'error';
    const wasFailing = was?.status === 'fail' || was?.status === 'error';
    if (failing && !wasFailing) newlyFailing.push(check);
    else if (!failing && wasFailing && check.status === 'pass') newlyPassing.push(check);
    else if (was && was.status === check.status) unchanged += 1;
  }
  return { newlyFailing, newlyPassing, unchanged };
}

function versionsByKey(
  components: readonly Component[],
): Map<string, { name: string; versions: Set<string>; first: Component }> {
  const map = new Map<string, { name: string; versions: Set<string>; first: Component }>();
  for (const component of components) {
    const entry = map.get(component.key) ?? {
      name: component.name,
      versions: new Set<string>(),
      first: component,
    };
    entry.versions.add(component.version);
    map.set(component.key, entry);
  }
  return map;
}

function diffComponents(
  previous: readonly Component[],
  current: readonly Component[],
): NonNullable<EvidenceDiff['components']> {
  const before = versionsByKey(previous);
  const after = versionsByKey(current);
  const added: Component[] = [];
  const removed: Component[] = [];
  const upgraded: ComponentUpgrade[] = [];
  let unchanged = 0;
  for (const [key, entry] of after) {
    const was = before.get(key);
    if (!was) added.push(entry.first);
    else if ([...entry.versions].sort().join(',') === [...was.versions].sort().join(','))
      unchanged += 1;
    else
      upgraded.push({
        key,
        name: entry.name,
        from: [...was.versions].sort().join(', '),
        to: [...entry.versions].sort().join(', '),
      });
  }
  for (const [key, entry] of before) if (!after.has(key)) removed.push(entry.first);
  return { added, removed, upgraded, unchanged };
}

/** Parses `443`, `443/tcp`, `10.0.0.5:443/tcp`; the protocol defaults to tcp. */
export function parseExpectedPort(
  entry: string,
): { host: string | null; protocol: string; port: number } | null {
  let rest = entry.trim();
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash !== -1) {
    protocol = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
    if (!['tcp', 'udp', 'sctp'].includes(protocol)) return null;
  }
  const colon = rest.lastIndexOf(':');
  const host = colon === -1 ? null : rest.slice(0, colon);
  const digits = colon === -1 ? rest : rest.slice(colon + 1);
  if (!/^\d{1,5}$/.test(digits) || host === '') return null;
  const port = Number(digits);
  return port >= 1 && port <= 65535 ? { host, protocol, port } : null;
}

/** Every open port not on the expected list, as a `port` finding on that host. */
export function unexpectedOpenPorts(
  summary: EvidenceSummary,
  expected: readonly string[],
): Finding[] {
  const allowed = expected.map(parseExpectedPort).filter((entry) => entry !== null);
  return openPorts(summary)
    .filter(
      (port) =>
        !allowed.some(
          (entry) =>
            entry.port === port.port &&
            entry.protocol === port.protocol &&
            (entry.host === null || entry.host === port.host),
        ),
    )
    .sort(byPort)
    .map((port) => ({
      fingerprint: findingFingerprint(summary.format, {
        rule: 'unexpected-open-port',
        host: port.host,
        protocol: port.protocol,
        port: port.port,
      }),
      kind: 'port' as const,
      rule: 'unexpected-open-port',
      title: `Unexpected open port ${port.port}/${port.protocol}${port.service ? ` (${port.service})` : ''}`,
      severity: 'high' as const,
      location: `${port.host}:${port.port}/${port.protocol}`,
      component: null,
      message: 'Open, but not on the list of ports expected for this source.',
    }));
}
