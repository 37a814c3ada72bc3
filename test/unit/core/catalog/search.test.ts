import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ControlLibrary } from '../../../../core/catalog/library';
import { Catalog } from '../../../../core/catalog/model';
import type { ControlSearchIndex } from '../../../../core/catalog/search';
import {
  buildSearchIndex,
  buildSearchIndexInSteps,
  normaliseControlId,
  searchControls,
} from '../../../../core/catalog/search';
import { statementOfApplicability, soaToCsv } from '../../../../core/catalog/soa';
import { FRAMEWORKS_DIR } from '../../../../scripts/frameworks/build';

let library: ControlLibrary;
let index: ControlSearchIndex;
const refs = (query: string, limit = 5) =>
  searchControls(index, query, { limit }).map((hit) => hit.ref);

beforeAll(() => {
  const catalogs = [
    'nist-sp-800-53-rev5',
    'owasp-asvs',
    'iso-27001-2022',
    'soc2-tsc',
    'devops-baseline',
  ].map((id) =>
    Catalog.parse(JSON.parse(readFileSync(path.join(FRAMEWORKS_DIR, `${id}.json`), 'utf8'))),
  );
  library = new ControlLibrary(catalogs);
  index = buildSearchIndex(library);
});

describe('control search over every shipped catalog', () => {
  it('finds controls by id in the spellings people type', () => {
    expect(normaliseControlId('AC-02(01)')).toBe('ac-2.1');
    expect(refs('AC-2(1)')[0]).toBe('nist-sp-800-53-rev5#ac-2.1');
    expect(refs('ac-2', 3)).toEqual([
      'nist-sp-800-53-rev5#ac-2',
      'nist-sp-800-53-rev5#ac-2.1',
      'nist-sp-800-53-rev5#ac-2.2',
    ]);
    expect(refs('v5.1.1')).toEqual(['owasp-asvs#V5.1.1']);
    expect(refs('A.8.8')).toEqual(['iso-27001-2022#A.8.8']);
    expect(refs('cc6.1')).toEqual(['soc2-tsc#CC6.1']);
  });

  it('finds controls by part of their statement, the last word as a prefix', () => {
    expect(refs('unsuccessful logon attem')[0]).toBe('nist-sp-800-53-rev5#ac-7');
    expect(refs('parameterized queries')).toContain('owasp-asvs#V1.2.4');
    expect(refs('only expected ports')).toContain('devops-baseline#DSB-07');
  });

  it('restricts to chosen catalogs and returns nothing for blank queries', () => {
    expect(
      searchControls(index, 'password', { catalogIds: ['owasp-asvs'] }).every(
        (hit) => hit.catalogId === 'owasp-asvs',
      ),
    ).toBe(true);
    expect(searchControls(index, '   ')).toEqual([]);
  });

  it('describes a control by reference for other features', () => {
    expect(library.describe('nist-sp-800-53-rev5#ac-2')).toMatchObject({
      label: 'AC-2',
      title: 'Account Management',
      catalogVersion: '5.0.1',
    });
    expect(library.describe('nist-sp-800-53-rev5#ac-2')?.statement).toContain(
      'c. Require [Assignment: organization-defined prerequisites and criteria] for group and role membership;',
    );
    expect(library.describe('nist-sp-800-53-rev5#nope')).toBeUndefined();
  });
});

describe('the search index built in steps', () => {
  it('pauses between steps of a few hundred controls and finds what the whole build finds', async () => {
    let pauses = 0;
    const stepped = await buildSearchIndexInSteps(library, async () => {
      pauses += 1;
    });
    // At least one pause per 400 controls gathered and per 400 indexed.
    expect(pauses).toBeGreaterThanOrEqual(Math.floor(index.size / 400) * 2);
    expect(stepped.size).toBe(index.size);
    for (const query of ['AC-2(1)', 'account management', 'V5.1.1', 'encrypt data at res']) {
      expect(searchControls(stepped, query, { limit: 10 })).toEqual(
        searchControls(index, query, { limit: 10 }),
      );
    }
  });
});

describe('Statement of Applicability', () => {
  it('lists the baseline, the decisions and controls decided outside it', () => {
    const workspaceId = '11111111-1111-4111-8111-111111111111';
    const at = '2026-11-26T12:00:00.000Z';
    const rows = statementOfApplicability(
      library,
      [
        {
          id: '21111111-1111-4111-8111-111111111111',
          workspaceId,
          catalogId: 'nist-sp-800-53-rev5',
          version: '5.0.1',
          profileId: 'low',
          addedAt: at,
        },
      ],
      [
        {
          id: '31111111-1111-4111-8111-111111111111',
          workspaceId,
          ref: 'nist-sp-800-53-rev5#ac-7',
          catalogVersion: '5.0.1',
          applicability: 'not-applicable',
          justification: '=cmd|x',
          decidedBy: 'ana',
          createdAt: at,
          updatedAt: at,
        },
        {
          id: '41111111-1111-4111-8111-111111111111',
          workspaceId,
          ref: 'nist-sp-800-53-rev5#ac-2.1',
          catalogVersion: '5.0.1',
          applicability: 'applicable',
          justification: '',
          decidedBy: 'ana',
          createdAt: at,
          updatedAt: at,
        },
      ],
    );
    expect(rows).toHaveLength(150);
    expect(rows.find((row) => row.ref.endsWith('#ac-7'))).toMatchObject({
      inProfile: true,
      applicability: 'not-applicable',
    });
    expect(rows.find((row) => row.ref.endsWith('#ac-2.1'))).toMatchObject({
      inProfile: false,
      applicability: 'applicable',
    });
    const csv = soaToCsv(rows);
    expect(csv.split('\r\n')[0]).toBe(
      'Framework,Version,Baseline,Control,Reference,Title,In baseline,Applicability,Justification,Decided by,Decided at',
    );
    expect(csv).toContain(
      `AC-7,nist-sp-800-53-rev5#ac-7,Unsuccessful Logon Attempts,Yes,Not applicable,'=cmd|x,ana`,
    );
    const ac7 = rows.find((row) => row.ref.endsWith('#ac-7'));
    if (ac7 === undefined) throw new Error('AC-7 missing');
    const multiLine = soaToCsv([
      { ...ac7, justification: "Handled by the SSO\n=cmd|' /C calc'!A0" },
    ]);
    expect(multiLine).toContain(`"Handled by the SSO\n'=cmd|' /C calc'!A0"`);
  });
});
