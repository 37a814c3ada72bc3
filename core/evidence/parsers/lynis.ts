import type { ByteChunks } from '../bytes';
import { textLines } from '../bytes';
import { SummaryBuilder } from '../builder';
import { setProducedAt } from '../dates';
import type { EvidenceSummary } from '../model';

/**
 * Lynis `report.dat` (key=value lines, `key[]=` for lists). Warnings and suggestions become
 * hardening findings (medium and low), keyed by the Lynis test id; the hardening index, tests
 * performed and vulnerable packages are kept as details. `report_datetime_start` is written in
 * the audited host's local time without a zone: read as UTC, like every zone-less time.
 */
export async function parseLynis(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('lynis', 'Lynis report.dat');
  summary.enableFindings();
  let vulnerablePackages = 0;
  let tests = 0;
  let lineNumber = 0;
  for await (const line of textLines(chunks)) {
    lineNumber += 1;
    if (line.startsWith('#') || line.trim() === '') continue;
    const equals = line.indexOf('=');
    if (equals === -1) {
      summary.note(`Line ${lineNumber} is not key=value and was skipped.`);
      continue;
    }
    const key = line.slice(0, equals);
    const value = line.slice(equals + 1);
    switch (key) {
      case 'lynis_version':
        summary.setTool('Lynis', value);
        break;
      case 'report_datetime_start':
        setProducedAt(summary, value);
        break;
      case 'hostname':
        summary.target = value;
        break;
      case 'os_fullname':
        summary.details['os'] = value;
        break;
      case 'hardening_index':
        summary.details['hardeningIndex'] = Number(value) || 0;
        break;
      case 'warning[]':
      case 'suggestion[]': {
        const [testId = '', message = '', detail = ''] = value.split('|');
        const warning = key === 'warning[]';
        summary.addFinding({
          kind: 'hardening',
          rule: testId,
          title: message,
          severity: warning ? 'medium' : 'low',
          location: summary.target ?? 'host',
          component: null,
          message: detail && detail !== '-' ? detail : null,
          identity: { type: warning ? 'warning' : 'suggestion', testId, message },
        });
        break;
      }
      case 'vulnerable_package[]':
        vulnerablePackages += 1;
        break;
      case 'tests_executed':
        tests = value.split('|').filter(Boolean).length;
        break;
      default:
        break;
    }
  }
  summary.details['vulnerablePackages'] = vulnerablePackages;
  if (tests > 0) summary.details['testsExecuted'] = tests;
  const findings = summary.build();
  findings.details['warnings'] = findings.findings?.bySeverity.medium ?? 0;
  findings.details['suggestions'] = findings.findings?.bySeverity.low ?? 0;
  return findings;
}
