import { z } from 'zod';
import { canonicalJson } from '../audit/canonical';
import { sha256Hex } from '../util/hash';

/**
 * A finding's fingerprint: the one identity shared by the evidence parsers (which compute it),
 * scan comparison (new / fixed / unchanged findings) and security issues (deduplication and
 * verification by later evidence).
 *
 * Form: `<tool>:<sha256>` — the tool family in lower case, which is the evidence format id
 * (`zap`, `sarif`, `trivy` …, the same for every file format of one tool, so a ZAP XML and a ZAP
 * JSON report agree), a colon, then the
 * SHA-256 (lower-case hex) of the canonical JSON (RFC 8785 style, see core/audit/canonical.ts) of
 * the finding's identifying fields. Identifying fields are what stays the same while the problem
 * stays unfixed: never timestamps, scan ids, counts, ordering or free-text descriptions. For
 * example ZAP: `{ site, alertRef }` (the site's `name` and the alert's `alertRef`, else its
 * `pluginid`); SARIF: `{ ruleId, uri, fingerprint }` with the result's own `fingerprints` or
 * `partialFingerprints` when present (partial first: it survives line moves), else
 * `{ ruleId, uri, startLine, snippet }`; by default `{ kind, rule, location, component }`.
 * Each parser names its identity where it calls `SummaryBuilder.addFinding`.
 */
export const FINGERPRINT = /^[a-z0-9][a-z0-9-]{0,31}:[0-9a-f]{64}$/;

export const Fingerprint = z
  .string()
  .regex(FINGERPRINT, 'expected a finding fingerprint like zap:<64 hex digits>');
export type Fingerprint = z.infer<typeof Fingerprint>;

const TOOL = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** The identifying fields of a finding, by name (see above). */
export type FingerprintIdentity = Readonly<Record<string, string | number | null>>;

/**
 * Forms the fingerprint of a finding from its tool family and identifying fields. The evidence
 * parsers call it (through SummaryBuilder.addFinding, with the evidence format id as the tool
 * family), so what issues store and what later evidence contains are the same strings.
 */
export function findingFingerprint(tool: string, identity: FingerprintIdentity): Fingerprint {
  if (!TOOL.test(tool)) throw new RangeError(`not a tool name for a fingerprint: ${tool}`);
  return `${tool}:${sha256Hex(canonicalJson(identity))}`;
}

/** The tool family a fingerprint belongs to (`zap` for `zap:…`). */
export function fingerprintTool(fingerprint: Fingerprint): string {
  return fingerprint.slice(0, fingerprint.indexOf(':'));
}
