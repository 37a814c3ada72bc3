import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { ControlLibrary } from '../../../../core/catalog/library';
import type { Catalog } from '../../../../core/catalog/model';
import {
  Catalog as CatalogSchema,
  catalogIntegrityIssues,
  countCatalog,
} from '../../../../core/catalog/model';
import { statementText } from '../../../../core/catalog/text';
import { exportOscalCatalog } from '../../../../core/oscal/catalog-export';
import { importOscalCatalog } from '../../../../core/oscal/catalog-import';
import {
  FRAMEWORKS_DIR,
  buildAllFrameworks,
  manifestOf,
  serialise,
} from '../../../../scripts/frameworks/build';
import { sharedFixture } from '../../../fixtures';

const FILES = [
  'nist-sp-800-53-rev5',
  'owasp-asvs',
  'iso-27001-2022',
  'soc2-tsc',
  'devops-baseline',
];
const load = (id: string): Catalog =>
  CatalogSchema.parse(JSON.parse(readFileSync(path.join(FRAMEWORKS_DIR, `${id}.json`), 'utf8')));

interface OscalNode {
  id?: string;
  controls?: OscalNode[];
  groups?: OscalNode[];
  props?: { name: string; value: string }[];
}

/** Counts controls and enhancements in an OSCAL file independently of the importer. */
function countOscal(
  node: OscalNode,
  depth = 0,
): { controls: number; enhancements: number; ids: string[] } {
  const total = { controls: 0, enhancements: 0, ids: [] as string[] };
  for (const group of node.groups ?? []) {
    const inner = countOscal(group, depth);
    total.controls += inner.controls;
    total.enhancements += inner.enhancements;
    total.ids.push(...inner.ids);
  }
  for (const control of node.controls ?? []) {
    if (depth === 0) total.controls += 1;
    else total.enhancements += 1;
    total.ids.push(control.id ?? '');
    const inner = countOscal({ controls: control.controls ?? [] }, depth + 1);
    total.controls += inner.controls;
    total.enhancements += inner.enhancements;
    total.ids.push(...inner.ids);
  }
  return total;
}

let catalogs: Catalog[];
beforeAll(() => {
  catalogs = FILES.map(load);
});

describe('shipped catalogs', () => {
  it('are exactly what the build script makes from the recorded sources', () => {
    const rebuilt = buildAllFrameworks();
    for (const catalog of rebuilt) {
      const shipped = readFileSync(path.join(FRAMEWORKS_DIR, `${catalog.id}.json`), 'utf8');
      expect(serialise(catalog) === shipped, `${catalog.id} is out of date`).toBe(true);
    }
    const manifest: unknown = JSON.parse(
      readFileSync(path.join(FRAMEWORKS_DIR, 'manifest.json'), 'utf8'),
    );
    expect(manifest).toEqual(manifestOf(rebuilt));
  });

  it('record source, version and licence, and are internally consistent', () => {
    for (const catalog of catalogs) {
      expect(catalog.sources.length, catalog.id).toBeGreaterThan(0);
      expect(catalog.version).not.toBe('');
      expect(catalog.licence.spdx).not.toBe('NOASSERTION');
      expect(catalogIntegrityIssues(catalog)).toEqual([]);
    }
    expect(load('owasp-asvs').licence).toMatchObject({ spdx: 'CC-BY-SA-4.0' });
    expect(load('owasp-asvs').licence.attribution).toContain('OWASP Foundation');
  });

  it('holds every control and enhancement of the official 800-53 rev5 OSCAL catalog', () => {
    const source = JSON.parse(
      readFileSync(sharedFixture('oscal/NIST_SP-800-53_rev5_catalog.json'), 'utf8'),
    ) as {
      catalog: OscalNode;
    };
    const expected = countOscal(source.catalog);
    const nist = load('nist-sp-800-53-rev5');
    const counts = countCatalog(nist);
    expect(counts.controls).toBe(expected.controls);
    expect(counts.enhancements).toBe(expected.enhancements);
    expect(counts.controls + counts.enhancements).toBe(1189);
    expect(nist.controls.map((control) => control.id).sort()).toEqual([...expected.ids].sort());
    expect(counts.groups).toBe(20);
  });

  it('selects the SP 800-53B baselines: nested, of the published sizes, HIGH equal to the resolved HIGH catalog', () => {
    const nist = load('nist-sp-800-53-rev5');
    const ids = (id: string) =>
      new Set(nist.profiles.find((profile) => profile.id === id)?.controlIds);
    const [low, moderate, high] = [ids('low'), ids('moderate'), ids('high')];
    expect([low.size, moderate.size, high.size]).toEqual([149, 287, 370]);
    expect([...low].every((id) => moderate.has(id))).toBe(true);
    expect([...moderate].every((id) => high.has(id))).toBe(true);
    const resolved = JSON.parse(
      readFileSync(
        sharedFixture('oscal/NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog-min.json'),
        'utf8',
      ),
    ) as { catalog: OscalNode };
    expect([...high].sort()).toEqual([...countOscal(resolved.catalog).ids].sort());
    const withdrawn = new Set(
      nist.controls.filter((control) => control.withdrawn).map((control) => control.id),
    );
    expect([...high].filter((id) => withdrawn.has(id))).toEqual([]);
    expect(low.has('ac-2') && !low.has('ac-2.1') && moderate.has('ac-2.1')).toBe(true);
  });

  it('ASVS 5.0.0 has its 345 requirements with cumulative levels', () => {
    const asvs = load('owasp-asvs');
    expect(asvs.version).toBe('5.0.0');
    expect(asvs.controls).toHaveLength(345);
    expect(asvs.profiles.map((profile) => profile.controlIds.length)).toEqual([70, 253, 345]);
    const v511 = asvs.controls.find((control) => control.id === 'V5.1.1');
    expect(v511 && statementText(v511)).toMatch(
      /^Verify that the documentation defines the permitted file types/,
    );
  });

  it('ISO 27001 Annex A lists 93 controls and SOC 2 61 criteria, without the copyrighted texts', () => {
    expect(load('iso-27001-2022').controls).toHaveLength(93);
    expect(load('soc2-tsc').controls).toHaveLength(61);
    expect(load('iso-27001-2022').controls.every((control) => control.statement === null)).toBe(
      true,
    );
  });

  it('DevOps baseline controls state their evidence and map to controls that exist', () => {
    const library = new ControlLibrary(catalogs);
    const devops = load('devops-baseline');
    for (const control of devops.controls) {
      // Evidence formats where a pipeline file demonstrates it; otherwise the guidance says what does.
      expect(
        (control.evidence?.length ?? 0) > 0 || (control.guidance ?? '').length > 0,
        control.id,
      ).toBe(true);
      expect(
        control.mappings?.some((ref) => ref.startsWith('nist-sp-800-53-rev5#')),
        control.id,
      ).toBe(true);
      for (const ref of control.mappings ?? []) expect(library.has(ref), ref).toBe(true);
    }
    expect(library.alsoSatisfies('nist-sp-800-53-rev5#ac-7')).toContain('devops-baseline#DSB-08');
    expect(library.alsoSatisfies('devops-baseline#DSB-08')).toContain('owasp-asvs#V16.3.1');
  });
});

describe('OSCAL round trip', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const schema = JSON.parse(
    readFileSync(sharedFixture('oscal/schema/oscal_catalog_schema.json'), 'utf8'),
  ) as object;
  const validate = ajv.compile(schema);

  it('the bundled schema is the official OSCAL catalog schema', () => {
    const bundled = readFileSync(
      path.resolve('core/oscal/schema/oscal_catalog_schema.json'),
      'utf8',
    );
    expect(bundled).toBe(
      readFileSync(sharedFixture('oscal/schema/oscal_catalog_schema.json'), 'utf8'),
    );
  });

  it('import → export of the 800-53 catalog validates against the NIST schema and imports back unchanged', () => {
    const text = readFileSync(sharedFixture('oscal/NIST_SP-800-53_rev5_catalog.json'), 'utf8');
    const imported = importOscalCatalog(text, { catalogId: 'nist-sp-800-53-rev5' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    const exported = exportOscalCatalog(imported.value, {
      uuid: '6b1a3c9e-4f2d-4e8a-9b7c-1d2e3f4a5b6c',
      lastModified: '2026-11-26T12:00:00Z',
    });
    expect(validate(exported), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const again = importOscalCatalog(JSON.stringify(exported));
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    expect(again.value.id).toBe('nist-sp-800-53-rev5');
    expect(again.value.controls).toEqual(imported.value.controls);
    expect(again.value.groups).toEqual(imported.value.groups);
  });

  it('every shipped catalog exports as valid OSCAL and keeps mappings, levels, profiles and licence', () => {
    for (const catalog of catalogs) {
      const exported = exportOscalCatalog(catalog, {
        uuid: '6b1a3c9e-4f2d-4e8a-9b7c-1d2e3f4a5b6c',
        lastModified: '2026-11-26T12:00:00Z',
      });
      expect(
        validate(exported),
        `${catalog.id}: ${JSON.stringify(validate.errors?.slice(0, 2))}`,
      ).toBe(true);
      const again = importOscalCatalog(JSON.stringify(exported));
      if (!again.ok) throw new Error(JSON.stringify(again.errors));
      expect(again.value.controls).toEqual(catalog.controls);
      expect(again.value.profiles).toEqual(
        catalog.profiles.map(({ id, title, controlIds }) => ({ id, title, controlIds })),
      );
      expect(again.value.licence).toEqual({
        spdx: catalog.licence.spdx,
        name: catalog.licence.name,
        attribution: catalog.licence.attribution,
      });
    }
  });

  it('imports a resolved profile catalog (the HIGH baseline) as a catalog', () => {
    const text = readFileSync(
      sharedFixture('oscal/NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog-min.json'),
      'utf8',
    );
    const imported = importOscalCatalog(text, { fileName: 'high.json' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    expect(countCatalog(imported.value)).toMatchObject({ controls: 188, enhancements: 182 });
    expect(imported.value.sources[0]?.note).toContain('resolved profile catalog');
  });
});
