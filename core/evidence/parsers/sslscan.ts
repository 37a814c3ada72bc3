import type { ByteChunks } from '../bytes';
import { SummaryBuilder, numberOrNull } from '../builder';
import type { EvidenceSummary, Severity } from '../model';
import { readXml } from '../xml';

/**
 * sslscan `--xml` output (1.x and 2.x). Turns what a TLS reviewer looks for into findings:
 * legacy protocols enabled, weak or anonymous ciphers accepted, Heartbleed, insecure
 * renegotiation, compression, and certificate problems (self-signed, expired, short keys).
 */

const LEGACY_PROTOCOLS = new Set(['ssl 2', 'ssl 3', 'tls 1.0', 'tls 1.1']);
const WEAK_STRENGTH: Record<string, Severity> = {
  null: 'high',
  anonymous: 'high',
  weak: 'high',
  medium: 'medium',
};

export async function parseSslscan(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('sslscan', 'sslscan XML');
  summary.enableFindings();
  let target = '';
  const legacySeen = new Set<string>();
  let certificate: Record<string, string> = {};
  let keyBits: number | null = null;

  const add = (
    rule: string,
    title: string,
    severity: Severity,
    message: string | null = null,
  ): void =>
    summary.addFinding({
      kind: 'tls',
      rule,
      title,
      severity,
      location: target,
      component: null,
      message,
    });

  await readXml(chunks, {
    open({ name, attrs }) {
      switch (name) {
        case 'document':
          summary.setTool('sslscan', attrs['version']);
          break;
        case 'ssltest':
          target = `${attrs['host'] ?? ''}:${attrs['port'] ?? ''}`;
          summary.target = summary.target ? `${summary.target}, ${target}` : target;
          break;
        case 'protocol': {
          const protocol = `${attrs['type'] ?? ''} ${attrs['version'] ?? ''}`;
          if (attrs['enabled'] === '1' && LEGACY_PROTOCOLS.has(protocol)) {
            legacySeen.add(protocol);
            add(
              `protocol-${protocol.replace(' ', '')}`,
              `Legacy protocol ${protocol.toUpperCase()} enabled`,
              protocol.startsWith('ssl') ? 'high' : 'medium',
            );
          }
          break;
        }
        case 'cipher': {
          const strength = attrs['strength'] ?? '';
          const severity = WEAK_STRENGTH[strength];
          if (attrs['status'] !== 'not accepted' && severity) {
            add(
              `cipher-${attrs['cipher'] ?? ''}-${attrs['sslversion'] ?? ''}`,
              `${strength} cipher ${attrs['cipher'] ?? ''} accepted (${attrs['sslversion'] ?? ''})`,
              severity,
            );
          }
          break;
        }
        case 'heartbleed':
          if (attrs['vulnerable'] === '1')
            add(
              `heartbleed-${attrs['sslversion'] ?? ''}`,
              `Vulnerable to Heartbleed (${attrs['sslversion'] ?? ''})`,
              'critical',
              'CVE-2014-0160',
            );
          break;
        case 'renegotiation':
          if (attrs['supported'] === '1' && attrs['secure'] !== '1')
            add('insecure-renegotiation', 'Insecure TLS renegotiation supported', 'medium');
          break;
        case 'compression':
          if (attrs['supported'] === '1')
            add('tls-compression', 'TLS compression enabled (CRIME)', 'medium');
          break;
        case 'certificate':
          certificate = {};
          keyBits = null;
          break;
        case 'pk':
          keyBits = numberOrNull(attrs['bits']);
          break;
        default:
          break;
      }
    },
    close({ name, parents }, value) {
      if (parents[parents.length - 1] === 'certificate') certificate[name] = value;
      if (name !== 'certificate') return;
      if (certificate['self-signed'] === 'true')
        add(
          'certificate-self-signed',
          'Self-signed certificate',
          'medium',
          certificate['subject'] ?? null,
        );
      if (certificate['expired'] === 'true')
        add(
          'certificate-expired',
          'Certificate expired',
          'high',
          `Not valid after ${certificate['not-valid-after'] ?? '?'}`,
        );
      if (keyBits !== null && keyBits < 2048)
        add('certificate-short-key', `Certificate key of ${keyBits} bits`, 'high');
    },
  });
  summary.details['legacyProtocols'] = [...legacySeen].join(', ');
  return summary.build();
}
