import type { ByteChunks } from '../bytes';
import { SummaryBuilder, isoDate, severityFromWord } from '../builder';
import type { CheckStatus, EvidenceSummary } from '../model';
import { readXml } from '../xml';

/**
 * XCCDF 1.1/1.2 results (`oscap xccdf eval --results`) and SCAP 1.2 ARF reports (the same
 * TestResult inside an asset-report-collection, next to the benchmark that defines the rules).
 * Each rule-result becomes a check; `notselected` rules were never part of the profile and are
 * counted apart rather than reported as checks.
 */

const STATUS: Record<string, CheckStatus | null> = {
  pass: 'pass',
  fixed: 'pass',
  fail: 'fail',
  error: 'error',
  unknown: 'error',
  notapplicable: 'notApplicable',
  notchecked: 'notChecked',
  informational: 'informational',
  notselected: null,
};

const MAX_RULE_TITLES = 100_000;

export async function parseXccdf(
  chunks: ByteChunks,
  format: 'xccdf' | 'arf',
): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder(format, format === 'arf' ? 'SCAP 1.2 ARF' : 'XCCDF results');
  summary.enableChecks();
  const titles = new Map<string, string>();
  let ruleId: string | null = null;
  let result: { id: string; severity: string; status: string } | null = null;
  let notSelected = 0;
  let testResults = 0;

  await readXml(chunks, {
    open({ name, attrs }) {
      if (name === 'Benchmark') {
        if (attrs['xmlns']?.includes('1.2') || attrs['id']?.startsWith('xccdf_'))
          summary.variant = format === 'arf' ? 'SCAP 1.2 ARF (XCCDF 1.2)' : 'XCCDF 1.2 results';
        else if (format === 'xccdf') summary.variant = 'XCCDF 1.1 results';
      } else if (name === 'Rule') ruleId = attrs['id'] ?? null;
      else if (name === 'TestResult') {
        testResults += 1;
        summary.producedAt ??= isoDate(attrs['end-time'] ?? attrs['start-time']);
        summary.setTool(
          attrs['test-system']?.replace(/^cpe:\/a:/, '').replace(/:/g, ' ') ?? 'XCCDF',
          '',
        );
      } else if (name === 'profile' && attrs['idref']) summary.details['profile'] = attrs['idref'];
      else if (name === 'rule-result') {
        result = { id: attrs['idref'] ?? '', severity: attrs['severity'] ?? '', status: '' };
      }
    },
    close({ name, parents }, value) {
      const parent = parents[parents.length - 1];
      if (
        name === 'title' &&
        parent === 'Rule' &&
        ruleId &&
        !titles.has(ruleId) &&
        titles.size < MAX_RULE_TITLES
      ) {
        titles.set(ruleId, value);
      } else if (name === 'title' && parent === 'Benchmark' && !summary.details['benchmark']) {
        summary.details['benchmark'] = value;
      } else if (name === 'Rule') ruleId = null;
      else if (name === 'target' && parent === 'TestResult') summary.target ??= value;
      else if (name === 'result' && parent === 'rule-result' && result) result.status = value;
      else if (name === 'rule-result' && result) {
        const status = STATUS[result.status];
        if (status === null) notSelected += 1;
        else {
          summary.addCheck({
            id: result.id,
            title: titles.get(result.id) ?? result.id,
            status: status ?? 'error',
            severity: severityFromWord(result.severity),
          });
          if (status === undefined)
            summary.note(`Unknown rule result "${result.status}" counted as an error.`);
        }
        result = null;
      }
    },
  });
  if (testResults === 0)
    summary.note('The file holds no TestResult: the benchmark was not evaluated.');
  summary.details['notSelected'] = notSelected;
  return summary.build();
}
