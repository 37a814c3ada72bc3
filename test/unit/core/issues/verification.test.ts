import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFromBytes } from '../../../../core/evidence/bytes';
import { diffSummaries } from '../../../../core/evidence/diff';
import { inspectSource } from '../../../../core/evidence/inspect';
import type { EvidenceSummary, Finding } from '../../../../core/evidence/model';
import { observationOf, observedAtOf } from '../../../../core/evidence/observation';
import { sourceKeyOf } from '../../../../core/evidence/source';
import { draftFromFinding } from '../../../../core/issues/drafts';
import type { EvidenceObservation } from '../../../../core/issues/verification';
import { suggestVerification } from '../../../../core/issues/verification';
import { changeStatus } from '../../../../core/issues/workflow';
import { findingFingerprint } from '../../../../core/model/fingerprint';
import { sharedFixture } from '../../../fixtures';
import { LONDON, WORKSPACE, raised } from './support';

/**
 * Verification by evidence, end to end: real fixture files read by the real parsers, issues
 * raised from their findings exactly as the Evidence area raises them (`draftFromFinding`,
 * validated as an IssueDraft), observations built as the evidence store builds them
 * (`observationOf`), and the real rule (`suggestVerification`).
 */

interface Stored {
  evidence: { id: string; fileName: string; sourceKey: string; attachedAt: string };
  summary: EvidenceSummary;
  observation: EvidenceObservation;
}

async function store(
  fileName: string,
  bytes: Uint8Array,
  id: string,
  attachedAt: string,
): Promise<Stored> {
  const { outcome } = await inspectSource(sourceFromBytes(fileName, bytes));
  if (!outcome.ok) throw new Error(`${fileName}: ${outcome.error}`);
  const summary = outcome.summary;
  const evidence = {
    id,
    fileName,
    sourceKey: sourceKeyOf(summary.format, summary.origin, summary.target, fileName),
    attachedAt,
  };
  const observation = observationOf(evidence, summary);
  if (!observation) throw new Error(`${fileName} reports no findings`);
  return { evidence, summary, observation };
}

const fixtureBytes = (relative: string): Uint8Array => readFileSync(sharedFixture(relative));

function findingNamed(stored: Stored, title: string): Finding {
  const finding = stored.summary.findings?.items.find((item) => item.title === title);
  if (!finding) throw new Error(`no finding ${title} in ${stored.evidence.fileName}`);
  return finding;
}

/** An issue raised from a finding of a stored file, as the Evidence area raises it. */
function raiseFrom(stored: Stored, finding: Finding) {
  const observedAt = observedAtOf(stored.evidence, stored.summary);
  const draft = draftFromFinding(finding, {
    workspaceId: WORKSPACE,
    evidenceId: stored.evidence.id,
    fileName: stored.evidence.fileName,
    sourceKey: stored.evidence.sourceKey,
    observedAt,
  });
  return raised(observedAt, draft);
}

// The pair is documented as consecutive scans of one target (fixtures/SOURCES.md). Each file
// dates itself by ZAP's `generated` time, and those say the "second" scan ran first
// (18 June 2021, 09:21:51 UTC) and the "first" two days later (20 June 2021, 09:30 UTC). The app
// goes by the files' own dates, not their names, so here `earlier` is zap-results-second-scan.xml
// and `later` is zap-results-first-scan.xml.
const ZAP_FIRST = 'zap/zap-results-first-scan.xml';
const ZAP_SECOND = 'zap/zap-results-second-scan.xml';
const earlier = await store(
  'zap-results-second-scan.xml',
  fixtureBytes(ZAP_SECOND),
  'evidence-zap-1',
  '2026-11-09T06:00:00.000Z',
);
const later = await store(
  'zap-results-first-scan.xml',
  fixtureBytes(ZAP_FIRST),
  'evidence-zap-2',
  '2026-11-02T06:00:00.000Z',
);

/** The earlier scan's report as a run at `generated` (ZAP's own form) would write it. */
function earlierScanRunAt(generated: string): Uint8Array {
  const xml = readFileSync(sharedFixture(ZAP_SECOND), 'utf8');
  const rerun = xml.replace('generated="Fri, 18 Jun 2021 09:21:51"', `generated="${generated}"`);
  if (rerun === xml) throw new Error('the fixture no longer has its generated time');
  return new TextEncoder().encode(rerun);
}

/** Site and alertRef of every alert item, read independently of the parser (no DTDs here). */
function zapIdentities(relative: string): { site: string; alertRef: string }[] {
  const xml = readFileSync(sharedFixture(relative), 'utf8');
  return [...xml.matchAll(/<site name="([^"]*)"[^>]*>([\s\S]*?)<\/site>/g)].flatMap((site) =>
    [...(site[2] ?? '').matchAll(/<alertRef>([^<]*)<\/alertRef>/g)].map((ref) => ({
      site: site[1] ?? '',
      alertRef: ref[1] ?? '',
    })),
  );
}

describe('one fingerprint: what the parsers produce is what issues store', () => {
  it('forms ZAP fingerprints from {site, alertRef} as core/model/fingerprint.ts specifies', () => {
    for (const [stored, relative] of [
      [earlier, ZAP_SECOND],
      [later, ZAP_FIRST],
    ] as const) {
      const expected = zapIdentities(relative).map((identity) =>
        findingFingerprint('zap', identity),
      );
      const produced = stored.summary.findings?.items.map((finding) => finding.fingerprint);
      expect(produced).toEqual(expected);
      expect(new Set(produced).size).toBe(expected.length);
    }
    expect(earlier.summary.findings?.total).toBe(18);
    expect(later.summary.findings?.total).toBe(15);
  });

  it('stores the parsed fingerprint, source key and the scan’s own time on the issue', () => {
    const finding = findingNamed(earlier, 'NoSQL Injection - MongoDB');
    const issue = raiseFrom(earlier, finding);
    expect(issue.fingerprint).toBe(finding.fingerprint);
    expect(issue.source).toMatchObject({
      kind: 'evidence-finding',
      evidenceId: 'evidence-zap-1',
      fingerprint: finding.fingerprint,
      sourceKey: 'zap|http://bodgeit.securecodebox-demo.svc:8080',
      // ZAP's `generated`, not the time the file was attached.
      observedAt: '2021-06-18T09:21:51.000Z',
      ruleId: finding.rule,
    });
    expect(earlier.observation.sourceKey).toBe(later.observation.sourceKey);
  });
});

describe('verification by later evidence (ZAP pair)', () => {
  it('suggests verified when the later scan no longer contains the finding (NoSQL injection)', () => {
    const issue = raiseFrom(earlier, findingNamed(earlier, 'NoSQL Injection - MongoDB'));
    expect(suggestVerification(issue, [earlier.observation, later.observation])).toEqual({
      evidenceId: 'evidence-zap-2',
      observedAt: '2021-06-20T09:30:00.000Z',
      fingerprint: issue.fingerprint,
    });
  });

  it('goes by the scans’ own times: the file attached later but scanned earlier verifies nothing', () => {
    // PII Disclosure is in the later scan only; the earlier scan lacks it, though attached after.
    const issue = raiseFrom(later, findingNamed(later, 'PII Disclosure'));
    expect(Date.parse(earlier.evidence.attachedAt)).toBeGreaterThan(
      Date.parse(later.evidence.attachedAt),
    );
    expect(suggestVerification(issue, [earlier.observation, later.observation])).toBeNull();
  });

  it('suggests nothing while the finding is still there (reflected XSS, SQL injection)', () => {
    for (const name of ['Cross Site Scripting (Reflected)', 'SQL Injection']) {
      const issue = raiseFrom(earlier, findingNamed(earlier, name));
      expect(suggestVerification(issue, [earlier.observation, later.observation])).toBeNull();
    }
  });

  it('suggests exactly the findings the scan comparison reports fixed', () => {
    const suggested = (earlier.summary.findings?.items ?? [])
      .map((finding) => raiseFrom(earlier, finding))
      .filter((issue) => suggestVerification(issue, [later.observation]) !== null)
      .map((issue) => issue.title);
    const fixed = diffSummaries(earlier.summary, later.summary).findings?.fixed ?? [];
    expect(suggested).toEqual([
      'Cookie without SameSite Attribute',
      'Timestamp Disclosure - Unix',
      'Cookie No HttpOnly Flag',
      'NoSQL Injection - MongoDB',
    ]);
    expect(fixed.map((finding) => finding.title)).toEqual(suggested);
  });

  it('ignores earlier files, the same file, and files from another source or tool', () => {
    const issue = raiseFrom(earlier, findingNamed(earlier, 'NoSQL Injection - MongoDB'));
    const next = later.observation;
    const before = { ...next, observedAt: '2021-06-01T00:00:00.000Z' };
    const sameTime = { ...next, observedAt: earlier.observation.observedAt };
    const otherSource = { ...next, sourceKey: 'zap|http://another-app' };
    const otherTool = { ...next, tool: 'sarif' };
    for (const observation of [before, sameTime, otherSource, otherTool, earlier.observation]) {
      expect(suggestVerification(issue, [observation])).toBeNull();
    }
  });

  it('withdraws the suggestion when a still later scan finds it again', async () => {
    const issue = raiseFrom(earlier, findingNamed(earlier, 'NoSQL Injection - MongoDB'));
    const bytes = earlierScanRunAt('Tue, 22 Jun 2021 08:00:00');
    const third = await store(
      'zap-results-second-scan.xml',
      bytes,
      'evidence-zap-3',
      '2026-11-03T06:00:00.000Z',
    );
    expect(third.observation.observedAt).toBe('2021-06-22T08:00:00.000Z');
    expect(suggestVerification(issue, [later.observation])).not.toBeNull();
    expect(suggestVerification(issue, [later.observation, third.observation])).toBeNull();
  });

  it('works the other way round: PII disclosure raised from the later scan, gone in a rerun', async () => {
    const issue = raiseFrom(later, findingNamed(later, 'PII Disclosure'));
    const bytes = earlierScanRunAt('Tue, 22 Jun 2021 08:00:00');
    const rerun = await store(
      'zap-results-second-scan.xml',
      bytes,
      'evidence-zap-rerun',
      '2026-11-03T06:00:00.000Z',
    );
    expect(suggestVerification(issue, [rerun.observation])?.evidenceId).toBe('evidence-zap-rerun');
  });

  it('proves nothing with a file whose list of findings was cut for length', () => {
    const issue = raiseFrom(earlier, findingNamed(earlier, 'NoSQL Injection - MongoDB'));
    const cut = { ...later.observation, complete: false };
    expect(suggestVerification(issue, [cut])).toBeNull();
  });

  it('only for issues raised from findings and not yet verified or closed', () => {
    const manual = raised('2021-06-18T06:00:00Z');
    expect(suggestVerification(manual, [later.observation])).toBeNull();
    const issue = raiseFrom(earlier, findingNamed(earlier, 'NoSQL Injection - MongoDB'));
    const ctx = { now: Date.parse('2021-06-21T00:00:00Z'), actor: 'bob', policy: LONDON };
    const fixed = changeStatus(issue, { to: 'fixed' }, ctx);
    expect(suggestVerification(fixed, [later.observation])).not.toBeNull();
    const verified = changeStatus(fixed, { to: 'verified', evidenceId: 'evidence-zap-2' }, ctx);
    expect(suggestVerification(verified, [later.observation])).toBeNull();
  });
});

describe('verification by later evidence (SARIF)', () => {
  interface SarifLog {
    runs: { results: { partialFingerprints?: object; locations?: unknown[] }[] }[];
  }

  /** A later run of the same analysis: one result fixed, the others moved down three lines. */
  function laterRun(relative: string, fixedIndex: number): Uint8Array {
    const log = JSON.parse(readFileSync(sharedFixture(relative), 'utf8')) as SarifLog;
    const results = log.runs[0]?.results ?? [];
    results.splice(fixedIndex, 1);
    for (const result of results) {
      for (const location of result.locations ?? []) {
        const region = (location as { physicalLocation?: { region?: { startLine?: number } } })
          .physicalLocation?.region;
        if (region?.startLine !== undefined) region.startLine += 3;
      }
    }
    return new TextEncoder().encode(JSON.stringify(log));
  }

  it('CodeQL: the fixed result is suggested verified; moved code keeps its fingerprint', async () => {
    const relative = 'sarif/codeql-output.sarif';
    const name = path.basename(relative);
    const before = await store(name, fixtureBytes(relative), 'sarif-1', '2026-11-02T06:00:00Z');
    const after = await store(name, laterRun(relative, 5), 'sarif-2', '2026-11-03T06:00:00Z');
    expect(before.summary.findings?.total).toBe(72);
    expect(after.evidence.sourceKey).toBe(before.evidence.sourceKey);
    const issues = (before.summary.findings?.items ?? []).map((finding) =>
      raiseFrom(before, finding),
    );
    for (const issue of issues) expect(issue.fingerprint).toMatch(/^sarif:[0-9a-f]{64}$/);
    const suggested = issues.filter(
      (issue) => suggestVerification(issue, [before.observation, after.observation]) !== null,
    );
    expect(suggested.map((issue) => issue.source)).toEqual([
      expect.objectContaining({
        fingerprint: before.summary.findings?.items[5]?.fingerprint,
        location: before.summary.findings?.items[5]?.location,
      }),
    ]);
  });

  it('ESLint (no tool fingerprints): identity by rule, file, line and snippet', async () => {
    const relative = 'sarif/eslint-8-sarif-formatter.sarif';
    const name = path.basename(relative);
    const before = await store(name, fixtureBytes(relative), 'eslint-1', '2026-11-02T06:00:00Z');
    const log = JSON.parse(readFileSync(sharedFixture(relative), 'utf8')) as SarifLog;
    log.runs[0]?.results.splice(0, 1);
    const after = await store(
      name,
      new TextEncoder().encode(JSON.stringify(log)),
      'eslint-2',
      '2026-11-03T06:00:00Z',
    );
    const issues = (before.summary.findings?.items ?? []).map((finding) =>
      raiseFrom(before, finding),
    );
    const suggested = issues.filter(
      (issue) => suggestVerification(issue, [after.observation]) !== null,
    );
    expect(suggested).toHaveLength(1);
    expect(suggested[0]?.fingerprint).toBe(before.summary.findings?.items[0]?.fingerprint);
  });
});
