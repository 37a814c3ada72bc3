import type { CliCommand } from '../command';
import { EXIT } from '../command';
import { inspectJson } from './evidence-json';
import type { InspectJson } from './evidence-json';
import { parseCliArgs, positionals } from '../args';
import { readEvidence } from './read-evidence';

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'Detect an evidence file’s format, hash it and summarise it',
  usage: [
    'Usage: demo-ledger inspect FILE [--json]',
    '',
    'Prints the detected format (found from the content, not the name), the SHA-256 and the',
    'normalised summary: tests, findings per severity, open ports, components, checks, changes.',
    'The date is the one the file gives (a time without a zone is read as UTC); a file that',
    'gives none is undated: `producedAt` is null.',
    '  --json   the stable JSON described in the README (schema demo-ledger/inspect@1)',
    '',
    'Every file is reported as recognised (a reader understood it) or not, and with its scan',
    'status: complete, failed (the tool says its scan failed) or incomplete (cut short, or',
    'unreadable), with the reason in the tool’s own words where it gives them.',
    '',
    'Exit status: 0 read and summarised, 1 the file could not be parsed or records a failed',
    'scan (reason printed), 2 usage.',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals: given } = parseCliArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false } },
    });
    const [file = ''] = positionals(given, 1, 'exactly one FILE');
    const evidence = await readEvidence(file);
    const json = inspectJson(evidence.file, evidence.size, evidence.sha256, evidence.result);
    io.stdout(values.json ? `${JSON.stringify(json, null, 2)}\n` : formatInspect(json));
    return json.ok && json.scan.status !== 'failed' ? EXIT.ok : EXIT.failed;
  },
};

export function formatInspect(json: InspectJson): string {
  const lines = [
    `${json.file}`,
    `  format   ${json.format} (${json.variant})`,
    `  sha256   ${json.sha256}`,
    `  size     ${json.size} bytes`,
  ];
  if (json.tool) lines.push(`  tool     ${json.tool.name} ${json.tool.version}`.trimEnd());
  lines.push(`  produced ${json.producedAt ?? 'undated (the file carries no date of its own)'}`);
  if (json.target) lines.push(`  target   ${json.target}`);
  for (const [key, value] of Object.entries(json.origin)) lines.push(`  ${key.padEnd(8)} ${value}`);
  if (!json.ok) lines.push(`  error    ${json.error ?? ''}`);
  lines.push(`  recognised ${json.recognised ? 'yes' : 'no: no reader understood this file'}`);
  lines.push(
    `  scan     ${json.scan.status === 'failed' ? 'FAILED' : json.scan.status}${json.scan.reason ? `: ${json.scan.reason}` : ''}`,
  );
  if (json.tests) {
    const t = json.tests;
    lines.push(
      `  tests    ${t.total} total: ${t.passed} passed, ${t.failed} failed, ${t.errored} errored, ${t.skipped} skipped, ${t.flaky} flaky`,
    );
  }
  if (json.findings) {
    const f = json.findings;
    lines.push(
      `  findings ${f.total} total: ${f.critical} critical, ${f.high} high, ${f.medium} medium, ${f.low} low, ${f.info} info, ${f.unknown} unknown`,
    );
  }
  if (json.ports) {
    lines.push(`  ports    ${json.ports.length} open`);
    for (const port of json.ports)
      lines.push(`           ${port.host} ${port.port}/${port.protocol} ${port.service}`.trimEnd());
  }
  if (json.components) lines.push(`  components ${json.components.total}`);
  if (json.checks) {
    const c = json.checks;
    lines.push(
      `  checks   ${c.total} total: ${c.pass} pass, ${c.fail} fail, ${c.notApplicable} not applicable, ${c.error} error, ${c.notChecked} not checked, ${c.informational} informational`,
    );
  }
  if (json.changes) {
    const c = json.changes;
    lines.push(
      `  changes  ${c.total} total: ${c.added} added, ${c.removed} removed, ${c.changed} changed, ${c.failed} failed, ${c.corrective} corrective (${c.status})`,
    );
  }
  if (json.chart) {
    lines.push(`  chart    ${json.chart.title} (${json.chart.from} – ${json.chart.to})`);
    for (const row of json.chart.figures.rows)
      lines.push(
        `           ${json.chart.figures.columns.map((column) => String(row[column.key] ?? '')).join('  ')}`,
      );
  }
  for (const [key, value] of Object.entries(json.details)) lines.push(`  ${key}: ${String(value)}`);
  for (const note of json.notes) lines.push(`  note: ${note}`);
  return `${lines.join('\n')}\n`;
}
