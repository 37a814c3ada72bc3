import { sha256Hex } from '../../util/hash';
import type { ByteChunks } from '../bytes';
import { SummaryBuilder, isoDate, numberOrNull, shorten } from '../builder';
import type { EvidenceSummary, Host, Port, Severity } from '../model';
import { MAX_ITEMS } from '../model';
import type { XmlElement } from '../xml';
import { readXml } from '../xml';
import { REDACTED } from '../secrets';

/**
 * A Metasploit project export (`db_export -f xml`, root `MetasploitV4` or `MetasploitV5`), in
 * the shape `Msf::DBExport#to_xml_file` writes and `import_msf_xml` reads back: per host its
 * services, notes, vulnerabilities (with references, details and attempts), exploit attempts,
 * sessions and (V4) credentials; then events, services, web sites, pages, forms and
 * vulnerabilities, module details; Metasploit Pro adds loots. Every record is written as child
 * elements named after its columns, `NULL` for nothing.
 *
 * What becomes what: open services are the host's ports; each vulnerability is a finding per
 * host, port and vulnerability; a session is a `session` finding (the host was exploited, the
 * most serious thing a scan can show); a credential is a `secret` finding named by its type and
 * user. Secrets (passwords, hashes, keys, proofs) are never read into the summary: only whether
 * one is there, so the app can offer to store a redacted copy (./metasploit-redact.ts).
 */

/** Record elements and the container each one sits in. */
const RECORDS: Readonly<Record<string, string>> = {
  host: 'hosts',
  host_detail: 'host_details',
  exploit_attempt: 'exploit_attempts',
  service: 'services',
  note: 'notes',
  tag: 'tags',
  vuln: 'vulns',
  vuln_detail: 'vuln_details',
  vuln_attempt: 'vuln_attempts',
  cred: 'creds',
  credential: 'credentials',
  session: 'sessions',
  event: 'events',
  loot: 'loots',
  task: 'tasks',
  web_site: 'web_sites',
  web_page: 'web_pages',
  web_form: 'web_forms',
  web_vuln: 'web_vulns',
  module_detail: 'module_details',
};

/** Elements whose text is a secret when it is present, and the records they belong to. */
export const SECRET_FIELDS: Readonly<Record<string, readonly string[]>> = {
  cred: ['pass', 'proof'],
  credential: ['pass', 'proof'],
  session: ['datastore'],
  loot: ['data'],
};

/** Whether an element holds a secret: a secret field directly inside its record, with a value. */
export function isMetasploitSecret(element: XmlElement, text: string): boolean {
  const { parents } = element;
  const record = parents[parents.length - 1] ?? '';
  return (
    !NO_SECRET.has(text) &&
    (SECRET_FIELDS[record]?.includes(element.name) ?? false) &&
    RECORDS[record] === parents[parents.length - 2]
  );
}

/** What the exporter writes for a value a credential does not have, or has hidden (or we did). */
const NO_SECRET = new Set(['', 'NULL', '*MASKED*', '<BLANK>', REDACTED]);

const LISTED_LOOTS = 20;
const USERS_TEXT = 500;

interface OpenRecord {
  name: string;
  depth: number;
  fields: Map<string, string>;
  refs: string[];
  children: OpenRecord[];
}

interface ServiceRef {
  address: string;
  port: number;
  proto: string;
  name: string;
}

function value(record: OpenRecord, field: string): string {
  const text = record.fields.get(field) ?? '';
  return text === 'NULL' ? '' : text;
}

function numberIn(text: string): number | null {
  return text === '' ? null : numberOrNull(text);
}

function exploited(text: string): boolean {
  return text === 'true' || text === 't' || text === '1';
}

/** Mdm::WebVuln risk, 0 (none) to 5. */
function severityOfRisk(risk: number | null): Severity {
  if (risk === null) return 'unknown';
  if (risk >= 5) return 'critical';
  if (risk >= 4) return 'high';
  if (risk >= 3) return 'medium';
  if (risk >= 1) return 'low';
  return 'info';
}

export async function parseMetasploit(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('metasploit', 'Metasploit XML');
  summary.enableFindings();
  const open: OpenRecord[] = [];
  const counts = new Map<string, number>();
  const count = (key: string, by = 1): void => {
    counts.set(key, (counts.get(key) ?? 0) + by);
  };
  const services = new Map<string, ServiceRef>();
  const hostAddresses = new Map<string, string>();
  const credentialKinds = new Map<string, number>();
  const credentialUsers = new Map<string, Set<string>>();
  const seenCredentials = new Set<string>();
  const loots: string[] = [];
  let project = '';
  let sawRoot = false;
  let hostPorts: Port[] = [];
  let secrets = 0;

  const addCredential = (record: OpenRecord, host: OpenRecord | undefined): void => {
    const service = services.get(value(record, 'service-id'));
    const address = host ? value(host, 'address') : (service?.address ?? '');
    const port = numberIn(value(record, 'port')) ?? service?.port ?? null;
    const kind = value(record, 'ptype') || 'password';
    const user = value(record, 'user') || '(no user)';
    const serviceName = value(record, 'sname') || service?.name || '';
    const secret = [value(record, 'pass'), value(record, 'proof')].filter(
      (text) => !NO_SECRET.has(text),
    );
    // The V4 exporter writes each credential twice (per host and in <credentials>): one credential.
    const identity = `${address}|${port ?? ''}|${kind}|${user}|${sha256Hex(secret.join('\u0000'))}`;
    if (seenCredentials.has(identity)) return;
    seenCredentials.add(identity);
    if (secret.length > 0) secrets += 1;
    credentialKinds.set(kind, (credentialKinds.get(kind) ?? 0) + 1);
    const kinds = credentialUsers.get(user) ?? new Set<string>();
    kinds.add(kind);
    credentialUsers.set(user, kinds);
    const where = `${address}${port === null ? '' : `:${port}`}`;
    summary.addFinding({
      kind: 'secret',
      rule: `credential:${kind}`,
      title: `Credential found: ${kind} for ${user}${serviceName ? ` (${serviceName})` : ''}`,
      severity: 'high',
      location: where,
      component: null,
      message: secret.length > 0 ? 'The export holds the secret in clear.' : null,
      identity: { record: 'credential', host: address, port, type: kind, user },
    });
  };

  const addVulnerability = (record: OpenRecord, host: OpenRecord): void => {
    const address = value(host, 'address');
    const service = services.get(value(record, 'service-id'));
    const name = value(record, 'name') || '(unnamed vulnerability)';
    const attempts = record.children.filter((child) => child.name === 'vuln_attempt');
    const modules = [
      ...new Set(attempts.map((attempt) => value(attempt, 'module')).filter(Boolean)),
    ];
    const exploitedAt = value(record, 'exploited-at');
    const wasExploited =
      exploitedAt !== '' || attempts.some((attempt) => exploited(value(attempt, 'exploited')));
    const cve = record.refs.find((ref) => ref.toUpperCase().startsWith('CVE-'));
    const location = service
      ? `${address}:${service.port}/${service.proto}`
      : address || '(no host)';
    summary.addFinding({
      kind: 'vulnerability',
      rule: cve ?? modules[0] ?? name,
      title: name,
      severity: wasExploited ? 'critical' : 'unknown',
      location,
      component: service?.name ? service.name : null,
      message: shorten(
        [
          record.refs.length > 0 ? `References: ${record.refs.join(', ')}` : '',
          modules.length > 0 ? `Module: ${modules.join(', ')}` : '',
          wasExploited ? `Exploited${exploitedAt ? ` at ${exploitedAt}` : ''}` : '',
        ]
          .filter(Boolean)
          .join('. '),
        2000,
      ),
      identity: {
        record: 'vulnerability',
        host: address,
        port: service?.port ?? null,
        proto: service?.proto ?? null,
        name,
      },
    });
    if (!wasExploited) count('unratedVulnerabilities');
  };

  const addSession = (record: OpenRecord, host: OpenRecord): void => {
    const address = value(host, 'address');
    const port = numberIn(value(record, 'port'));
    const module = value(record, 'via-exploit');
    const type = value(record, 'stype') || 'session';
    const opened = value(record, 'opened-at');
    const closed = value(record, 'closed-at');
    const reason = value(record, 'close-reason');
    summary.addFinding({
      kind: 'session',
      rule: module || 'session',
      title: `Session opened on ${address} (${type}${module ? ` via ${module}` : ''})`,
      severity: 'critical',
      location: `${address}${port === null ? '' : `:${port}`}`,
      component: null,
      message: shorten(
        [
          opened ? `Opened ${opened}` : '',
          closed ? `closed ${closed}${reason ? ` (${reason})` : ''}` : 'not closed at export',
          value(record, 'via-payload') ? `payload ${value(record, 'via-payload')}` : '',
          value(record, 'platform') ? `platform ${value(record, 'platform')}` : '',
        ]
          .filter(Boolean)
          .join(', '),
        2000,
      ),
      identity: { record: 'session', host: address, port, exploit: module, type },
    });
  };

  const addWebVulnerability = (record: OpenRecord): void => {
    const scheme = value(record, 'ssl') === 'true' ? 'https' : 'http';
    const host = value(record, 'vhost') || value(record, 'host');
    const url = `${scheme}://${host}:${value(record, 'port')}${value(record, 'path')}`;
    const name = value(record, 'name') || value(record, 'category') || '(unnamed)';
    summary.addFinding({
      kind: 'vulnerability',
      rule: value(record, 'category') || name,
      title: name,
      severity: severityOfRisk(numberIn(value(record, 'risk'))),
      location: url,
      component: null,
      message: value(record, 'pname') ? `Parameter ${value(record, 'pname')}` : null,
      identity: {
        record: 'web-vulnerability',
        url,
        name,
        parameter: value(record, 'pname'),
        method: value(record, 'method'),
      },
    });
  };

  const closeRecord = (record: OpenRecord): void => {
    const parent = open[open.length - 1];
    const host = open.find((entry) => entry.name === 'host');
    count(record.name === 'event' && parent?.name === 'session' ? 'sessionEvent' : record.name);
    parent?.children.push(record);
    switch (record.name) {
      case 'service': {
        if (!host) return; // the top-level <services> repeats each host's services
        const port: Port = {
          protocol: value(record, 'proto') || 'tcp',
          port: numberIn(value(record, 'port')) ?? 0,
          state: value(record, 'state') || 'unknown',
          service: value(record, 'name'),
          product: value(record, 'info') || null,
          version: null,
          tunnel: null,
        };
        if (hostPorts.length < MAX_ITEMS) hostPorts.push(port);
        else summary.note(`Only the first ${MAX_ITEMS} services of a host are listed.`);
        if (port.state === 'open') count('openServices');
        const id = value(record, 'id');
        if (id)
          services.set(id, {
            address: value(host, 'address'),
            port: port.port,
            proto: port.protocol,
            name: port.service,
          });
        return;
      }
      case 'vuln':
        if (host) addVulnerability(record, host);
        return;
      case 'session':
        if (host) addSession(record, host);
        return;
      case 'cred':
      case 'credential':
        addCredential(record, host);
        return;
      case 'note':
        if (value(record, 'ntype') === 'pro.system.compromise') count('compromisedHosts');
        return;
      case 'exploit_attempt':
        if (exploited(value(record, 'exploited'))) count('exploitAttemptsSucceeded');
        return;
      case 'web_vuln':
        addWebVulnerability(record);
        return;
      case 'loot': {
        const where = hostAddresses.get(value(record, 'host-id')) ?? '';
        const text = [value(record, 'ltype'), value(record, 'name') || value(record, 'path')]
          .filter(Boolean)
          .join(' ');
        if (loots.length < LISTED_LOOTS)
          loots.push(shorten(`${text || 'loot'}${where ? ` from ${where}` : ''}`, 300));
        return;
      }
      case 'host': {
        const address = value(record, 'address');
        if (address !== '' && !/[.:]/.test(address))
          summary.note(
            'A host address is written in serialised form (a known exporter regression); it is shown as written.',
          );
        hostAddresses.set(value(record, 'id'), address);
        const name = value(record, 'name');
        const host: Host = {
          address,
          hostnames: name ? [name] : [],
          status: value(record, 'state') || 'unknown',
          ports: hostPorts,
        };
        summary.addHost(host);
        hostPorts = [];
        return;
      }
      default:
        return;
    }
  };

  await readXml(chunks, {
    open({ name, attrs, parents }) {
      if (parents.length === 0) {
        sawRoot = true;
        summary.variant = name;
        return;
      }
      if (name === 'generated' && parents.length === 1) {
        summary.producedAt = isoDate(attrs['time']);
        project = attrs['project'] ?? '';
        const product = attrs['product'];
        summary.setTool(
          product === 'framework'
            ? 'Metasploit Framework'
            : product
              ? `Metasploit ${product}`
              : 'Metasploit',
          '',
        );
        if (project) summary.details['project'] = project;
        if (attrs['user']) summary.details['exportedBy'] = attrs['user'];
        return;
      }
      if (RECORDS[name] === parents[parents.length - 1]) {
        open.push({ name, depth: parents.length, fields: new Map(), refs: [], children: [] });
      }
    },
    close({ name, parents }, text) {
      const top = open[open.length - 1];
      if (!top) return;
      if (name === top.name && parents.length === top.depth) {
        open.pop();
        closeRecord(top);
        return;
      }
      if (name === 'ref' && top.name === 'vuln' && parents[parents.length - 1] === 'refs') {
        if (text !== '' && top.refs.length < 100) top.refs.push(shorten(text, 200));
        return;
      }
      if (parents.length !== top.depth + 1) return;
      const secret = SECRET_FIELDS[top.name]?.includes(name) ?? false;
      // A secret is never kept: only whether there was one.
      top.fields.set(name, secret ? (NO_SECRET.has(text) ? '' : '*') : text);
    },
  });
  if (!sawRoot) summary.note('The export holds no records.');

  const built = summary.build();
  const hosts = built.hosts ?? [];
  built.hosts = hosts;
  built.target = project || hosts.map((host) => host.address).join(', ') || null;
  const details = built.details;
  details['hosts'] = counts.get('host') ?? 0;
  details['openServices'] = counts.get('openServices') ?? 0;
  details['vulnerabilities'] = counts.get('vuln') ?? 0;
  details['webVulnerabilities'] = counts.get('web_vuln') ?? 0;
  details['sessions'] = counts.get('session') ?? 0;
  details['exploitAttempts'] = counts.get('exploit_attempt') ?? 0;
  details['exploitAttemptsSucceeded'] = counts.get('exploitAttemptsSucceeded') ?? 0;
  details['compromisedHosts'] = counts.get('compromisedHosts') ?? 0;
  details['credentials'] = seenCredentials.size;
  for (const [kind, number] of [...credentialKinds].sort(([a], [b]) => a.localeCompare(b)))
    details[`credentials.${kind}`] = number;
  if (credentialUsers.size > 0)
    details['credentialUsers'] = shorten(
      [...credentialUsers]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([user, kinds]) => `${user} (${[...kinds].sort().join(', ')})`)
        .join(', '),
      USERS_TEXT,
    );
  details['secretsInClear'] = secrets;
  details['loots'] = counts.get('loot') ?? 0;
  loots.forEach((loot, index) => {
    details[`loot.${index + 1}`] = loot;
  });
  if ((counts.get('loot') ?? 0) > LISTED_LOOTS)
    built.notes.push(`Only the first ${LISTED_LOOTS} loots are listed; the count includes all.`);
  for (const [key, element] of [
    ['notes', 'note'],
    ['events', 'event'],
    ['webSites', 'web_site'],
    ['webPages', 'web_page'],
    ['webForms', 'web_form'],
    ['moduleDetails', 'module_detail'],
    ['tasks', 'task'],
  ] as const)
    details[key] = counts.get(element) ?? 0;
  if ((counts.get('unratedVulnerabilities') ?? 0) > 0)
    built.notes.push(
      'Metasploit gives vulnerabilities no severity: those not exploited are listed as unknown severity, exploited ones as critical.',
    );
  if (secrets > 0)
    built.notes.push(
      `The export holds ${secrets} credential secret${secrets === 1 ? '' : 's'} in clear (never shown here).`,
    );
  return built;
}
