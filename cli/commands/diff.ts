import type { EvidenceDiff } from '../../core/evidence/diff';
import { diffSummaries } from '../../core/evidence/diff';
import { driftGroups, unchangedCounts } from '../../core/evidence/drift-groups';
import type { CliCommand } from '../command';
import { EXIT, UsageError } from '../command';
import type { DiffJson } from './evidence-json';
import { diffJson, hasAdverseDrift } from './evidence-json';
import { parseCliArgs, positionals } from '../args';
import { readEvidence } from './read-evidence';

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'Compare two evidence files: ports, findings, sessions, tests, checks, components',
  usage: [
    'Usage: demo-ledger diff PREVIOUS CURRENT [--json] [--expect-ports LIST] [--fail-on-drift]',
    '',
    'Prints what changed: ports opened, closed or serving something else; findings new, fixed and',
    'unchanged (by fingerprint); sessions opened on hosts (Metasploit); tests newly failing or',
    'passing; checks newly failing or passing; components added, removed and upgraded.',
    '  --json              the stable JSON described in the README (schema demo-ledger/diff@1)',
    '  --expect-ports LIST ports allowed open, e.g. 22,443/tcp,10.0.0.5:8443; others are findings',
    '  --fail-on-drift     exit 1 when anything got worse (new findings or sessions, opened ports,',
    '                      new failures)',
    '',
    'Exit status: 0 compared, 1 a file could not be parsed (or drift with --fail-on-drift), 2 usage.',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals: given } = parseCliArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        'fail-on-drift': { type: 'boolean', default: false },
        'expect-ports': { type: 'string' },
      },
    });
    const [previous, current] = await Promise.all(
      positionals(given, 2, 'PREVIOUS and CURRENT').map(readEvidence),
    );
    if (!previous || !current) throw new UsageError('expected PREVIOUS and CURRENT');
    for (const side of [previous, current]) {
      if (!side.result.outcome.ok) {
        io.stderr(`${side.file}: ${side.result.outcome.error}\n`);
        return EXIT.failed;
      }
    }
    if (!previous.result.outcome.ok || !current.result.outcome.ok) return EXIT.failed;
    const expected = values['expect-ports'];
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
    io.stdout(values.json ? `${JSON.stringify(json, null, 2)}\n` : formatDiff(json, drift));
    return values['fail-on-drift'] && hasAdverseDrift(drift) ? EXIT.failed : EXIT.ok;
  },
};

export function formatDiff(json: DiffJson, drift: EvidenceDiff): string {
  const lines = [`${json.previous.file} → ${json.current.file} (${json.current.format})`];
  for (const group of driftGroups(drift)) {
    lines.push(
      `  ${group.title.toLowerCase()}: ${group.items.length === 0 ? 'none' : ''}`.trimEnd(),
    );
    for (const item of group.items) lines.push(`    ${item}`);
  }
  const unchanged = unchangedCounts(drift);
  if (unchanged.length > 0) lines.push(`  unchanged: ${unchanged.join(', ')}`);
  for (const note of json.notes) lines.push(`  note: ${note}`);
  return `${lines.join('\n')}\n`;
}
