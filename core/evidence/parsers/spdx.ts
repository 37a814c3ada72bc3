import type { ByteChunks } from '../bytes';
import { textLines } from '../bytes';
import type { SummaryBuilder } from '../builder';
import {
  isoDate,
  list,
  record,
  severityFromScore,
  severityFromWord,
  shorten,
  text,
} from '../builder';
import type { Severity } from '../model';
import { readJson } from '../json';

/**
 * SPDX beyond 2.x JSON: SPDX 3 (JSON-LD, one `@graph` of typed elements: packages become
 * components; vulnerabilities become findings, rated by their assessment relationships) and
 * SPDX 2 tag-value (`PackageName:` blocks). The root the document describes is left out, as
 * for SPDX 2 JSON.
 */

const MAX_KEPT = 1_000_000;

interface Spdx3Package {
  id: string;
  name: string;
  version: string;
  purl: string | null;
}

export async function readSpdx3(chunks: ByteChunks, summary: SummaryBuilder): Promise<void> {
  summary.variant = 'SPDX 3';
  const packages: Spdx3Package[] = [];
  const roots = new Set<string>();
  const vulnerabilities = new Map<string, { name: string; description: string }>();
  const severities = new Map<string, Severity>();
  const affected = new Map<string, string[]>();
  let elements = 0;
  await readJson(chunks, {
    paths: ['$.spdxVersion', '$.@graph.*'],
    onValue(path, value) {
      if (path[0] === 'spdxVersion') {
        summary.variant = text(value).replace('-', ' ');
        return;
      }
      elements += 1;
      const element = record(value);
      const type = text(element['type']) || text(element['@type']);
      const id = text(element['spdxId']) || text(element['@id']);
      if (type === 'software_Package' && packages.length < MAX_KEPT) {
        const purl =
          text(element['software_packageUrl']) ||
          list(element['externalIdentifier'])
            .map(record)
            .filter((entry) => text(entry['externalIdentifierType']) === 'packageUrl')
            .map((entry) => text(entry['identifier']))[0] ||
          null;
        packages.push({
          id,
          name: text(element['name']),
          version: text(element['software_packageVersion']),
          purl,
        });
      } else if (type === 'SpdxDocument') {
        for (const root of list(element['rootElement'])) roots.add(text(root));
      } else if (type === 'CreationInfo') {
        summary.producedAt ??= isoDate(element['created']);
      } else if (type === 'security_Vulnerability' && vulnerabilities.size < MAX_KEPT) {
        vulnerabilities.set(id, {
          name: text(element['name']),
          description: text(element['description']) || text(element['summary']),
        });
      } else if (type.endsWith('VulnAssessmentRelationship')) {
        const from = text(element['from']);
        const severity = severityFromWord(text(element['security_severity']));
        const rated =
          severity === 'unknown' ? severityFromScore(Number(element['security_score'])) : severity;
        if (rated !== 'unknown') severities.set(from, rated);
      } else if (type === 'Relationship' && text(element['relationshipType']) === 'affects') {
        const from = text(element['from']);
        const to = list(element['to']).map(text);
        if (affected.size < MAX_KEPT) affected.set(from, [...(affected.get(from) ?? []), ...to]);
      }
    },
  });
  const labels = new Map(packages.map((item) => [item.id, `${item.name}@${item.version}`]));
  for (const item of packages) {
    if (roots.has(item.id)) continue;
    summary.addComponent({
      name: item.name,
      version: item.version,
      type: null,
      purl: item.purl,
      licenses: [],
    });
  }
  if (vulnerabilities.size > 0) summary.enableFindings();
  for (const [id, vulnerability] of vulnerabilities) {
    const components = (affected.get(id) ?? []).map((ref) => labels.get(ref) ?? ref).join(', ');
    const rule = vulnerability.name || id;
    summary.addFinding({
      kind: 'vulnerability',
      rule,
      title: shorten(vulnerability.description || rule, 200),
      severity: severities.get(id) ?? 'unknown',
      location: components || rule,
      component: components || null,
      message: null,
      identity: { kind: 'vulnerability', id: rule, packages: components.replace(/@[^,]*/g, '') },
    });
  }
  summary.details['elements'] = elements;
  summary.details['packages'] = packages.length;
}

export interface Spdx2Package {
  id: string;
  name: string;
  version: string;
  purl: string | null;
  license: string;
  /** `SECURITY advisory` references: advisories that concern the package. */
  advisories: string[];
}

/** SPDX 2 tag-value: `Tag: value` lines, each package starting at `PackageName:`. */
export async function readSpdxTagValue(chunks: ByteChunks, summary: SummaryBuilder): Promise<void> {
  summary.variant = 'SPDX tag-value';
  const state: { current: Spdx2Package | null } = { current: null };
  const described = new Set<string>();
  const packages: Spdx2Package[] = [];
  const flush = (): void => {
    if (state.current && packages.length < MAX_KEPT) packages.push(state.current);
    state.current = null;
  };
  for await (const line of textLines(chunks)) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const tag = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (tag === 'SPDXVersion') summary.variant = `${value.replace('-', ' ')} tag-value`;
    else if (tag === 'DocumentName') summary.target = value;
    else if (tag === 'Created') summary.producedAt = isoDate(value);
    else if (tag === 'Creator' && value.startsWith('Tool:')) {
      const [name = '', version = ''] = value
        .slice(5)
        .trim()
        .split(/-(?=\d)/);
      summary.setTool(name, version);
    } else if (tag === 'Relationship') {
      const [from, kind, to] = value.split(/\s+/);
      if (from === 'SPDXRef-DOCUMENT' && kind === 'DESCRIBES' && to) described.add(to);
    } else if (tag === 'PackageName') {
      flush();
      state.current = { id: '', name: value, version: '', purl: null, license: '', advisories: [] };
    } else if (state.current) {
      const current = state.current;
      if (tag === 'SPDXID') current.id = value;
      else if (tag === 'PackageVersion') current.version = value;
      else if (tag === 'PackageLicenseConcluded' || tag === 'PackageLicenseDeclared')
        current.license ||= value;
      else if (tag === 'ExternalRef') {
        const [category, type, locator] = value.split(/\s+/);
        if (category === 'PACKAGE-MANAGER' && type === 'purl' && locator) current.purl = locator;
        if (category === 'SECURITY' && type === 'advisory' && locator)
          current.advisories.push(locator);
      }
    }
  }
  flush();
  addSpdxPackages(summary, packages, described);
}

/** SPDX 2 packages as components, leaving out the root(s) the document describes. */
export function addSpdxPackages(
  summary: SummaryBuilder,
  packages: readonly Spdx2Package[],
  described: ReadonlySet<string>,
): void {
  for (const item of packages) {
    if (described.has(item.id)) continue;
    summary.addComponent({
      name: item.name,
      version: item.version,
      type: null,
      purl: item.purl,
      licenses: item.license && item.license !== 'NOASSERTION' ? [item.license] : [],
    });
    for (const advisory of item.advisories) addAdvisory(summary, item, advisory);
  }
  summary.details['packages'] = packages.length;
}

/**
 * An advisory an SPDX 2 package names (`SECURITY advisory <url>`): a vulnerability of that
 * package, named by the last part of the address (usually the CVE id). SPDX gives no severity.
 */
function addAdvisory(summary: SummaryBuilder, item: Spdx2Package, advisory: string): void {
  summary.enableFindings();
  const id = advisory.split('/').filter(Boolean).pop() ?? advisory;
  const component = `${item.name}@${item.version}`;
  summary.addFinding({
    kind: 'vulnerability',
    rule: id,
    title: shorten(`${id} in ${item.name}`, 200),
    severity: 'unknown',
    location: component,
    component,
    message: advisory,
    identity: { kind: 'vulnerability', id, package: item.name },
  });
}
