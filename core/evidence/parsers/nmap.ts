import type { ByteChunks } from '../bytes';
import { SummaryBuilder, isoDate, numberOrNull, severityFromScore } from '../builder';
import type { EvidenceSummary, Host, Port } from '../model';
import { readXml } from '../xml';

/**
 * Nmap `-oX` output: hosts, every individually reported port with its state and service, and
 * what the `vulners` NSE script lists: one finding per CVE (or other advisory) per port, with the
 * public exploit references (Metasploit, Exploit-DB, Packet Storm …, `is_exploit` true) attached
 * to it rather than made findings of their own. vulners does not say which CVE an exploit is
 * for; it gives an exploit the CVSS score of what it exploits, so a reference is attached to the
 * port's advisories of the same score, and one whose score no advisory shares stays a finding
 * of its own, saying so.
 */

interface VulnersEntry {
  id: string;
  type: string;
  cvss: number | null;
  exploit: boolean;
}

/** Exploit references listed per finding; the count stays exact. */
const MAX_EXPLOIT_ITEMS = 50;

const EXPLOIT_BASIS =
  'listed by vulners for this service with the same CVSS score (vulners does not name the CVE an exploit is for)';

function vulnersUrl(entry: VulnersEntry): string {
  return `https://vulners.com/${encodeURIComponent(entry.type)}/${encodeURIComponent(entry.id)}`;
}

/** One finding per advisory of a port's vulners output, exploit references attached by score. */
function addVulners(
  summary: SummaryBuilder,
  host: Host,
  port: Port,
  entries: readonly VulnersEntry[],
): void {
  const advisories = new Map<string, VulnersEntry>();
  for (const entry of entries)
    if (!entry.exploit && !advisories.has(entry.id)) advisories.set(entry.id, entry);
  const exploits = new Map<string, VulnersEntry>();
  for (const entry of entries)
    if (entry.exploit && !exploits.has(entry.id)) exploits.set(entry.id, entry);
  const attached = new Set<string>();
  const location = `${host.address}:${port.port}/${port.protocol}`;
  const component = port.product ? `${port.product}@${port.version ?? ''}` : null;
  const service = `${port.product ?? port.service} ${port.version ?? ''}`.trim();
  for (const advisory of advisories.values()) {
    const references = [...exploits.values()].filter(
      (exploit) => advisory.cvss !== null && exploit.cvss === advisory.cvss,
    );
    for (const reference of references) attached.add(reference.id);
    summary.addFinding({
      kind: 'vulnerability',
      rule: advisory.id,
      title: `${advisory.id} (${service})`,
      severity: severityFromScore(advisory.cvss),
      location,
      component,
      message:
        references.length > 0
          ? `${references.length} public exploit reference${references.length === 1 ? '' : 's'} ${EXPLOIT_BASIS}.`
          : null,
      ...(references.length > 0
        ? {
            exploits: {
              total: references.length,
              basis: EXPLOIT_BASIS,
              items: references.slice(0, MAX_EXPLOIT_ITEMS).map((reference) => ({
                id: reference.id,
                type: reference.type,
                url: vulnersUrl(reference),
              })),
            },
          }
        : {}),
    });
  }
  for (const exploit of exploits.values()) {
    if (attached.has(exploit.id)) continue;
    summary.addFinding({
      kind: 'vulnerability',
      rule: exploit.id,
      title: `${exploit.id} (${service})`,
      severity: severityFromScore(exploit.cvss),
      location,
      component,
      message: `A public exploit (${exploit.type}, ${vulnersUrl(exploit)}); vulners lists no advisory of its CVSS score for this service.`,
    });
  }
}
export async function parseNmap(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('nmap', 'Nmap XML');
  let host: Host | null = null;
  let port: Port | null = null;
  let script: string | null = null;
  let vulnerability: Record<string, string> | null = null;
  let vulners: VulnersEntry[] = [];

  await readXml(chunks, {
    open({ name, attrs, parents }) {
      switch (name) {
        case 'nmaprun':
          summary.setTool('Nmap', attrs['version']);
          summary.producedAt = isoDate(numberOrNull(attrs['start']));
          if (attrs['args']) summary.details['arguments'] = attrs['args'];
          if (attrs['xmloutputversion']) summary.variant = `Nmap XML ${attrs['xmloutputversion']}`;
          break;
        case 'scaninfo':
          if (attrs['type']) summary.details['scanType'] = attrs['type'];
          break;
        case 'host':
          host = { address: '', hostnames: [], status: 'unknown', ports: [] };
          break;
        case 'status':
          if (host) host.status = attrs['state'] ?? 'unknown';
          break;
        case 'address':
          // An IP address names the host better than its MAC address.
          if (host && (host.address === '' || attrs['addrtype'] !== 'mac')) {
            host.address = attrs['addr'] ?? host.address;
          }
          break;
        case 'hostname':
          if (host && attrs['name']) host.hostnames.push(attrs['name']);
          break;
        case 'port':
          port = {
            protocol: attrs['protocol'] ?? 'tcp',
            port: numberOrNull(attrs['portid']) ?? 0,
            state: 'unknown',
            service: '',
            product: null,
            version: null,
            tunnel: null,
          };
          break;
        case 'state':
          if (port && parents[parents.length - 1] === 'port')
            port.state = attrs['state'] ?? 'unknown';
          break;
        case 'service':
          if (port) {
            port.service = attrs['name'] ?? '';
            port.product = attrs['product'] ?? null;
            port.version = attrs['version'] ?? null;
            port.tunnel = attrs['tunnel'] ?? null;
          }
          break;
        case 'script':
          script = attrs['id'] ?? null;
          break;
        case 'table':
          if (script === 'vulners') {
            vulnerability = {};
          }
          break;
        default:
          break;
      }
    },
    close({ name, attrs }, text) {
      if (name === 'elem' && vulnerability && attrs['key']) vulnerability[attrs['key']] = text;
      else if (name === 'table' && vulnerability) {
        if (vulnerability['id'])
          vulners.push({
            id: vulnerability['id'],
            type: vulnerability['type'] ?? '',
            cvss: numberOrNull(vulnerability['cvss']),
            exploit: vulnerability['is_exploit'] === 'true',
          });
        vulnerability = null;
      } else if (name === 'script') {
        if (script === 'vulners' && host && port) addVulners(summary, host, port, vulners);
        vulners = [];
        script = null;
      } else if (name === 'port' && port && host) {
        host.ports.push(port);
        port = null;
      } else if (name === 'host' && host) {
        summary.addHost(host);
        host = null;
      }
    },
  });
  const built = summary.build();
  const hosts = built.hosts ?? [];
  built.hosts = hosts;
  built.details['hostsUp'] = hosts.filter((entry) => entry.status === 'up').length;
  built.details['openPorts'] = hosts.reduce(
    (sum, entry) => sum + entry.ports.filter((item) => item.state === 'open').length,
    0,
  );
  built.target = hosts.map((entry) => entry.address).join(', ') || null;
  return built;
}
