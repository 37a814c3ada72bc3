import type { ByteChunks } from '../bytes';
import { SummaryBuilder, isoDate, numberOrNull, severityFromScore } from '../builder';
import type { EvidenceSummary, Host, Port } from '../model';
import { readXml } from '../xml';

/**
 * Nmap `-oX` output: hosts, every individually reported port with its state and service, and
 * CVEs listed by the `vulners` NSE script as findings on the port they were found on.
 */
export async function parseNmap(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('nmap', 'Nmap XML');
  let host: Host | null = null;
  let port: Port | null = null;
  let script: string | null = null;
  let vulnerability: Record<string, string> | null = null;

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
        if (vulnerability['id'] && host && port) {
          summary.addFinding({
            kind: 'vulnerability',
            rule: vulnerability['id'],
            title:
              `${vulnerability['id']} (${port.product ?? port.service} ${port.version ?? ''})`.replace(
                /(?<!\s)\s+\)/,
                ')',
              ),
            severity: severityFromScore(numberOrNull(vulnerability['cvss'])),
            location: `${host.address}:${port.port}/${port.protocol}`,
            component: port.product ? `${port.product}@${port.version ?? ''}` : null,
            message: vulnerability['is_exploit'] === 'true' ? 'A public exploit exists.' : null,
          });
        }
        vulnerability = null;
      } else if (name === 'script') script = null;
      else if (name === 'port' && port && host) {
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
