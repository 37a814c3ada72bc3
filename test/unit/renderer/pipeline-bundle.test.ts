import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signManifest, trustingChecker } from '../../../core/bundle/signature';
import { sourceFromBytes } from '../../../core/evidence/bytes';
import { inspectSource } from '../../../core/evidence/inspect';
import { describeCustody } from '../../../core/evidence-bundle/custody';
import type { CollectedContent } from '../../../core/evidence-bundle/write';
import { writeEvidenceBundle } from '../../../core/evidence-bundle/write';
import type { IdentityMaterial } from '../../../core/signing/keys';
import { sha256Hex } from '../../../core/util/hash';
import { db, setActor } from '../../../renderer/src/db';
import { storeEvidence } from '../../../renderer/src/features/evidence/commands';
import type { AttachOne } from '../../../renderer/src/features/evidence/pipeline-bundle';
import {
  importPipelineBundle,
  inspectPipelineBundle,
} from '../../../renderer/src/features/evidence/pipeline-bundle';
import { evidenceLinkedTo } from '../../../renderer/src/features/evidence/queries';
import { createWorkspace } from '../../../renderer/src/features/workspaces/commands';
import { addAgendaItem } from '../../../renderer/src/features/demos/commands';
import { addPipelineEvidence } from '../../../renderer/src/features/demos/record-commands';
import { evidenceStore } from '../../../renderer/src/features/demos/wiring/evidence';
import { DEMO_ITEM_TARGET } from '../../../core/model';
import { setUpDemo } from './demo-support';
import { BUNDLE_SIGNED_AT, identityValidAt } from '../../support/clock';
import { declaredSigner, signerOf } from '../../support/bundle-files';
import { memorySink } from '../../support/ledger';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const encode = (text: string) => new TextEncoder().encode(text);

const NMAP = encode(
  '<?xml version="1.0"?><nmaprun scanner="nmap" version="7.93" start="1795714065">' +
    '<host><status state="up"/><address addr="127.0.0.1" addrtype="ipv4"/><ports>' +
    '<port protocol="tcp" portid="8443"><state state="open"/><service name="https"/></port>' +
    '</ports></host></nmaprun>',
);
const JUNIT = encode(
  '<?xml version="1.0"?><testsuite name="unit" tests="2" failures="1" timestamp="2026-11-26T08:00:00">' +
    '<testcase classname="a" name="ok"/><testcase classname="a" name="bad"><failure message="no"/></testcase>' +
    '</testsuite>',
);

/**
 * A collected file as the manifest describes it. The app reads the stored bytes again with its
 * own readers, so the summary here only has to be a valid one.
 */
async function collected(name: string, bytes: Uint8Array): Promise<CollectedContent> {
  const { detection } = await inspectSource(sourceFromBytes(name, bytes));
  return {
    item: {
      name,
      size: bytes.byteLength,
      sha256: sha256Hex(bytes),
      summary: {
        format: detection.format,
        variant: detection.variant,
        mediaType: detection.mediaType,
        ok: true,
        error: null,
        recognised: true,
        scan: { status: 'complete', reason: null },
        tool: null,
        producedAt: null,
        target: null,
        origin: {},
        tests: null,
        findings: null,
        ports: null,
        components: null,
        checks: null,
        details: {},
        notes: [],
      },
    },
    content: new Blob([bytes.slice()]),
  };
}

async function bundleOf(identity: IdentityMaterial, files: CollectedContent[]): Promise<File> {
  const sink = memorySink();
  await writeEvidenceBundle(
    sink,
    files,
    {
      id: '00000000-0000-4000-8000-00000000e001',
      createdAt: BUNDLE_SIGNED_AT.toISOString(),
      app: { name: 'Demo Ledger', version: 'test' },
      signer: await declaredSigner(identity, 'payments CI'),
      provenance: {
        system: 'github-actions',
        repository: 'acme/payments',
        commit: COMMIT,
        ref: 'main',
        pipeline: 'ci',
        pipelineUrl: null,
        job: 'security',
        runId: '4242',
        runAttempt: '1',
        runUrl: 'https://github.com/acme/payments/actions/runs/4242',
        server: 'https://github.com',
        sources: {},
      },
      gates: [],
      previous: null,
      drift: null,
    },
    {
      mtime: BUNDLE_SIGNED_AT,
      sign: async (manifest) => signManifest(manifest, await signerOf(identity), BUNDLE_SIGNED_AT),
    },
  );
  return new File([sink.bytes()], 'security.dlevidence');
}

/** Stores a file as the app's workers would, in this test's thread. */
const attachHere: AttachOne = async (file, options) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const { detection, outcome } = await inspectSource(sourceFromBytes(file.name, bytes));
  return storeEvidence({
    workspaceId: options.workspaceId,
    file,
    sha256: sha256Hex(bytes),
    detection,
    outcome,
    links: options.links ?? [],
    record: options.record,
  });
};

let ci: IdentityMaterial;
let stranger: IdentityMaterial;

beforeEach(async () => {
  ci ??= await identityValidAt({ name: 'payments CI' }, 'ecdsa-p256');
  stranger ??= await identityValidAt({ name: 'Someone else' }, 'ecdsa-p256');
  await db.open();
  setActor('Dana Reyes');
});

afterEach(async () => {
  await db.delete();
});

describe('importing a pipeline evidence bundle', () => {
  it('stores each file with its custody, and adds custody to a file already attached by hand', async () => {
    const workspace = await createWorkspace({ name: 'Payments', description: '' });
    const scan = await collected('reports/nmap.xml', NMAP);
    const tests = await collected('reports/junit.xml', JUNIT);
    // The scan was attached by hand before the bundle came in.
    const byHand = await attachHere(new File([NMAP.slice()], 'nmap-by-hand.xml'), {
      workspaceId: workspace.id,
      record: { tables: [], write: async () => undefined },
    });
    const bundle = await bundleOf(ci, [scan, tests]);

    const inspection = await inspectPipelineBundle(
      workspace.id,
      bundle,
      trustingChecker([ci.certificate]),
    );
    expect(inspection.refusal).toBeNull();
    expect(inspection.untrusted).toBe(false);
    expect(inspection.files.map((file) => [file.name, file.existing?.id ?? null])).toEqual([
      ['reports/nmap.xml', byHand?.evidenceId],
      ['reports/junit.xml', null],
    ]);

    const item = { targetType: 'demo-item', targetId: '00000000-0000-4000-8000-0000000000a1' };
    const imported = await importPipelineBundle(inspection, {
      workspaceId: workspace.id,
      acceptUntrusted: false,
      links: [item],
      attach: attachHere,
    });
    expect(imported.map((file) => [file.fileName, file.custodyAdded])).toEqual([
      ['nmap-by-hand.xml', true],
      ['junit.xml', false],
    ]);
    const rows = await db.evidence.where('workspaceId').equals(workspace.id).toArray();
    // No second copy of the scan.
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.custody).toHaveLength(1);
      expect(row.custody?.[0]).toMatchObject({
        repository: 'acme/payments',
        commit: COMMIT,
        runId: '4242',
        pipeline: 'ci',
        job: 'security',
        signer: { commonName: 'payments CI' },
        signerTrusted: true,
        verifiedBy: 'Dana Reyes',
      });
    }
    const junit = rows.find((row) => row.fileName === 'junit.xml');
    expect(junit?.format).toBe('junit');
    expect(describeCustody(junit?.custody?.[0] ?? never())).toContain(
      'from pipeline ci / security, run #4242, commit 0123456789ab, in acme/payments, signed by payments CI (trusted when imported)',
    );
    // Both are attached to the demo item.
    expect(
      (await evidenceLinkedTo(item.targetType, item.targetId)).map((row) => row.fileName).sort(),
    ).toEqual(['junit.xml', 'nmap-by-hand.xml']);
    // Every write is in the audit log, by the person who imported.
    const actions = (await db.auditLog.toArray()).map((entry) => entry.action);
    expect(actions.filter((action) => action === 'update').length).toBeGreaterThanOrEqual(1);

    // Importing the same bundle again adds nothing new.
    const again = await inspectPipelineBundle(
      workspace.id,
      bundle,
      trustingChecker([ci.certificate]),
    );
    await importPipelineBundle(again, {
      workspaceId: workspace.id,
      acceptUntrusted: false,
      attach: attachHere,
    });
    const after = await db.evidence.where('workspaceId').equals(workspace.id).toArray();
    expect(after).toHaveLength(2);
    expect(after.every((row) => row.custody?.length === 1)).toBe(true);
  });

  it('imports a bundle by an untrusted signer only when told to, and says so on every file', async () => {
    const workspace = await createWorkspace({ name: 'Payments', description: '' });
    const bundle = await bundleOf(stranger, [await collected('nmap.xml', NMAP)]);
    const inspection = await inspectPipelineBundle(
      workspace.id,
      bundle,
      trustingChecker([ci.certificate]),
    );
    expect(inspection.refusal).toBeNull();
    expect(inspection.untrusted).toBe(true);
    await expect(
      importPipelineBundle(inspection, {
        workspaceId: workspace.id,
        acceptUntrusted: false,
        attach: attachHere,
      }),
    ).rejects.toThrow(/not on your trust list/);
    expect(await db.evidence.count()).toBe(0);
    await importPipelineBundle(inspection, {
      workspaceId: workspace.id,
      acceptUntrusted: true,
      attach: attachHere,
    });
    const [row] = await db.evidence.toArray();
    expect(row?.custody?.[0]?.signerTrusted).toBe(false);
    expect(describeCustody(row?.custody?.[0] ?? never())).toContain('(NOT trusted when imported)');
  });

  it('refuses a damaged bundle and stores nothing', async () => {
    const workspace = await createWorkspace({ name: 'Payments', description: '' });
    const bundle = await bundleOf(ci, [await collected('nmap.xml', NMAP)]);
    const bytes = new Uint8Array(await bundle.arrayBuffer());
    // A byte of the stored scan flipped: its port number.
    const at = Buffer.from(bytes).indexOf('portid="8443"') + 'portid="'.length;
    expect(at).toBeGreaterThan(1024);
    bytes[at] = (bytes[at] ?? 0) ^ 1;
    const inspection = await inspectPipelineBundle(
      workspace.id,
      new File([bytes], 'security.dlevidence'),
      trustingChecker([ci.certificate]),
    );
    expect(inspection.refusal).toMatch(/files\/[0-9a-f]{64}/);
    expect(inspection.files).toEqual([]);
    await expect(
      importPipelineBundle(inspection, {
        workspaceId: workspace.id,
        acceptUntrusted: true,
        attach: attachHere,
      }),
    ).rejects.toThrow();
    expect(await db.evidence.count()).toBe(0);
  });
});

describe('a demo item pulls the newest pipeline evidence for its controls', () => {
  it('attaches the files that demonstrate its controls, once, and links them by meaning', async () => {
    const { demo, workspaceId } = await setUpDemo();
    const item = await addAgendaItem(demo.id, {
      key: 'PAY-7',
      title: 'Edge hardening',
      owner: 'Kim',
      description: '',
      links: [],
      controls: ['nist-sp-800-53-rev5#cm-7'],
    });
    const bundle = await bundleOf(ci, [
      await collected('nmap.xml', NMAP),
      await collected('junit.xml', JUNIT),
    ]);
    const inspection = await inspectPipelineBundle(
      workspaceId,
      bundle,
      trustingChecker([ci.certificate]),
    );
    await importPipelineBundle(inspection, {
      workspaceId,
      acceptUntrusted: false,
      attach: attachHere,
    });

    // The scan speaks to CM-7; the test report does not.
    expect(await addPipelineEvidence(item.id, evidenceStore)).toEqual(['nmap.xml']);
    expect(await addPipelineEvidence(item.id, evidenceStore)).toEqual([]);
    const held = await db.demoEvidence.where('itemId').equals(item.id).toArray();
    expect(held.map((row) => [row.name, row.stored])).toEqual([['nmap.xml', true]]);
    const scan = (await evidenceLinkedTo(DEMO_ITEM_TARGET, item.id)).map((row) => row.fileName);
    expect(scan).toEqual(['nmap.xml']);
    expect(
      (await evidenceLinkedTo('control', 'nist-sp-800-53-rev5#cm-7')).map((row) => row.fileName),
    ).toEqual(['nmap.xml']);
  });
});

function never(): never {
  throw new Error('expected a value');
}
