import { describe, expect, test } from 'vitest';
import { sourceFromBytes } from '../../../../core/evidence/bytes';
import { inspectSource } from '../../../../core/evidence/inspect';
import { findingStatus } from '../../../../core/evidence/findings-view';
import { MAX_ITEMS } from '../../../../core/evidence/model';
import { conformanceDir } from '../../../fixtures';
import { largeSarif } from '../../../support/large-sarif';
import { fileSource } from '../../../../cli/file-source';

/**
 * The findings table reads a stored file past the stored summary's cap (MAX_ITEMS): the same
 * reader, the same fingerprints, a list as long as the caller's budget and exact counts.
 */
describe('reading every finding of a file', { timeout: 60_000 }, () => {
  const total = MAX_ITEMS + 300;
  const bytes = largeSarif(total);

  test('lists all of them when the budget allows, matching the stored list finding for finding', async () => {
    const stored = await inspectSource(sourceFromBytes('codeql.sarif', bytes));
    const full = await inspectSource(sourceFromBytes('codeql.sarif', bytes), {
      listLimit: 50_000,
    });
    if (!stored.outcome.ok || !full.outcome.ok) throw new Error('the SARIF file did not read');
    const storedFindings = stored.outcome.summary.findings!;
    const allFindings = full.outcome.summary.findings!;
    expect(storedFindings.items).toHaveLength(MAX_ITEMS);
    expect(storedFindings.total).toBe(total);
    expect(allFindings.items).toHaveLength(total);
    expect(allFindings.total).toBe(total);
    expect(allFindings.bySeverity).toEqual(storedFindings.bySeverity);
    expect(allFindings.items.slice(0, MAX_ITEMS)).toEqual(storedFindings.items);
    expect(new Set(allFindings.items.map((item) => item.fingerprint)).size).toBe(total);
    expect(full.outcome.summary.notes.join(' ')).not.toMatch(/Only the first/);
  });

  test('a smaller budget lists that many and says so; reads at once keep their own budgets', async () => {
    const [small, large] = await Promise.all([
      inspectSource(sourceFromBytes('a.sarif', bytes), { listLimit: 300 }),
      inspectSource(sourceFromBytes('b.sarif', bytes), { listLimit: total }),
    ]);
    if (!small.outcome.ok || !large.outcome.ok) throw new Error('the SARIF file did not read');
    expect(small.outcome.summary.findings?.items).toHaveLength(300);
    expect(small.outcome.summary.findings?.total).toBe(total);
    expect(small.outcome.summary.notes).toContain(
      'Only the first 300 findings are listed; the counts include all of them.',
    );
    expect(large.outcome.summary.findings?.items).toHaveLength(total);
  });

  test('a real SARIF export with more than 500 results: every result a listed finding', async () => {
    const file = `${conformanceDir()}/defectdojo/sarif/DefectDojo_django-DefectDojo__2020-12-11_13 42 10__export.sarif`;
    const { outcome } = await inspectSource(await fileSource(file));
    if (!outcome.ok) throw new Error(outcome.error);
    const findings = outcome.summary.findings!;
    // 58 + 452 results in its two runs, none suppressed, every one of kind `fail`.
    expect(findings.total).toBe(510);
    expect(findings.items).toHaveLength(510);
  });

  test('a suppression that is not in force stays on the finding, for the status filter', async () => {
    const result = (ruleId: string, status?: string) => ({
      ruleId,
      message: { text: `${ruleId} found` },
      locations: [{ physicalLocation: { artifactLocation: { uri: `src/${ruleId}.c` } } }],
      ...(status === undefined ? {} : { suppressions: [{ kind: 'external', status }] }),
    });
    const log = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'Scanner' } },
          results: [
            result('OPEN'),
            result('REVIEW', 'underReview'),
            result('REJECTED', 'rejected'),
            result('ACCEPTED', 'accepted'),
          ],
        },
      ],
    };
    const { outcome } = await inspectSource(
      sourceFromBytes('s.sarif', new TextEncoder().encode(JSON.stringify(log))),
    );
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.summary.findings?.items.map((item) => [item.rule, findingStatus(item)])).toEqual(
      [
        ['OPEN', 'open'],
        ['REVIEW', 'underReview'],
        ['REJECTED', 'rejected'],
      ],
    );
    expect(outcome.summary.details['suppressed']).toBe(1);
  });
});
