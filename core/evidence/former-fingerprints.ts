import type { Fingerprint } from '../model/fingerprint';
import { findingFingerprint } from '../model/fingerprint';
import type { Finding } from './model';

/**
 * Fingerprints as earlier readers formed them, frozen here so that what was stored under them
 * (security issues raised from a finding) can be carried over to today's fingerprint. Never
 * edited: a later change of rule adds its own function. Today's rule is core/evidence/fingerprints.ts.
 *
 * Before reader version 2 of ZAP and Nmap:
 * - ZAP alerts without `alertRef` were `{site, alertRef: pluginId || name}`, so every alert of
 *   one plugin shared one fingerprint;
 * - every exploit reference of Nmap's vulners script was a finding of its own, fingerprinted like
 *   any Nmap finding by `{kind, rule, location, component}` with its id as the rule.
 */
export function fingerprintsBeforeVersion2(finding: Finding): Fingerprint[] {
  const tool = finding.fingerprint.slice(0, finding.fingerprint.indexOf(':'));
  const identity = finding.identity;
  if (tool === 'zap' && identity && 'pluginId' in identity) {
    const site = identity['site'] ?? '';
    const alertRef = identity['pluginId'] || identity['name'] || '';
    return [findingFingerprint('zap', { site, alertRef })];
  }
  if (tool === 'nmap')
    return (finding.exploits?.items ?? []).map((reference) =>
      findingFingerprint('nmap', {
        kind: finding.kind,
        rule: reference.id,
        location: finding.location,
        component: finding.component,
      }),
    );
  return [];
}

/** What the issue says about the finding it was raised from. */
export interface RaisedFrom {
  fingerprint: string;
  ruleId?: string | undefined;
  location?: string | undefined;
}

export type Successor =
  | { kind: 'unchanged' }
  | { kind: 'moved'; fingerprint: Fingerprint; title: string; candidates: number }
  | { kind: 'not-found' };

/**
 * Today's fingerprint of the finding an issue was raised from, given the findings the same file
 * yields today. Unchanged when the file still has the fingerprint; else the findings whose former
 * fingerprint it was, narrowed by the rule and location the issue recorded; when several remain
 * (a ZAP plugin's alerts at one URI, an exploit listed for two CVEs of one score) the first in
 * the file's order, and `candidates` says how many there were.
 */
export function successorOf(
  raised: RaisedFrom,
  findings: readonly Finding[],
  former: (finding: Finding) => readonly string[] = fingerprintsBeforeVersion2,
): Successor {
  if (findings.some((finding) => finding.fingerprint === raised.fingerprint))
    return { kind: 'unchanged' };
  const candidates = findings.filter((finding) => former(finding).includes(raised.fingerprint));
  const same = candidates.filter(
    (finding) =>
      (raised.location === undefined || finding.location === raised.location) &&
      (raised.ruleId === undefined || finding.rule === raised.ruleId),
  );
  const chosen = (same.length > 0 ? same : candidates)[0];
  if (chosen === undefined) return { kind: 'not-found' };
  return {
    kind: 'moved',
    fingerprint: chosen.fingerprint,
    title: chosen.title,
    candidates: same.length > 0 ? same.length : candidates.length,
  };
}
