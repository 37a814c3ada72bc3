import type { ByteChunks } from '../bytes';
import { SummaryBuilder, isoDate, list, record, severityFromWord, shorten, text } from '../builder';
import type { EvidenceSummary } from '../model';
import { readJson } from '../json';

/**
 * Dependency and image scanners: Trivy JSON (vulnerabilities, misconfigurations, secrets),
 * Grype JSON and npm audit (v6 advisories, v7+ per-package vulnerabilities, and the error
 * report npm writes when the audit itself fails). A vulnerability's fingerprint is its id and
 * the package name, so an upgrade that still carries the CVE is the same finding.
 */

export async function parseTrivy(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('trivy');
  summary.enableFindings();
  summary.setTool('Trivy', '');
  let passedMisconfigurations = 0;
  await readJson(chunks, {
    paths: [
      '$.SchemaVersion',
      '$.ArtifactName',
      '$.ArtifactType',
      '$.CreatedAt',
      '$.Results.*',
      '$.Metadata.RepoDigests',
      '$.Metadata.OS',
    ],
    onValue(path, value) {
      const [field] = path;
      if (field === 'SchemaVersion') summary.variant = `Trivy JSON (schema ${text(value)})`;
      else if (field === 'ArtifactName') summary.target = text(value);
      else if (field === 'ArtifactType') summary.details['artifactType'] = text(value);
      else if (field === 'CreatedAt') summary.producedAt = isoDate(value);
      else if (field === 'Metadata' && path[1] === 'OS') {
        const os = record(value);
        summary.details['os'] = `${text(os['Family'])} ${text(os['Name'])}`.trim();
      } else if (field === 'Results') {
        const result = record(value);
        const target = text(result['Target']);
        for (const raw of list(result['Vulnerabilities'])) {
          const vulnerability = record(raw);
          const id = text(vulnerability['VulnerabilityID']);
          const name = text(vulnerability['PkgName']);
          const installed = text(vulnerability['InstalledVersion']);
          const fixed = text(vulnerability['FixedVersion']);
          summary.addFinding({
            kind: 'vulnerability',
            rule: id,
            title: shorten(text(vulnerability['Title']) || id, 200),
            severity: severityFromWord(text(vulnerability['Severity'])),
            location: target,
            component: `${name}@${installed}`,
            message: fixed ? `Fixed in ${fixed}` : text(vulnerability['Status']) || null,
            identity: { kind: 'vulnerability', id, package: name, target },
          });
        }
        for (const raw of list(result['Misconfigurations'])) {
          const misconfiguration = record(raw);
          if (text(misconfiguration['Status']) === 'PASS') {
            passedMisconfigurations += 1;
            continue;
          }
          const id = text(misconfiguration['ID']) || text(misconfiguration['AVDID']);
          const line = text(record(misconfiguration['CauseMetadata'])['StartLine']);
          summary.addFinding({
            kind: 'misconfiguration',
            rule: id,
            title: shorten(text(misconfiguration['Title']) || id, 200),
            severity: severityFromWord(text(misconfiguration['Severity'])),
            location: line ? `${target}:${line}` : target,
            component: null,
            message: text(misconfiguration['Message'])
              ? shorten(text(misconfiguration['Message']))
              : null,
            identity: {
              kind: 'misconfiguration',
              id,
              target,
              message: text(misconfiguration['Message']),
            },
          });
        }
        for (const raw of list(result['Secrets'])) {
          const secret = record(raw);
          const id = text(secret['RuleID']);
          summary.addFinding({
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
        for (const raw of list(result['Packages'])) {
          const item = record(raw);
          summary.addComponent({
            name: text(item['Name']),
            version: text(item['Version']),
            type: text(result['Type']) || null,
            purl: text(record(item['Identifier'])['PURL']) || null,
            licenses: list(item['Licenses']).map(text),
          });
        }
      }
    },
  });
  if (passedMisconfigurations > 0)
    summary.details['passedMisconfigurations'] = passedMisconfigurations;
  summary.variant ||= 'Trivy JSON';
  return summary.build();
}

export async function parseGrype(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('grype', 'Grype JSON');
  summary.enableFindings();
  await readJson(chunks, {
    paths: ['$.matches.*', '$.source.target', '$.source.type', '$.distro', '$.descriptor'],
    onValue(path, value) {
      const [field] = path;
      if (field === 'matches') {
        const match = record(value);
        const vulnerability = record(match['vulnerability']);
        const artifact = record(match['artifact']);
        const id = text(vulnerability['id']);
        const name = text(artifact['name']);
        const version = text(artifact['version']);
        const fixes = list(record(vulnerability['fix'])['versions']).map(text).filter(Boolean);
        summary.addFinding({
          kind: 'vulnerability',
          rule: id,
          title: shorten(text(vulnerability['description']) || id, 200),
          severity: severityFromWord(text(vulnerability['severity'])),
          location: text(record(list(artifact['locations'])[0])['path']) || `${name}@${version}`,
          component: `${name}@${version}`,
          message: fixes.length > 0 ? `Fixed in ${fixes.join(', ')}` : null,
          identity: { kind: 'vulnerability', id, package: name, type: text(artifact['type']) },
        });
      } else if (field === 'source') {
        if (path[1] === 'target') {
          const target = value;
          summary.target =
            typeof target === 'string'
              ? target
              : text(record(target)['userInput']) || text(record(target)['ImageID']) || null;
        } else summary.details['sourceType'] = text(value);
      } else if (field === 'distro') {
        const distro = record(value);
        summary.details['distro'] = `${text(distro['name'])} ${text(distro['version'])}`.trim();
      } else if (field === 'descriptor') {
        const descriptor = record(value);
        summary.setTool(text(descriptor['name']) || 'grype', text(descriptor['version']));
        summary.producedAt = isoDate(descriptor['timestamp']);
      }
    },
  });
  return summary.build();
}

export async function parseNpmAudit(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('npm-audit');
  summary.setTool('npm audit', '');
  let reportVersion = '';
  let errorMessage = '';
  let advisories = 0;
  await readJson(chunks, {
    paths: [
      '$.auditReportVersion',
      '$.advisories.*',
      '$.vulnerabilities.*',
      '$.metadata',
      '$.message',
      '$.statusCode',
    ],
    onValue(path, value) {
      const [field] = path;
      if (field === 'auditReportVersion') reportVersion = text(value);
      else if (field === 'message') errorMessage = text(value);
      else if (field === 'statusCode') summary.details['statusCode'] = text(value);
      else if (field === 'advisories') {
        advisories += 1;
        const advisory = record(value);
        const name = text(advisory['module_name']);
        const id = text(advisory['id']) || String(path[1]);
        const versions = [
          ...new Set(list(advisory['findings']).map((entry) => text(record(entry)['version']))),
        ];
        summary.addFinding({
          kind: 'vulnerability',
          rule: list(advisory['cves']).map(text)[0] || `npm-advisory-${id}`,
          title: text(advisory['title']) || id,
          severity: severityFromWord(text(advisory['severity'])),
          location: name,
          component: `${name}@${versions.join(', ')}`,
          message: text(advisory['patched_versions'])
            ? `Patched in ${text(advisory['patched_versions'])}`
            : null,
          identity: { kind: 'vulnerability', advisory: `npm-advisory-${id}`, package: name },
        });
      } else if (field === 'vulnerabilities' && path.length === 2) {
        const vulnerability = record(value);
        const name = text(vulnerability['name']) || String(path[1]);
        const via = list(vulnerability['via']);
        const sources = via.filter((entry) => typeof entry === 'object').map(record);
        const titles = sources.map((entry) => text(entry['title'])).filter(Boolean);
        const rule =
          sources.map((entry) => text(entry['url']).split('/').pop() ?? '').find(Boolean) ??
          'npm-audit';
        summary.addFinding({
          kind: 'vulnerability',
          rule,
          title:
            titles[0] ??
            `Depends on vulnerable ${via
              .filter((entry) => typeof entry === 'string')
              .map(text)
              .join(', ')}`,
          severity: severityFromWord(text(vulnerability['severity'])),
          location: list(vulnerability['nodes']).map(text)[0] ?? name,
          component: `${name}@${text(vulnerability['range'])}`,
          message: vulnerability['fixAvailable'] === false ? 'No fix available' : 'Fix available',
          identity: { kind: 'vulnerability', package: name },
        });
      } else if (field === 'metadata') {
        const counts = record(record(value)['vulnerabilities']);
        for (const [severity, count] of Object.entries(counts))
          summary.details[`reported.${severity}`] = Number(count) || 0;
        const dependencies =
          record(value)['totalDependencies'] ?? record(record(value)['dependencies'])['total'];
        if (dependencies !== undefined) summary.details['dependencies'] = Number(dependencies) || 0;
      }
    },
  });
  if (errorMessage && !reportVersion && advisories === 0) {
    summary.variant = 'npm audit error report';
    summary.note(`npm audit did not run: ${errorMessage}`);
    return summary.build();
  }
  summary.enableFindings();
  summary.variant = reportVersion ? `npm audit v7+ (report ${reportVersion})` : 'npm audit v6';
  return summary.build();
}
