import type { ByteChunks } from '../bytes';
import { SummaryBuilder, isoDate, list, record, severityFromWord, shorten, text } from '../builder';
import type { EvidenceSummary } from '../model';
import { readJson } from '../json';

/**
 * Trivy JSON (vulnerabilities, misconfigurations, secrets, licences, packages) in its three shapes: the current report (`SchemaVersion` 2, `Results[]`), the
 * legacy one (a bare array of results, before schema 2) and `trivy k8s` (`ClusterName` with
 * per-resource results under `Resources` for `--report all`, under `Findings` for the default
 * `--report summary`, or under `Vulnerabilities` and `Misconfigurations` in older releases).
 * Every shape reads the same results, so a finding has one fingerprint whichever shape carried
 * it: a vulnerability's id and package, so an upgrade that still carries the CVE is the same
 * finding. In a cluster report the resource is part of the target, and a resource Trivy could
 * not scan (its `Error`) makes the scan incomplete: the cluster was not fully examined.
 */

export async function parseTrivy(chunks: ByteChunks, variant = ''): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('trivy');
  summary.enableFindings();
  summary.setTool('Trivy', '');
  const reader = new TrivyResults(summary);
  if (variant === 'legacy') {
    summary.variant = 'Trivy JSON (legacy, before schema 2)';
    await readJson(chunks, { paths: ['$.*'], onValue: (_path, value) => reader.add(value, '') });
  } else if (variant === 'k8s') {
    summary.variant = 'Trivy Kubernetes JSON';
    const resources = { count: 0, unscanned: 0, firstError: '' };
    await readJson(chunks, {
      paths: [
        '$.ClusterName',
        '$.Resources.*',
        '$.Findings.*',
        '$.Vulnerabilities.*',
        '$.Misconfigurations.*',
      ],
      onValue(path, value) {
        if (path[0] === 'ClusterName') {
          summary.target = text(value) || null;
          return;
        }
        if (path[0] === 'Findings') summary.variant = 'Trivy Kubernetes JSON (summary report)';
        resources.count += 1;
        const resource = record(value);
        const where = [resource['Namespace'], resource['Kind'], resource['Name']]
          .map(text)
          .filter(Boolean)
          .join('/');
        const error = text(resource['Error']);
        if (error) {
          resources.unscanned += 1;
          resources.firstError ||= `${where}: ${error}`;
        }
        for (const result of list(resource['Results'])) reader.add(result, where);
      },
    });
    summary.details['resources'] = resources.count;
    if (resources.unscanned > 0) {
      summary.details['unscannedResources'] = resources.unscanned;
      summary.scanIncomplete(
        `Trivy could not scan ${resources.unscanned} of ${resources.count} resources (${resources.firstError})`,
      );
    }
  } else {
    await readJson(chunks, {
      paths: [
        '$.SchemaVersion',
        '$.ArtifactName',
        '$.ArtifactType',
        '$.CreatedAt',
        '$.Results.*',
        '$.Metadata.OS',
      ],
      onValue(path, value) {
        const [field] = path;
        if (field === 'SchemaVersion') summary.variant = `Trivy JSON (schema ${text(value)})`;
        else if (field === 'ArtifactName') summary.target = text(value);
        else if (field === 'ArtifactType') summary.details['artifactType'] = text(value);
        else if (field === 'CreatedAt') summary.producedAt = isoDate(value);
        else if (field === 'Metadata') {
          const os = record(value);
          summary.details['os'] = `${text(os['Family'])} ${text(os['Name'])}`.trim();
        } else if (field === 'Results') reader.add(value, '');
      },
    });
    summary.variant ||= 'Trivy JSON';
  }
  if (reader.passedMisconfigurations > 0)
    summary.details['passedMisconfigurations'] = reader.passedMisconfigurations;
  return summary.build();
}

/** Reads one Trivy result (a target with its vulnerabilities, misconfigurations, secrets, packages). */
class TrivyResults {
  passedMisconfigurations = 0;

  constructor(private readonly summary: SummaryBuilder) {}

  add(value: unknown, resource: string): void {
    const result = record(value);
    const own = text(result['Target']);
    const target = resource && own ? `${resource}: ${own}` : resource || own;
    for (const raw of list(result['Vulnerabilities'])) this.vulnerability(record(raw), target);
    for (const raw of list(result['Misconfigurations'])) this.misconfiguration(record(raw), target);
    for (const raw of list(result['Secrets'])) this.secret(record(raw), target);
    for (const raw of list(result['Licenses'])) this.license(record(raw), target);
    for (const raw of list(result['Packages'])) {
      const item = record(raw);
      this.summary.addComponent({
        name: text(item['Name']),
        version: text(item['Version']),
        type: text(result['Type']) || null,
        purl: text(record(item['Identifier'])['PURL']) || null,
        licenses: list(item['Licenses']).map(text),
      });
    }
  }

  private vulnerability(vulnerability: Record<string, unknown>, target: string): void {
    const id = text(vulnerability['VulnerabilityID']);
    const name = text(vulnerability['PkgName']);
    const installed = text(vulnerability['InstalledVersion']);
    const fixed = text(vulnerability['FixedVersion']);
    if (!id)
      this.summary.note('Some vulnerabilities have no id; they are listed as "unidentified".');
    this.summary.addFinding({
      kind: 'vulnerability',
      rule: id || 'unidentified',
      title: shorten(text(vulnerability['Title']) || id || `Vulnerability in ${name}`, 200),
      severity: severityFromWord(text(vulnerability['Severity'])),
      location: target,
      component: `${name}@${installed}`,
      message: fixed ? `Fixed in ${fixed}` : text(vulnerability['Status']) || null,
      identity: { kind: 'vulnerability', id, package: name, target },
    });
  }

  private misconfiguration(misconfiguration: Record<string, unknown>, target: string): void {
    if (text(misconfiguration['Status']) === 'PASS') {
      this.passedMisconfigurations += 1;
      return;
    }
    const id = text(misconfiguration['ID']) || text(misconfiguration['AVDID']);
    const line = text(record(misconfiguration['CauseMetadata'])['StartLine']);
    const message = text(misconfiguration['Message']);
    this.summary.addFinding({
      kind: 'misconfiguration',
      rule: id,
      title: shorten(text(misconfiguration['Title']) || id, 200),
      severity: severityFromWord(text(misconfiguration['Severity'])),
      location: line ? `${target}:${line}` : target,
      component: null,
      message: message ? shorten(message) : null,
      identity: { kind: 'misconfiguration', id, target, message },
    });
  }

  /** Trivy's licence scanning: a licence it classifies (restricted, reciprocal …) with a severity. */
  private license(license: Record<string, unknown>, target: string): void {
    const name = text(license['Name']);
    const pkg = text(license['PkgName']);
    const file = text(license['FilePath']);
    const category = text(license['Category']);
    this.summary.addFinding({
      kind: 'license',
      rule: name || 'unknown licence',
      title: shorten(`${name} licence${category ? ` (${category})` : ''}`, 200),
      severity: severityFromWord(text(license['Severity'])),
      location: file || target,
      component: pkg || null,
      message: text(license['Link']) || null,
      identity: { kind: 'license', name, package: pkg, file, target },
    });
  }

  private secret(secret: Record<string, unknown>, target: string): void {
    const id = text(secret['RuleID']);
    this.summary.addFinding({
      kind: 'secret',
      rule: id,
      title: text(secret['Title']) || id,
      severity: severityFromWord(text(secret['Severity'])),
      location: `${target}:${text(secret['StartLine'])}`,
      component: null,
      message: text(secret['Category']) || null,
      identity: { kind: 'secret', id, target, match: text(secret['Match']) },
    });
  }
}
