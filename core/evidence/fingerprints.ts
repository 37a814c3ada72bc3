import type { FingerprintIdentity } from '../model/fingerprint';
import type { FormatId } from './model';

/**
 * What identifies a finding, per format: the one list of identifying fields. `SummaryBuilder`
 * refuses an identity whose fields are not declared here for its format, and the README's table
 * of fingerprint fields is written from it (`fingerprintFieldsTable`, checked by a test), so the
 * parsers, this list and the documentation cannot disagree. The fingerprint itself is formed by
 * `findingFingerprint` (core/model/fingerprint.ts).
 */
export interface IdentityShape {
  readonly fields: readonly string[];
  /** When this shape applies, for formats with more than one (Markdown, one line). */
  readonly when: string;
}

/** The identity of a finding whose parser names none. */
export const DEFAULT_IDENTITY: IdentityShape = {
  fields: ['kind', 'rule', 'location', 'component'],
  when: 'the finding’s kind, rule, location and component as listed',
};

export const FINGERPRINT_FIELDS: Readonly<Partial<Record<FormatId, readonly IdentityShape[]>>> = {
  zap: [
    { fields: ['site', 'alertRef'], when: 'the alert has an `alertRef`' },
    {
      fields: ['site', 'pluginId', 'name', 'uri', 'param'],
      when: 'older reports without `alertRef`; `uri` and `param` are the alert item’s own (reports with one item per URI), empty when the item groups instances',
    },
  ],
  sarif: [
    {
      fields: ['ruleId', 'uri', 'fingerprint'],
      when: 'the result has `partialFingerprints` (preferred) or `fingerprints`',
    },
    { fields: ['ruleId', 'uri', 'startLine', 'snippet'], when: 'the result has neither' },
  ],
  nmap: [
    {
      fields: DEFAULT_IDENTITY.fields,
      when: 'one per CVE per port: `rule` the CVE, `location` host:port/protocol, `component` product@version; exploit references are attached, not fingerprinted',
    },
  ],
  metasploit: [
    {
      fields: ['record', 'host', 'port', 'proto', 'name'],
      when: 'vulnerabilities (`record` is `vulnerability`), per host, port and vulnerability name',
    },
    {
      fields: ['record', 'host', 'port', 'exploit', 'type'],
      when: 'sessions opened, per host, port, exploit module and session type',
    },
    {
      fields: ['record', 'host', 'port', 'type', 'user'],
      when: 'credentials, per host, port, type and user (never the secret)',
    },
    {
      fields: ['record', 'url', 'name', 'parameter', 'method'],
      when: 'web vulnerabilities, per URL, name, parameter and method',
    },
  ],
  sslscan: [DEFAULT_IDENTITY],
  testssl: [{ fields: ['id', 'location'], when: 'the row’s id and host:port' }],
  trivy: [
    { fields: ['kind', 'id', 'package', 'target'], when: 'vulnerabilities' },
    { fields: ['kind', 'id', 'target', 'message'], when: 'misconfigurations' },
    { fields: ['kind', 'name', 'package', 'file', 'target'], when: 'licenses' },
    { fields: ['kind', 'id', 'target', 'match'], when: 'secrets' },
  ],
  grype: [{ fields: ['kind', 'id', 'package', 'type'], when: 'each match' }],
  xeol: [{ fields: ['kind', 'product', 'release', 'package', 'type'], when: 'each match' }],
  'npm-audit': [
    { fields: ['kind', 'advisory', 'package'], when: 'npm 6 advisories' },
    { fields: ['kind', 'package'], when: 'npm 7 and later (one entry per package)' },
  ],
  cyclonedx: [{ fields: ['kind', 'id', 'packages'], when: 'each vulnerability' }],
  spdx: [
    { fields: ['kind', 'id', 'packages'], when: 'vulnerabilities of SPDX 3' },
    { fields: ['kind', 'id', 'package'], when: 'security references of SPDX 2' },
  ],
  lynis: [{ fields: ['type', 'testId', 'message'], when: 'warnings and suggestions' }],
  ossec: [{ fields: ['ruleId', 'host', 'location'], when: 'each alert' }],
};

function sameFields(identity: FingerprintIdentity, fields: readonly string[]): boolean {
  const keys = Object.keys(identity);
  return keys.length === fields.length && fields.every((field) => field in identity);
}

/**
 * The identity a finding is fingerprinted by: the one the parser names, which must have the
 * fields of one of its format's declared shapes, else the default fields. A named identity of an
 * undeclared shape is a programming error (the README would no longer say what identifies the
 * finding), so it throws.
 */
export function findingIdentity(
  format: FormatId,
  named: FingerprintIdentity | undefined,
  listed: { kind: string; rule: string; location: string; component: string | null },
): FingerprintIdentity {
  if (named === undefined)
    return {
      kind: listed.kind,
      rule: listed.rule,
      location: listed.location,
      component: listed.component,
    };
  const identity = named;
  const shapes = FINGERPRINT_FIELDS[format] ?? [DEFAULT_IDENTITY];
  if (!shapes.some((shape) => sameFields(identity, shape.fields)))
    throw new RangeError(
      `${format} findings are not fingerprinted by {${Object.keys(identity).join(', ')}}: declare the fields in core/evidence/fingerprints.ts`,
    );
  return identity;
}

/** The README's table of fingerprint fields, one row per shape. */
export function fingerprintFieldsTable(): string {
  const rows = Object.entries(FINGERPRINT_FIELDS).flatMap(([format, shapes]) =>
    shapes.map(
      (shape) =>
        `| \`${format}\` | ${shape.fields.map((field) => `\`${field}\``).join(', ')} | ${shape.when} |`,
    ),
  );
  return [
    '| Format | Fingerprint fields | When |',
    '|---|---|---|',
    ...rows,
    `| any other | ${DEFAULT_IDENTITY.fields.map((field) => `\`${field}\``).join(', ')} | ${DEFAULT_IDENTITY.when} |`,
  ].join('\n');
}
