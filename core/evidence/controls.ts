import type { ControlRef } from '../model/refs';
import type { EvidenceSummary, Finding, FindingKind, FormatId } from './model';

/**
 * Which controls a piece of evidence speaks to, as data: by format (what the tool demonstrates
 * when it runs at all) and by the kinds of findings it reports. References use the shared
 * `<catalogId>#<controlId>` form; the catalog ids match those the control catalogs use.
 */

export const NIST_800_53 = 'nist-sp-800-53-rev5';

function nist(controlId: string): ControlRef {
  return `${NIST_800_53}#${controlId}`;
}

export interface ControlSuggestion {
  ref: ControlRef;
  /** Why this control is suggested, shown next to it. */
  reason: string;
}

interface Mapping {
  controls: readonly string[];
  reason: string;
}

export const FORMAT_CONTROLS: Partial<Record<FormatId, Mapping>> = {
  junit: { controls: ['sa-11'], reason: 'Automated tests run in the pipeline (developer testing)' },
  cucumber: {
    controls: ['sa-11', 'ca-8'],
    reason: 'Security scenarios (Gauntlt-style attacks) run as tests',
  },
  sarif: { controls: ['sa-11', 'sa-11.1', 'ra-5'], reason: 'Static code analysis' },
  zap: { controls: ['sa-11', 'sa-11.8', 'ra-5'], reason: 'Dynamic application security testing' },
  nmap: {
    controls: ['cm-7', 'ra-5', 'sc-7'],
    reason: 'Network scan: only expected ports and services exposed',
  },
  trivy: { controls: ['ra-5', 'si-2'], reason: 'Vulnerability scan of images and dependencies' },
  grype: { controls: ['ra-5', 'si-2'], reason: 'Vulnerability scan of images and dependencies' },
  xeol: {
    controls: ['sa-22', 'cm-8'],
    reason: 'End-of-life scan: unsupported components in images and dependencies',
  },
  'npm-audit': { controls: ['ra-5', 'si-2'], reason: 'Dependency vulnerability audit' },
  cyclonedx: {
    controls: ['cm-8', 'sr-4'],
    reason: 'Software bill of materials (component inventory)',
  },
  spdx: { controls: ['cm-8', 'sr-4'], reason: 'Software bill of materials (component inventory)' },
  'npm-manifest': { controls: ['cm-8'], reason: 'Declared software components' },
  xccdf: { controls: ['cm-6', 'ca-7'], reason: 'Configuration baseline checked (SCAP)' },
  arf: { controls: ['cm-6', 'ca-7'], reason: 'Configuration baseline checked (SCAP)' },
  lynis: { controls: ['cm-6', 'ra-5'], reason: 'Host hardening audit' },
  inspec: { controls: ['cm-6', 'ca-7'], reason: 'Compliance profile checked (InSpec)' },
  hdf: { controls: ['ca-7'], reason: 'Security results in the Heimdall Data Format' },
  sslscan: { controls: ['sc-8', 'sc-13'], reason: 'TLS configuration scan' },
  testssl: { controls: ['sc-8', 'sc-13'], reason: 'TLS configuration scan' },
  'ci-log': { controls: ['sa-10', 'cm-3'], reason: 'Pipeline run record' },
  puppet: {
    controls: ['cm-2', 'cm-3', 'cm-6'],
    reason: 'Configuration management run: desired state enforced, changes recorded',
  },
  'chef-infra': {
    controls: ['cm-2', 'cm-3', 'cm-6'],
    reason: 'Configuration management run: desired state enforced, changes recorded',
  },
  aide: { controls: ['si-7', 'cm-3'], reason: 'File integrity check' },
  tripwire: { controls: ['si-7', 'cm-3'], reason: 'File integrity check' },
  ossec: {
    controls: ['si-7', 'si-4', 'au-6'],
    reason: 'Host intrusion detection: file integrity monitoring and alerts',
  },
  chart: {
    controls: ['au-6', 'si-4'],
    reason: 'Security telemetry reviewed (audit record review, system monitoring)',
  },
};

export const FINDING_CONTROLS: Record<FindingKind, Mapping> = {
  weakness: { controls: ['sa-11', 'si-10'], reason: 'Code weaknesses found' },
  vulnerability: { controls: ['ra-5', 'si-2'], reason: 'Known vulnerabilities found' },
  secret: { controls: ['ia-5', 'sc-28'], reason: 'Secrets found in code or images' },
  misconfiguration: { controls: ['cm-6'], reason: 'Misconfigurations found' },
  alert: { controls: ['ra-5', 'si-10'], reason: 'Web application alerts' },
  tls: { controls: ['sc-8', 'sc-13'], reason: 'TLS weaknesses found' },
  port: { controls: ['cm-7', 'sc-7'], reason: 'Unexpected network exposure' },
  hardening: { controls: ['cm-6', 'cm-7'], reason: 'Hardening gaps found' },
  license: { controls: ['cm-10'], reason: 'Licences that restrict use found' },
  'end-of-life': {
    controls: ['sa-22', 'si-2'],
    reason: 'Unsupported (end-of-life) components found',
  },
};

/** The controls one finding speaks to (by its kind): what an issue raised from it is linked to. */
export function controlsForFinding(finding: Pick<Finding, 'kind'>): ControlRef[] {
  return FINDING_CONTROLS[finding.kind].controls.map(nist);
}

/**
 * Catalogs that name, per control, the evidence formats that demonstrate it (the DevOps
 * baseline does, with these format ids): `ControlLibrary` answers this.
 */
export interface EvidenceFormatCatalogs {
  demonstratedBy(
    format: string,
  ): readonly { ref: ControlRef; title: string; catalogTitle: string }[];
  /** Controls in other catalogs a control maps to, both ways (ControlLibrary#alsoSatisfies). */
  alsoSatisfies?(ref: ControlRef): readonly ControlRef[];
}

/**
 * Suggested control references for a summary, most specific reason first, without duplicates:
 * by the kinds of findings, by the format, then the controls loaded catalogs name this format
 * as evidence for.
 */
export function suggestControls(
  summary: Pick<EvidenceSummary, 'format' | 'findings'>,
  catalogs?: EvidenceFormatCatalogs,
): ControlSuggestion[] {
  const suggestions = new Map<ControlRef, string>();
  const add = (mapping: Mapping | undefined): void => {
    for (const control of mapping?.controls ?? []) {
      const ref = nist(control);
      if (!suggestions.has(ref)) suggestions.set(ref, mapping?.reason ?? '');
    }
  };
  const kinds = new Set((summary.findings?.items ?? []).map((finding) => finding.kind));
  for (const kind of [...kinds].sort()) add(FINDING_CONTROLS[kind]);
  add(FORMAT_CONTROLS[summary.format]);
  for (const control of catalogs?.demonstratedBy(summary.format) ?? []) {
    if (!suggestions.has(control.ref))
      suggestions.set(control.ref, `${control.catalogTitle}: ${control.title}`);
  }
  return [...suggestions].map(([ref, reason]) => ({ ref, reason }));
}

/**
 * Every control a file can demonstrate, by meaning: the controls suggested for it (by the kinds
 * of its findings, its format, and the catalog controls that name its format as evidence, like
 * the DevOps baseline's), and the controls those catalog controls map to (DSB-02, static
 * analysis, maps to SA-11(1) and SA-15). A file that could not be read demonstrates nothing.
 */
export function demonstrableControls(
  summary: Pick<EvidenceSummary, 'format' | 'findings'> | null,
  catalogs?: EvidenceFormatCatalogs,
): Set<ControlRef> {
  if (summary === null) return new Set();
  const refs = new Set(suggestControls(summary, catalogs).map((suggestion) => suggestion.ref));
  for (const named of catalogs?.demonstratedBy(summary.format) ?? [])
    for (const mapped of catalogs?.alsoSatisfies?.(named.ref) ?? []) refs.add(mapped);
  return refs;
}

/**
 * Of `candidates` (an agenda item's controls), the ones a file can demonstrate, in their order:
 * what a file dropped on the item is linked to. A SAST report on an item with a key-management
 * control and a code-analysis control is linked to the second only.
 */
export function controlsDemonstrated(
  summary: Pick<EvidenceSummary, 'format' | 'findings'> | null,
  candidates: readonly ControlRef[],
  catalogs?: EvidenceFormatCatalogs,
): ControlRef[] {
  const demonstrable = demonstrableControls(summary, catalogs);
  return [...new Set(candidates)].filter((ref) => demonstrable.has(ref));
}
