import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../../../cli/file-source';
import { ControlLibrary } from '../../../../core/catalog/library';
import { Catalog } from '../../../../core/catalog/model';
import { controlsDemonstrated } from '../../../../core/evidence/controls';
import { inspectSource } from '../../../../core/evidence/inspect';
import type { EvidenceSummary } from '../../../../core/evidence/model';
import { FRAMEWORKS_DIR } from '../../../../scripts/frameworks/build';
import { sharedFixture } from '../../../fixtures';

/**
 * Links by meaning: a file dropped on an agenda item speaks for the item's controls its format
 * can demonstrate, never for all of them. The DevOps baseline names the formats per control.
 */

const NIST = (id: string) => `nist-sp-800-53-rev5#${id}`;
const DSB = (id: string) => `devops-baseline#${id}`;
const KEY_MANAGEMENT = NIST('sc-12');
const STATIC_ANALYSIS = NIST('sa-11.1');
const PORTS = NIST('cm-7');
const INVENTORY = NIST('cm-8');

let library: ControlLibrary;
beforeAll(() => {
  const file = path.join(FRAMEWORKS_DIR, 'devops-baseline.json');
  library = new ControlLibrary([Catalog.parse(JSON.parse(readFileSync(file, 'utf8')))]);
});

async function summaryOf(...parts: string[]): Promise<EvidenceSummary> {
  const { outcome } = await inspectSource(await fileSource(sharedFixture(...parts)));
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.summary;
}

describe('controls a file demonstrates, of an item’s', () => {
  it('a SAST report speaks for code analysis, not key management', async () => {
    const sarif = await summaryOf('sarif', 'eslint-8-sarif-formatter.sarif');
    expect(controlsDemonstrated(sarif, [KEY_MANAGEMENT, STATIC_ANALYSIS], library)).toEqual([
      STATIC_ANALYSIS,
    ]);
    // The baseline's static-analysis control names SARIF; DSB-06 (keys and TLS) does not.
    expect(controlsDemonstrated(sarif, [DSB('DSB-06'), DSB('DSB-02')], library)).toEqual([
      DSB('DSB-02'),
    ]);
  });

  it('an SBOM speaks for the inventory, not for a port control', async () => {
    const sbom = await summaryOf('cyclonedx', 'npm-sbom-cyclonedx-1.5.json');
    expect(controlsDemonstrated(sbom, [PORTS, INVENTORY, DSB('DSB-07')], library)).toEqual([
      INVENTORY,
    ]);
  });

  it('a port scan speaks for the port controls, in the item’s order', async () => {
    const nmap = await summaryOf('nmap', 'nmap-localhost-current.xml');
    expect(
      controlsDemonstrated(nmap, [DSB('DSB-07'), KEY_MANAGEMENT, DSB('DSB-03'), PORTS], library),
    ).toEqual([DSB('DSB-07'), PORTS]);
  });

  it('a TLS scan speaks for key management through the baseline’s mapping', async () => {
    const testssl = await summaryOf('tls', 'testssl-3.0.8-localhost.json');
    // DSB-06 names testssl and maps to SC-12; without the catalogs only the format mapping decides.
    expect(controlsDemonstrated(testssl, [KEY_MANAGEMENT, STATIC_ANALYSIS], library)).toEqual([
      KEY_MANAGEMENT,
    ]);
    expect(controlsDemonstrated(testssl, [KEY_MANAGEMENT, STATIC_ANALYSIS])).toEqual([]);
  });

  it('a file that could not be read demonstrates nothing', () => {
    expect(controlsDemonstrated(null, [KEY_MANAGEMENT, STATIC_ANALYSIS], library)).toEqual([]);
  });
});
