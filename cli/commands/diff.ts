import { diffSummaries } from '../../core/evidence/diff';
import type { CliCommand } from '../command';
import { EXIT, UsageError } from '../command';
import type { DiffJson } from './evidence-json';
import { diffJson, hasAdverseDrift } from './evidence-json';
import { parseArgs, readEvidence } from './read-evidence';

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'Compare two evidence files: ports, findings, tests, checks, components',
  usage: [
    'Usage: demo-ledger diff PREVIOUS CURRENT [--json] [--expect-ports LIST] [--fail-on-drift]',
    '',
    'Prints what changed: ports opened, closed or serving something else; findings new, fixed and',
    'unchanged (by fingerprint); tests newly failing or passing; checks newly failing or passing;',
    'components added, removed and upgraded.',
    '  --json              the stable JSON described in the README (schema demo-ledger/diff@1)',
    '  --expect-ports LIST ports allowed open, e.g. 22,443/tcp,10.0.0.5:8443; others are findings',
    '  --fail-on-drift     exit 1 when anything got worse (new findings, opened ports, new failures)',
    '',
    'Exit status: 0 compared, 1 a file could not be parsed (or drift with --fail-on-drift), 2 usage.',
  ].join('\n'),
  async run(args, io) {
    const { positional, options } = parseArgs(args, {
      boolean: ['json', 'fail-on-drift'],
      value: ['expect-ports'],
    });
    if (positional.length !== 2) throw new UsageError('expected PREVIOUS and CURRENT');
    const [previous, current] = await Promise.all(positional.map(readEvidence));
    if (!previous || !current) throw new UsageError('expected PREVIOUS and CURRENT');
    for (const side of [previous, current]) {
      if (!side.result.outcome.ok) {
        io.stderr(`${side.file}: ${side.result.outcome.error}\n`);
        return EXIT.failed;
      }
    }
    if (!previous.result.outcome.ok || !current.result.outcome.ok) return EXIT.failed;
    const expected = options.get('expect-ports');
    const drift = diffSummaries(
      previous.result.outcome.summary,
      current.result.outcome.summary,
      typeof expected === 'string'
        ? { expectedPorts: expected.split(',').filter((entry) => entry.trim() !== '') }
        : {},
    );
    const side = (evidence: typeof previous) => ({
      file: evidence.file,
      sha256: evidence.sha256,
      format: evidence.result.detection.format,
    });
    const json = diffJson(side(previous), side(current), drift);
    io.stdout(options.has('json') ? `${JSON.stringify(json, null, 2)}\n` : formatDiff(json));
    return options.has('fail-on-drift') && hasAdverseDrift(drift) ? EXIT.failed : EXIT.ok;
  },
};

export function formatDiff(json: DiffJson): string {
  const lines = [`${json.previous.file} → ${json.current.file} (${json.current.format})`];
  const section = (title: string, items: readonly string[]): void => {
    lines.push(`  ${title}: ${items.length === 0 ? 'none' : ''}`.trimEnd());
    for (const item of items) lines.push(`    ${item}`);
  };
  if (json.ports) {
    const port = (entry: {
      host: string;
      protocol: string;
      port: number;
      service: string;
    }): string => `${entry.host} ${entry.port}/${entry.protocol} ${entry.service}`.trimEnd();
    section('ports opened', json.ports.opened.map(port));
    section('ports closed', json.ports.closed.map(port));
    section(
      'services changed',
      json.ports.changed.map(
        (entry) =>
          `${entry.host} ${entry.port}/${entry.protocol}: ${entry.before} → ${entry.after}`,
      ),
    );
    lines.push(`  ports unchanged: ${json.ports.unchanged}`);
  }
  if (json.unexpectedPorts.length > 0)
    section(
      'unexpected open ports',
      json.unexpectedPorts.map((entry) => entry.location),
    );
  if (json.findings) {
    section(
      'new findings',
      json.findings.new.map((entry) => `[${entry.severity}] ${entry.rule} ${entry.location}`),
    );
    section(
      'fixed findings',
      json.findings.fixed.map((entry) => `[${entry.severity}] ${entry.rule} ${entry.location}`),
    );
    lines.push(`  findings unchanged: ${json.findings.unchanged}`);
  }
  if (json.tests) {
    section(
      'tests newly failing',
      json.tests.newlyFailing.map((entry) => `${entry.suite} › ${entry.name} (${entry.status})`),
    );
    section(
      'tests newly passing',
      json.tests.newlyPassing.map((entry) => `${entry.suite} › ${entry.name}`),
    );
    lines.push(`  tests added: ${json.tests.added}, removed: ${json.tests.removed}`);
  }
  if (json.checks) {
    section(
      'checks newly failing',
      json.checks.newlyFailing.map((entry) => `${entry.id} ${entry.title}`),
    );
    section(
      'checks newly passing',
      json.checks.newlyPassing.map((entry) => `${entry.id} ${entry.title}`),
    );
  }
  if (json.components) {
    section(
      'components added',
      json.components.added.map((entry) => `${entry.name} ${entry.version}`),
    );
    section(
      'components removed',
      json.components.removed.map((entry) => `${entry.name} ${entry.version}`),
    );
    section(
      'components upgraded',
      json.components.upgraded.map((entry) => `${entry.name} ${entry.from} → ${entry.to}`),
    );
  }
  for (const note of json.notes) lines.push(`  note: ${note}`);
  return `${lines.join('\n')}\n`;
}
