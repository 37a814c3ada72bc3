// @vitest-environment node
// Node's own Blob survives fake-indexeddb's structured clone; happy-dom's does not.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SummaryBuilder } from '../../../core/evidence/builder';
import { sourceFromBlob, sourceFromBytes } from '../../../core/evidence/bytes';
import type { Detection } from '../../../core/evidence/detect';
import { inspectSource } from '../../../core/evidence/inspect';
import { READINGS_VERSION, currentReader } from '../../../core/evidence/readers';
import { sha256Hex } from '../../../core/util/hash';
import { db } from '../../../renderer/src/db';
import { runDataUpgrades, upgradeState } from '../../../renderer/src/db/upgrades';
import { verifyLedger } from '../../../renderer/src/features/audit/verify';
import { storeEvidence } from '../../../renderer/src/features/evidence/commands';
import type { ReadFile } from '../../../renderer/src/features/evidence/upgrade';
import { evidenceReadingsUpgrade } from '../../../renderer/src/features/evidence/upgrade';
import { evidenceDatesUpgrade } from '../../../renderer/src/features/evidence/upgrades';
import { createWorkspace } from '../../../renderer/src/features/workspaces/commands';

/**
 * Evidence stored by older readers is read again when the readers change: a Trivy cluster
 * report once stored as generic JSON becomes Trivy with its findings, and a testssl.sh run that
 * could not connect, once stored as a clean scan, becomes a failed scan, in audited batches.
 */

const encode = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

const TRIVY_K8S = encode(
  JSON.stringify({
    ClusterName: 'prod',
    Resources: [
      {
        Namespace: 'default',
        Kind: 'Deployment',
        Name: 'web',
        Results: [
          {
            Target: 'nginx:1.19',
            Vulnerabilities: [
              {
                VulnerabilityID: 'CVE-2021-1',
                PkgName: 'openssl',
                InstalledVersion: '1.1',
                Severity: 'HIGH',
              },
              {
                VulnerabilityID: 'CVE-2021-2',
                PkgName: 'zlib',
                InstalledVersion: '1.2',
                Severity: 'LOW',
              },
            ],
          },
        ],
      },
    ],
  }),
);
const TESTSSL_FAILED = encode(
  '"id","fqdn/ip","port","severity","finding","cve","cwe"\n"scanProblem","example.test/192.0.2.1","443","FATAL","Can\'t connect to \'192.0.2.1:443\'","",""\n',
);

/** Stores a file as a reader before versioning did: the summary it made, with no reader stamp. */
async function storeAsBefore(
  workspaceId: string,
  name: string,
  bytes: Uint8Array<ArrayBuffer>,
  old: Detection,
) {
  const builder = new SummaryBuilder(old.format, old.variant);
  if (old.format === 'testssl') builder.enableFindings();
  const summary = { ...builder.build(), reader: null };
  const file = new File([bytes.slice()], name, {
    lastModified: Date.parse('2026-11-26T10:00:00Z'),
  });
  return storeEvidence({
    workspaceId,
    file,
    sha256: sha256Hex(bytes),
    detection: old,
    outcome: { ok: true, summary },
    links: [],
  });
}

const readDirect: ReadFile = async (blob, name) => inspectSource(sourceFromBlob(name, blob));

beforeEach(async () => {
  await db.open();
});

afterEach(async () => {
  await db.delete();
});

describe('stored evidence follows the readers', () => {
  it('re-reads old summaries in audited batches, updates every attachment, and runs once', async () => {
    const workspace = await createWorkspace({ name: 'Audit', description: '' });
    const k8s = await storeAsBefore(workspace.id, 'cluster.json', TRIVY_K8S, {
      format: 'json',
      variant: 'JSON',
      mediaType: 'application/json',
    });
    const testssl = await storeAsBefore(workspace.id, 'tls.csv', TESTSSL_FAILED, {
      format: 'testssl',
      variant: 'csv',
      mediaType: 'text/csv',
    });
    expect((await db.evidence.get(testssl.evidenceId))?.headline).toBe('0 findings');

    const reads: string[] = [];
    const read: ReadFile = (blob, name) => {
      reads.push(name);
      return readDirect(blob, name);
    };
    const id = `evidence-readings@${READINGS_VERSION}`;
    const progress: number[] = [];
    expect(
      await runDataUpgrades(db, [evidenceReadingsUpgrade(read)], {
        onProgress: ({ done }) => progress.push(done),
      }),
    ).toEqual({ ran: [id], failed: [] });
    expect(reads.sort()).toEqual(['cluster.json', 'tls.csv']);
    expect(progress.at(-1)).toBe(2);

    const cluster = await db.evidence.get(k8s.evidenceId);
    expect(cluster).toMatchObject({
      format: 'trivy',
      variant: 'Trivy Kubernetes JSON',
      flag: null,
    });
    expect(cluster?.headline).toBe('2 findings (1 high, 1 low)');
    expect(cluster?.sourceKey).toBe('trivy|prod');
    const clusterSummary = (await db.evidenceSummaries.get(sha256Hex(TRIVY_K8S)))?.summary;
    expect(clusterSummary).toMatchObject({ recognised: true, reader: currentReader('trivy') });

    const tls = await db.evidence.get(testssl.evidenceId);
    expect(tls?.flag).toBe('failed');
    expect(tls?.headline).toMatch(/^Scan failed: testssl\.sh could not scan: Can't connect/);
    expect((await db.evidenceSummaries.get(sha256Hex(TESTSSL_FAILED)))?.summary.scan.status).toBe(
      'failed',
    );

    // Every change is in the audit log under the upgrade's label, and the ledger verifies.
    expect(await db.auditLog.where('action').equals(`upgrade:${id}`).count()).toBeGreaterThan(2);
    const verdict = await verifyLedger(db);
    expect(verdict.chain.ok && verdict.headMatches && verdict.mismatches.length === 0).toBe(true);
    expect(await upgradeState(db, id)).toMatchObject({ status: 'done', done: 2, total: 2 });

    // Done means done, and a file read by today's readers is not read again.
    reads.length = 0;
    await runDataUpgrades(db, [evidenceReadingsUpgrade(read)]);
    expect(reads).toEqual([]);
  });

  it('a reader that fails leaves the stored summaries as they were; the retry completes', async () => {
    const workspace = await createWorkspace({ name: 'Audit', description: '' });
    const k8s = await storeAsBefore(workspace.id, 'cluster.json', TRIVY_K8S, {
      format: 'json',
      variant: 'JSON',
      mediaType: 'application/json',
    });
    const failing: ReadFile = () => Promise.reject(new Error('The evidence worker crashed.'));
    const first = await runDataUpgrades(db, [evidenceReadingsUpgrade(failing)]);
    expect(first.failed.map((failure) => String(failure.error))).toEqual([
      'Error: The evidence worker crashed.',
    ]);
    expect((await db.evidence.get(k8s.evidenceId))?.format).toBe('json');

    await runDataUpgrades(db, [evidenceReadingsUpgrade(readDirect)]);
    expect((await db.evidence.get(k8s.evidenceId))?.format).toBe('trivy');
  });

  it('re-reads a file stored before dating was recorded, and leaves its dating to the dates upgrade', async () => {
    const workspace = await createWorkspace({ name: 'Audit', description: '' });
    const stored = await storeAsBefore(workspace.id, 'tls.csv', TESTSSL_FAILED, {
      format: 'testssl',
      variant: 'csv',
      mediaType: 'text/csv',
    });
    // As an older app stored it: no `dating` (the schema refuses such a row).
    const row = await db.evidence.get(stored.evidenceId);
    if (!row) throw new Error('not stored');
    const { dating: _dating, statedBy: _statedBy, ...undatedRow } = row;
    await db.evidence.put(undatedRow as typeof row);

    const upgrades = [evidenceReadingsUpgrade(readDirect), evidenceDatesUpgrade];
    const { ran, failed } = await runDataUpgrades(db, upgrades);
    expect(failed).toEqual([]);
    expect(ran).toEqual([`evidence-readings@${READINGS_VERSION}`, 'evidence-dates@1']);
    expect(await db.evidence.get(stored.evidenceId)).toMatchObject({
      flag: 'failed',
      dating: 'undated',
      effectiveFrom: null,
      effectiveTo: null,
    });
  });

  it('new evidence is stored with a current reading and needs no upgrade', async () => {
    const workspace = await createWorkspace({ name: 'Audit', description: '' });
    const { detection, outcome } = await inspectSource(sourceFromBytes('tls.csv', TESTSSL_FAILED));
    const file = new File([TESTSSL_FAILED], 'tls.csv');
    const stored = await storeEvidence({
      workspaceId: workspace.id,
      file,
      sha256: sha256Hex(TESTSSL_FAILED),
      detection,
      outcome,
      links: [],
    });
    expect(stored.flag).toBe('failed');
    const reads: string[] = [];
    await runDataUpgrades(db, [
      evidenceReadingsUpgrade((blob, name) => {
        reads.push(name);
        return readDirect(blob, name);
      }),
    ]);
    expect(reads).toEqual([]);
  });
});
