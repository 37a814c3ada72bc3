// @vitest-environment node
// Node's own Blob survives fake-indexeddb's structured clone; happy-dom's does not.
import 'fake-indexeddb/auto';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceFromBlob, sourceFromBytes } from '../../../core/evidence/bytes';
import { fingerprintsBeforeVersion2 } from '../../../core/evidence/former-fingerprints';
import { inspectSource } from '../../../core/evidence/inspect';
import type { EvidenceSummary, Finding } from '../../../core/evidence/model';
import { draftFromFinding } from '../../../core/issues/drafts';
import type { EvidenceObservation } from '../../../core/issues/verification';
import { suggestVerification } from '../../../core/issues/verification';
import { sha256Hex } from '../../../core/util/hash';
import { issueFingerprintsUpgrade } from '../../../renderer/src/app/integrations/issue-fingerprints';
import { db } from '../../../renderer/src/db';
import { runDataUpgrades, upgradeState } from '../../../renderer/src/db/upgrades';
import { verifyLedger } from '../../../renderer/src/features/audit/verify';
import { storeEvidence } from '../../../renderer/src/features/evidence/commands';
import type { ReadFile } from '../../../renderer/src/features/evidence/upgrade';
import { raiseIssue } from '../../../renderer/src/features/issues/commands';
import { createWorkspace } from '../../../renderer/src/features/workspaces/commands';
import { sharedFixture } from '../../fixtures';
import { OPENSSH_CVES, exploitsFor, nmapVulners, zapWithout } from '../../support/identity-samples';

/**
 * Issues raised under a reader's former fingerprint keep their finding: the upgrade re-reads the
 * stored file, moves the issue to the finding's fingerprint of today in an audited transaction,
 * and verification by a later scan then compares the right finding.
 */

const readDirect: ReadFile = async (blob, name) => inspectSource(sourceFromBlob(name, blob));
const UPGRADE = 'issue-fingerprints@1';
const SOURCE_KEY = 'zap|webgoat';
const RAISED_AT = '2026-11-20T10:00:00.000Z';

async function summaryOf(name: string, bytes: Uint8Array): Promise<EvidenceSummary> {
  const { outcome } = await inspectSource(sourceFromBytes(name, bytes));
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.summary;
}

async function store(workspaceId: string, name: string, bytes: Uint8Array) {
  const source = sourceFromBytes(name, bytes);
  const { detection, outcome } = await inspectSource(source);
  return storeEvidence({
    workspaceId,
    file: new File([bytes.slice()], name),
    sha256: sha256Hex(bytes),
    detection,
    outcome,
    links: [],
  });
}

/** Raises the issue as the app did before: from the finding under its former fingerprint. */
async function raiseAsBefore(
  workspaceId: string,
  evidenceId: string,
  finding: Finding,
  name: string,
) {
  const [former] = fingerprintsBeforeVersion2(finding);
  if (!former) throw new Error('no former fingerprint');
  const { issue } = await raiseIssue(
    draftFromFinding(
      { ...finding, fingerprint: former },
      { workspaceId, evidenceId, fileName: name, sourceKey: SOURCE_KEY, observedAt: RAISED_AT },
    ),
  );
  return { issue, former };
}

const observation = (summary: EvidenceSummary): EvidenceObservation => ({
  evidenceId: 'later-scan',
  tool: summary.format,
  sourceKey: SOURCE_KEY,
  observedAt: '2026-11-26T10:00:00.000Z',
  fingerprints: new Set(summary.findings!.items.map((finding) => finding.fingerprint)),
});

beforeEach(async () => {
  await db.open();
});

afterEach(async () => {
  await db.delete();
});

describe('raised issues keep their findings when fingerprints change', () => {
  it('moves a ZAP issue to its alert’s own fingerprint, audited, and re-scans verify the right alert', async () => {
    const workspace = await createWorkspace({ name: 'WebGoat', description: '' });
    const webgoat = new Uint8Array(await readFile(sharedFixture('zap/zap-webgoat.json')));
    const stored = await store(workspace.id, 'webgoat.json', webgoat);
    const findings = (await summaryOf('webgoat.json', webgoat)).findings!.items;
    const mkcol = findings.find((finding) => finding.title === 'Insecure HTTP Method - MKCOL')!;
    const { issue, former } = await raiseAsBefore(
      workspace.id,
      stored.evidenceId,
      mkcol,
      'webgoat.json',
    );

    // Under the former fingerprint a re-scan that still has the alert looks like a fix, because
    // the fingerprint is nobody's any more.
    const stillThere = observation(await summaryOf('later.json', webgoat));
    expect(suggestVerification(issue, [stillThere])).not.toBeNull();

    expect(await runDataUpgrades(db, [issueFingerprintsUpgrade(readDirect)])).toEqual({
      ran: [UPGRADE],
      failed: [],
    });
    const moved = (await db.issues.get(issue.id))!;
    expect(moved.fingerprint).toBe(mkcol.fingerprint);
    expect(moved.source).toMatchObject({
      kind: 'evidence-finding',
      fingerprint: mkcol.fingerprint,
    });
    expect(moved.number).toBe(issue.number);

    // The move is in the audit log under the upgrade's label, old → new, and the ledger verifies.
    const entries = await db.auditLog.where('action').equals(`upgrade:${UPGRADE}`).toArray();
    const entry = entries.find(
      (candidate) => candidate.entity === 'issues' && candidate.key === issue.id,
    );
    expect(JSON.stringify(entry?.diff)).toContain(former);
    expect(JSON.stringify(entry?.diff)).toContain(mkcol.fingerprint);
    const verdict = await verifyLedger(db);
    expect(verdict.chain.ok && verdict.headMatches && verdict.mismatches.length === 0).toBe(true);
    expect(await upgradeState(db, UPGRADE)).toMatchObject({ status: 'done' });

    // A re-scan that still has the alert does not verify it; one without it does.
    expect(suggestVerification(moved, [stillThere])).toBeNull();
    const fixed = observation(
      await summaryOf('fixed.json', zapWithout(webgoat, 'Insecure HTTP Method - MKCOL')),
    );
    expect(suggestVerification(moved, [fixed])).toMatchObject({ fingerprint: mkcol.fingerprint });

    // Raising the alert again finds the same issue.
    const again = await raiseIssue(
      draftFromFinding(mkcol, {
        workspaceId: workspace.id,
        evidenceId: stored.evidenceId,
        fileName: 'webgoat.json',
        sourceKey: SOURCE_KEY,
        observedAt: RAISED_AT,
      }),
    );
    expect(again).toMatchObject({ created: false, issue: { id: issue.id } });
  });

  it('moves an issue raised from an Nmap exploit reference to the CVE it is now attached to', async () => {
    const workspace = await createWorkspace({ name: 'Hosts', description: '' });
    const exploits = exploitsFor(OPENSSH_CVES.slice(2, 4), 2);
    const bytes = nmapVulners([...OPENSSH_CVES.slice(2, 4), ...exploits]);
    const stored = await store(workspace.id, 'nmap.xml', bytes);
    const findings = (await summaryOf('nmap.xml', bytes)).findings!.items;
    const cve = findings.find((finding) => finding.rule === 'CVE-2021-41617')!;
    // The issue was raised from the exploit's own finding, before references were attached.
    const reference = cve.exploits!.items[0]!;
    const [former] = fingerprintsBeforeVersion2(cve).slice(0, 1);
    const { issue } = await raiseIssue(
      draftFromFinding(
        { ...cve, rule: reference.id, title: reference.id, fingerprint: former! },
        {
          workspaceId: workspace.id,
          evidenceId: stored.evidenceId,
          fileName: 'nmap.xml',
          sourceKey: 'nmap|192.0.2.10',
          observedAt: RAISED_AT,
        },
      ),
    );
    await runDataUpgrades(db, [issueFingerprintsUpgrade(readDirect)]);
    expect((await db.issues.get(issue.id))?.fingerprint).toBe(cve.fingerprint);
  });

  it('leaves an issue whose fingerprint is still current as it was', async () => {
    const workspace = await createWorkspace({ name: 'Hosts', description: '' });
    const bytes = nmapVulners(OPENSSH_CVES.slice(0, 1));
    const stored = await store(workspace.id, 'nmap.xml', bytes);
    const [cve] = (await summaryOf('nmap.xml', bytes)).findings!.items;
    const { issue } = await raiseIssue(
      draftFromFinding(cve!, {
        workspaceId: workspace.id,
        evidenceId: stored.evidenceId,
        fileName: 'nmap.xml',
        sourceKey: 'nmap|192.0.2.10',
        observedAt: RAISED_AT,
      }),
    );
    const before = await db.issues.get(issue.id);
    await runDataUpgrades(db, [issueFingerprintsUpgrade(readDirect)]);
    expect(await db.issues.get(issue.id)).toEqual(before);
    expect(await db.auditLog.where('action').equals(`upgrade:${UPGRADE}`).count()).toBe(0);
  });
});
