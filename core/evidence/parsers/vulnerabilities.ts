import type { ByteChunks } from '../bytes';
import { SummaryBuilder, isoDate, list, record, severityFromWord, shorten, text } from '../builder';
import type { EvidenceSummary } from '../model';
import { readJson } from '../json';

/**
 * Dependency and image scanners: Grype JSON, xeol (Anchore's end-of-life scanner, which writes
 * Grype's layout with a release cycle in place of a vulnerability) and npm audit (v6
 * advisories, v7+ per-package vulnerabilities, and the error reports npm writes when the audit
 * itself fails: a failed scan, not a clean one). A vulnerability's fingerprint is its id and the
 * package name, so an upgrade that still carries the CVE is the same finding.
 */

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

/**
 * xeol: each match is a component past (or nearing) its end of life: the product's release
 * cycle and its end-of-life date. A finding's identity is the product, cycle and package, so
 * the same component found again is the same finding.
 */
export async function parseXeol(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('xeol', 'xeol JSON');
  summary.enableFindings();
  summary.setTool('xeol', '');
  await readJson(chunks, {
    paths: [
      '$.matches.*',
      '$.source.target',
      '$.distro',
      '$.descriptor.name',
      '$.descriptor.version',
      '$.descriptor.timestamp',
    ],
    onValue(path, value) {
      const [field] = path;
      if (field === 'matches') {
        const match = record(value);
        const cycle = record(match['Cycle']);
        const artifact = record(match['artifact']);
        const product = text(cycle['ProductName']);
        const release = text(cycle['ReleaseCycle']);
        const eol = text(cycle['Eol']);
        const name = text(artifact['name']);
        const version = text(artifact['version']);
        summary.addFinding({
          kind: 'end-of-life',
          rule: `${product || name} ${release}`.trim(),
          title: shorten(
            `${product || name} ${release} ${eol ? `reaches its end of life on ${eol}` : 'is past its end of life'}`.replace(
              /\s+/g,
              ' ',
            ),
            200,
          ),
          // xeol rates nothing: an end-of-life component is unsupported software, a high risk.
          severity: 'high',
          location: text(record(list(artifact['locations'])[0])['path']) || `${name}@${version}`,
          component: `${name}@${version}`,
          message: eol ? `End of life: ${eol}` : null,
          identity: {
            kind: 'end-of-life',
            product,
            release,
            package: name,
            type: text(artifact['type']),
          },
        });
      } else if (field === 'source') {
        const target = value;
        summary.target =
          typeof target === 'string' ? target : text(record(target)['userInput']) || null;
      } else if (field === 'distro') {
        const distro = record(value);
        summary.details['distro'] = `${text(distro['name'])} ${text(distro['version'])}`.trim();
      } else if (field === 'descriptor' && path[1] === 'version') {
        const version = text(value);
        if (!version.startsWith('[')) summary.setTool('xeol', version);
      } else if (field === 'descriptor' && path[1] === 'timestamp')
        summary.producedAt = isoDate(value);
    },
  });
  summary.note(
    'xeol reports end-of-life components, not vulnerabilities; each is listed as a high-severity finding, since xeol rates none.',
  );
  return summary.build();
}

export async function parseNpmAudit(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('npm-audit');
  summary.setTool('npm audit', '');
  let reportVersion = '';
  let errorMessage = '';
  let errorWords = '';
  let advisories = 0;
  await readJson(chunks, {
    paths: [
      '$.auditReportVersion',
      '$.advisories.*',
      '$.vulnerabilities.*',
      '$.metadata',
      '$.message',
      '$.statusCode',
      '$.error',
    ],
    onValue(path, value) {
      const [field] = path;
      if (field === 'auditReportVersion') reportVersion = text(value);
      else if (field === 'message') errorMessage = text(value);
      else if (field === 'error') {
        const error = record(value);
        errorWords =
          [text(error['code']), text(error['summary']), text(error['detail'])]
            .filter(Boolean)
            .join(': ') || 'npm reported an error and no audit results';
      } else if (field === 'statusCode') summary.details['statusCode'] = text(value);
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
  if ((errorMessage || errorWords) && !reportVersion && advisories === 0) {
    summary.variant = 'npm audit error report';
    summary.scanFailed(`npm audit did not run: ${errorMessage || errorWords}`);
    return summary.build();
  }
  summary.enableFindings();
  summary.variant = reportVersion ? `npm audit v7+ (report ${reportVersion})` : 'npm audit v6';
  return summary.build();
}
