import type { ByteChunks } from '../bytes';
import {
  SummaryBuilder,
  isoDate,
  list,
  numberOrNull,
  record,
  severityFromScore,
  severityFromWord,
  shorten,
  text,
} from '../builder';
import type { EvidenceSummary, Severity } from '../model';
import { SEVERITIES } from '../model';
import { readJson } from '../json';
import type { Spdx2Package } from './spdx';
import { addSpdxPackages, readSpdx3, readSpdxTagValue } from './spdx';

/**
 * SBOMs: CycloneDX JSON (components, nested components, and vulnerabilities when the BOM is a
 * VEX/VDR from Trivy, Grype or Dependency-Track) and SPDX JSON (packages, the described root
 * excluded). Component keys leave out the version, so comparisons recognise upgrades.
 */

function licenseNames(value: unknown): string[] {
  return list(value)
    .map((entry) => {
      const item = record(entry);
      const license = record(item['license']);
      return text(license['id']) || text(license['name']) || text(item['expression']);
    })
    .filter(Boolean);
}

export async function parseCycloneDx(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('cyclonedx');
  summary.enableComponents();
  const labels = new Map<string, string>();
  const addComponent = (raw: unknown): void => {
    const component = record(raw);
    const group = text(component['group']);
    const name = group ? `${group}/${text(component['name'])}` : text(component['name']);
    const version = text(component['version']);
    summary.addComponent({
      name,
      version,
      type: text(component['type']) || null,
      purl: text(component['purl']) || null,
      licenses: licenseNames(component['licenses']),
    });
    const ref = text(component['bom-ref']);
    if (ref && labels.size < 500_000) labels.set(ref, `${name}@${version}`);
    for (const child of list(component['components'])) addComponent(child);
  };
  let specVersion = '';
  await readJson(chunks, {
    paths: ['$.specVersion', '$.metadata', '$.components.*', '$.vulnerabilities.*'],
    onValue(path, value) {
      const [field] = path;
      if (field === 'specVersion') specVersion = text(value);
      else if (field === 'metadata') {
        const metadata = record(value);
        summary.producedAt = isoDate(metadata['timestamp']);
        const root = record(metadata['component']);
        if (text(root['name']))
          summary.target = `${text(root['name'])}${text(root['version']) ? `@${text(root['version'])}` : ''}`;
        const tools = metadata['tools'];
        const tool = record(Array.isArray(tools) ? tools[0] : list(record(tools)['components'])[0]);
        summary.setTool(text(tool['name']) || text(tool['vendor']), text(tool['version']));
      } else if (field === 'components') addComponent(value);
      else if (field === 'vulnerabilities') {
        summary.enableFindings();
        const vulnerability = record(value);
        const id = text(vulnerability['id']);
        const ratings = list(vulnerability['ratings']).map(record);
        const severity = worstSeverity(
          ratings.map((rating) => {
            const word = severityFromWord(text(rating['severity']));
            return word === 'unknown' ? severityFromScore(numberOrNull(rating['score'])) : word;
          }),
        );
        const affected = list(vulnerability['affects']).map((entry) => text(record(entry)['ref']));
        const component = affected.map((ref) => labels.get(ref) ?? ref).join(', ');
        summary.addFinding({
          kind: 'vulnerability',
          rule: id,
          title: shorten(
            text(vulnerability['description']) || text(vulnerability['detail']) || id,
            200,
          ),
          severity,
          location: component || id,
          component: component || null,
          message: text(record(vulnerability['analysis'])['state']) || null,
          identity: { kind: 'vulnerability', id, packages: component.replace(/@[^,]*/g, '') },
        });
      }
    },
  });
  summary.variant = `CycloneDX ${specVersion}`.trim();
  return summary.build();
}

export function worstSeverity(severities: readonly Severity[]): Severity {
  const order = SEVERITIES;
  let best: Severity = 'unknown';
  for (const severity of severities) {
    if (
      best === 'unknown' ||
      (severity !== 'unknown' && order.indexOf(severity) < order.indexOf(best))
    )
      best = severity;
  }
  return best;
}

const MAX_SPDX_PACKAGES = 1_000_000;

export async function parseSpdx(chunks: ByteChunks, variant = ''): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('spdx');
  summary.enableComponents();
  if (variant === 'SPDX 3' || variant === 'tag-value') {
    await (variant === 'SPDX 3' ? readSpdx3 : readSpdxTagValue)(chunks, summary);
    return summary.build();
  }
  const packages: Spdx2Package[] = [];
  const described = new Set<string>();
  let files = 0;
  await readJson(chunks, {
    paths: [
      '$.spdxVersion',
      '$.name',
      '$.creationInfo',
      '$.documentDescribes.*',
      '$.packages.*',
      '$.files.*',
      '$.relationships.*',
    ],
    onValue(path, value) {
      const [field] = path;
      if (field === 'spdxVersion') summary.variant = text(value).replace('-', ' ');
      else if (field === 'name') summary.target = text(value);
      else if (field === 'creationInfo') {
        const info = record(value);
        summary.producedAt = isoDate(info['created']);
        const tool = list(info['creators'])
          .map(text)
          .find((creator) => creator.startsWith('Tool:'));
        if (tool) {
          const [name = '', version = ''] = tool
            .slice(5)
            .trim()
            .split(/-(?=\d)/);
          summary.setTool(name, version);
        }
      } else if (field === 'documentDescribes') described.add(text(value));
      else if (field === 'relationships') {
        const relationship = record(value);
        if (
          text(relationship['relationshipType']) === 'DESCRIBES' &&
          text(relationship['spdxElementId']) === 'SPDXRef-DOCUMENT'
        ) {
          described.add(text(relationship['relatedSpdxElement']));
        }
      } else if (field === 'files') files += 1;
      else if (field === 'packages' && packages.length < MAX_SPDX_PACKAGES) {
        const item = record(value);
        const purl = list(item['externalRefs'])
          .map(record)
          .find((ref) => text(ref['referenceType']) === 'purl');
        packages.push({
          id: text(item['SPDXID']),
          name: text(item['name']),
          version: text(item['versionInfo']),
          purl: purl ? text(purl['referenceLocator']) : null,
          license: text(item['licenseConcluded']) || text(item['licenseDeclared']),
          advisories: list(item['externalRefs'])
            .map(record)
            .filter(
              (ref) =>
                text(ref['referenceCategory']) === 'SECURITY' &&
                text(ref['referenceType']) === 'advisory',
            )
            .map((ref) => text(ref['referenceLocator']))
            .filter(Boolean),
        });
      }
    },
  });
  addSpdxPackages(summary, packages, described);
  summary.details['files'] = files;
  summary.variant ||= 'SPDX';
  return summary.build();
}
