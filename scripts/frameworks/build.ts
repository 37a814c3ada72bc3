/**
 * Builds the shipped control catalogs (templates/frameworks/*.json) from their sources:
 * the official NIST OSCAL catalog and baseline profiles, the OWASP ASVS CSV export, and the
 * YAML files the Demo Ledger authors wrote. Every output records its source, version and licence.
 *
 *   npx tsx scripts/frameworks/build.ts
 *
 * A unit test rebuilds them in memory and compares, so the shipped files never drift from
 * their sources.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseCsv } from '../../core/catalog/csv';
import type {
  Catalog,
  CatalogControl,
  CatalogGroup,
  CatalogProfile,
} from '../../core/catalog/model';
import {
  CATALOG_FORMAT,
  Catalog as CatalogSchema,
  catalogIntegrityIssues,
  countCatalog,
} from '../../core/catalog/model';
import { FORMAT_IDS } from '../../core/evidence/model';
import { importOscalCatalog } from '../../core/oscal/catalog-import';
import { sha256Hex } from '../../core/util/hash';
import { sharedFixture } from '../../test/fixtures';

export const FRAMEWORKS_DIR = path.resolve(import.meta.dirname, '../../templates/frameworks');
const SOURCES = path.join(FRAMEWORKS_DIR, 'sources');

const NIST_CATALOG = {
  fixture: 'oscal/NIST_SP-800-53_rev5_catalog.json',
  repository: 'usnistgov/oscal-content',
  commit: 'a849dbca4649e0cc626fefdd46cf5232c8308f4c',
  path: 'nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json',
};

/** SP 800-53B baselines as published by NIST in OSCAL (profile files copied under sources/nist). */
const NIST_BASELINES = [
  { id: 'low', title: 'LOW impact baseline', commit: '0eaa4914d917a85e10cf62937f817ab71fb97ff9' },
  {
    id: 'moderate',
    title: 'MODERATE impact baseline',
    commit: '159073e8a8ca16b3f8fba695aa00018f12535719',
  },
  { id: 'high', title: 'HIGH impact baseline', commit: '1763607deb4ffb3d67c59dc669a7c6404a6f93a6' },
];

const ASVS = {
  file: 'owasp/OWASP_Application_Security_Verification_Standard_5.0.0_en.csv',
  repository: 'OWASP/ASVS',
  commit: '5cf9b032440be53ce345ab3c130fda46ba1ce7a2',
  path: '5.0/docs_en/OWASP_Application_Security_Verification_Standard_5.0.0_en.csv',
};

function finish(candidate: unknown): Catalog {
  const catalog = CatalogSchema.parse(candidate);
  const issues = catalogIntegrityIssues(catalog);
  if (issues.length > 0) throw new Error(`${catalog.id}: ${JSON.stringify(issues.slice(0, 5))}`);
  return catalog;
}

export function buildNist80053(): Catalog {
  const text = readFileSync(sharedFixture(NIST_CATALOG.fixture), 'utf8');
  const imported = importOscalCatalog(text, { catalogId: 'nist-sp-800-53-rev5' });
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 5)));
  const profileSources = NIST_BASELINES.map((baseline) => {
    const file = `NIST_SP-800-53_rev5_${baseline.id.toUpperCase()}-baseline_profile.json`;
    const profileText = readFileSync(path.join(SOURCES, 'nist', file), 'utf8');
    const profile = JSON.parse(profileText) as {
      profile: { imports: { 'include-controls': { 'with-ids': string[] }[] }[] };
    };
    const ids = profile.profile.imports.flatMap((entry) =>
      entry['include-controls'].flatMap((include) => include['with-ids']),
    );
    return { baseline, file, sha256: sha256Hex(profileText), ids };
  });
  return finish({
    ...imported.value,
    title:
      'NIST SP 800-53 Revision 5: Security and Privacy Controls for Information Systems and Organizations',
    shortTitle: 'NIST SP 800-53 Rev. 5',
    description:
      'The complete catalog of security and privacy controls and control enhancements of NIST Special Publication 800-53 Revision 5, with the LOW, MODERATE and HIGH baselines of SP 800-53B as profiles.',
    sources: [
      {
        name: 'NIST SP 800-53 Rev. 5 OSCAL catalog (content 5.0.1, OSCAL 1.0.0, published 2021-06-08)',
        repository: NIST_CATALOG.repository,
        commit: NIST_CATALOG.commit,
        path: NIST_CATALOG.path,
        sha256: sha256Hex(text),
      },
      ...profileSources.map(({ baseline, file, sha256 }) => ({
        name: `NIST SP 800-53B ${baseline.title} (OSCAL profile)`,
        repository: 'usnistgov/oscal-content',
        commit: baseline.commit,
        path: `nist.gov/SP800-53/rev5/json/${file}`,
        sha256,
      })),
    ],
    licence: {
      spdx: 'CC0-1.0',
      name: 'Public domain (work of the US Government); OSCAL content released under CC0 1.0',
      attribution: 'National Institute of Standards and Technology, Joint Task Force.',
    },
    profiles: profileSources.map(({ baseline, ids }) => ({
      id: baseline.id,
      title: baseline.title,
      source: 'NIST SP 800-53B',
      controlIds: ids,
    })),
  });
}

/** `Verify that input is decoded …` → `Input is decoded …`, shortened to fit a list row. */
export function asvsTitle(description: string): string {
  const sentence = description.replace(/^Verify that\s+/i, '').split(/(?<=[a-z)])\.\s/)[0] ?? '';
  const trimmed = sentence.replace(/\.$/, '');
  const short =
    trimmed.length <= 90 ? trimmed : `${trimmed.slice(0, trimmed.lastIndexOf(' ', 88))}…`;
  return short.charAt(0).toUpperCase() + short.slice(1);
}

export function buildAsvs(): Catalog {
  const text = readFileSync(path.join(SOURCES, ASVS.file), 'utf8');
  const { records, errors } = parseCsv(text);
  if (errors.length > 0) throw new Error(JSON.stringify(errors));
  const [header, ...rows] = records;
  const expected = 'chapter_id,chapter_name,section_id,section_name,req_id,req_description,L';
  if (header?.cells.join(',') !== expected) throw new Error('unexpected ASVS CSV header');
  const groups: CatalogGroup[] = [];
  const controls: CatalogControl[] = [];
  const seen = new Set<string>();
  const levels: Record<string, string[]> = { l1: [], l2: [], l3: [] };
  for (const { cells } of rows) {
    const [chapterId, chapter, sectionId, section, id, description, level] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!seen.has(chapterId)) {
      seen.add(chapterId);
      groups.push({ id: chapterId, label: chapterId, title: chapter, parentId: null });
    }
    if (!seen.has(sectionId)) {
      seen.add(sectionId);
      groups.push({ id: sectionId, label: sectionId, title: section, parentId: chapterId });
    }
    const grade = Number(level);
    controls.push({
      id,
      label: id,
      title: asvsTitle(description),
      parentId: null,
      groupId: sectionId,
      statement: { prose: description, items: [] },
      level: grade,
    });
    // ASVS levels are cumulative: a level-1 requirement applies at levels 1, 2 and 3.
    for (let target = grade; target <= 3; target += 1) levels[`l${target}`]?.push(id);
  }
  const profiles: CatalogProfile[] = [1, 2, 3].map((grade) => ({
    id: `l${grade}`,
    title: `Level ${grade}`,
    source: 'OWASP ASVS 5.0.0 requirement levels',
    controlIds: levels[`l${grade}`] ?? [],
  }));
  return finish({
    format: CATALOG_FORMAT,
    id: 'owasp-asvs',
    title: 'OWASP Application Security Verification Standard 5.0.0',
    shortTitle: 'OWASP ASVS 5.0',
    version: '5.0.0',
    description:
      'The OWASP Application Security Verification Standard 5.0.0 requirements with their levels. Requirement texts are unchanged; the short titles are shortened from them.',
    sources: [
      {
        name: 'OWASP ASVS 5.0.0 English CSV export',
        repository: ASVS.repository,
        commit: ASVS.commit,
        path: ASVS.path,
        sha256: sha256Hex(text),
      },
    ],
    licence: {
      spdx: 'CC-BY-SA-4.0',
      name: 'Creative Commons Attribution-ShareAlike 4.0 International',
      url: 'https://creativecommons.org/licenses/by-sa/4.0/',
      attribution:
        'OWASP Application Security Verification Standard 5.0.0, © OWASP Foundation, licensed under CC BY-SA 4.0. Converted to the Demo Ledger catalog format with titles shortened from the requirement texts; this adaptation is shared under the same licence.',
    },
    groups,
    controls,
    profiles,
  });
}

interface AuthoredControl {
  id: string;
  title: string;
  statement?: string;
  guidance?: string;
  /** Evidence format ids exactly as the evidence feature detects them (FORMAT_IDS). */
  evidence?: string[];
  mappings?: string[];
}

interface AuthoredCatalog {
  id: string;
  title: string;
  shortTitle?: string;
  version: string;
  description?: string;
  licence: Catalog['licence'];
  sources: Catalog['sources'];
  profiles?: { id: string; title: string; groups: string[] }[];
  groups: {
    id: string;
    title: string;
    parent?: string;
    controls?: ([string, string] | AuthoredControl)[];
  }[];
}

const DETECTED_FORMATS: ReadonlySet<string> = new Set(FORMAT_IDS);

/**
 * A control's evidence formats must be ids the evidence feature detects, so "which formats can
 * demonstrate this control" and the format of an attached file are one vocabulary.
 */
function evidenceFormats(file: string, control: AuthoredControl): string[] {
  const formats = control.evidence ?? [];
  const unknown = formats.filter((format) => !DETECTED_FORMATS.has(format));
  if (unknown.length > 0)
    throw new Error(
      `${file}: ${control.id} names evidence formats the evidence feature does not detect: ${unknown.join(', ')}`,
    );
  return formats;
}

export function buildAuthored(file: string): Catalog {
  const source = parseYaml(
    readFileSync(path.join(SOURCES, 'authored', file), 'utf8'),
  ) as AuthoredCatalog;
  const controls: CatalogControl[] = [];
  const groupOf = new Map<string, string>();
  for (const group of source.groups) {
    for (const entry of group.controls ?? []) {
      const control: AuthoredControl = Array.isArray(entry)
        ? { id: entry[0], title: entry[1] }
        : entry;
      groupOf.set(control.id, group.parent ?? group.id);
      controls.push({
        id: control.id,
        label: control.id,
        title: control.title,
        parentId: null,
        groupId: group.id,
        statement: control.statement ? { prose: control.statement.trim(), items: [] } : null,
        ...(control.guidance ? { guidance: control.guidance.trim() } : {}),
        ...(control.evidence ? { evidence: evidenceFormats(file, control) } : {}),
        ...(control.mappings ? { mappings: control.mappings } : {}),
      });
    }
  }
  return finish({
    format: CATALOG_FORMAT,
    id: source.id,
    title: source.title,
    shortTitle: source.shortTitle,
    version: source.version,
    description: source.description,
    sources: source.sources,
    licence: source.licence,
    groups: source.groups.map((group) => ({
      id: group.id,
      label: group.id,
      title: group.title,
      parentId: group.parent ?? null,
    })),
    controls,
    profiles: (source.profiles ?? []).map((profile) => ({
      id: profile.id,
      title: profile.title,
      controlIds: controls
        .filter((control) => profile.groups.includes(groupOf.get(control.id) ?? ''))
        .map((control) => control.id),
    })),
  });
}

export function buildAllFrameworks(): Catalog[] {
  return [
    buildNist80053(),
    buildAsvs(),
    buildAuthored('iso-27001-2022.yaml'),
    buildAuthored('soc2-tsc.yaml'),
    buildAuthored('devops-baseline.yaml'),
  ];
}

export interface ManifestEntry {
  id: string;
  title: string;
  shortTitle: string;
  version: string;
  licence: string;
  file: string;
  counts: ReturnType<typeof countCatalog>;
  profiles: { id: string; title: string }[];
}

export function manifestOf(catalogs: readonly Catalog[]): ManifestEntry[] {
  return catalogs.map((catalog) => ({
    id: catalog.id,
    title: catalog.title,
    shortTitle: catalog.shortTitle ?? catalog.title,
    version: catalog.version,
    licence: catalog.licence.spdx,
    file: `${catalog.id}.json`,
    counts: countCatalog(catalog),
    profiles: catalog.profiles.map((profile) => ({ id: profile.id, title: profile.title })),
  }));
}

/** Compact JSON: provenance fields come first in every file, so `head` shows them. */
export function serialise(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const catalogs = buildAllFrameworks();
  for (const catalog of catalogs)
    writeFileSync(path.join(FRAMEWORKS_DIR, `${catalog.id}.json`), serialise(catalog));
  writeFileSync(
    path.join(FRAMEWORKS_DIR, 'manifest.json'),
    `${JSON.stringify(manifestOf(catalogs), null, 2)}\n`,
  );
  for (const entry of manifestOf(catalogs)) console.log(entry.file, entry.version, entry.counts);
}
