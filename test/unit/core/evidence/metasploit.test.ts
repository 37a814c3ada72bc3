import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { sourceFromBytes } from '../../../../core/evidence/bytes';
import { diffSummaries } from '../../../../core/evidence/diff';
import { driftGroups } from '../../../../core/evidence/drift-groups';
import { inspectSource } from '../../../../core/evidence/inspect';
import type { EvidenceSummary } from '../../../../core/evidence/model';
import {
  REDACTED,
  redactedCopy,
  redactedString,
  secretsInClear,
} from '../../../../core/evidence/redact';
import { headlineOf } from '../../../../core/evidence/source';
import { sha256Hex } from '../../../../core/util/hash';
import { localFixture } from '../../../fixtures';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The secrets in msf-v4-credentials.xml: two passwords, a proof and a session's datastore. */
const SECRETS = [
  'aad3b435b51404eeaad3b435b51404ee:8846f7eaee8fb117ad06bdd830b7586c',
  'Winter2026!',
  'uid=1001(backup)',
  'BAh7BkkiCVJIT1NUBjoGRVRJIg0xMC4wLjAuNQY7AFQ=',
];

async function bytesOf(name: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(localFixture('metasploit', name)));
}

async function summaryOf(bytes: Uint8Array, chunkSize?: number): Promise<EvidenceSummary> {
  const result = await inspectSource(sourceFromBytes('export.xml', bytes, chunkSize));
  if (!result.outcome.ok) throw new Error(result.outcome.error);
  return result.outcome.summary;
}

const read = async (name: string): Promise<EvidenceSummary> => summaryOf(await bytesOf(name));

describe('Metasploit exports', () => {
  test("the real V4 export from metasploit-framework's spec fixtures", async () => {
    const summary = await read('basic_host_data_set.xml');
    expect(summary).toMatchObject({
      format: 'metasploit',
      variant: 'MetasploitV4',
      tool: { name: 'Metasploit', version: '' },
      producedAt: '2012-05-30T17:20:08.000Z',
      target: 'export',
      recognised: true,
      scan: { status: 'complete' },
    });
    expect(summary.hosts).toEqual([
      {
        address: '10.6.200.2',
        hostnames: [],
        status: 'alive',
        ports: [
          {
            protocol: 'tcp',
            port: 514,
            state: 'open',
            service: 'shell',
            product: null,
            version: null,
            tunnel: null,
          },
        ],
      },
    ]);
    expect(summary.findings?.total).toBe(0);
    expect(summary.details).toMatchObject({
      hosts: 1,
      openServices: 1,
      notes: 1,
      sessions: 0,
      credentials: 0,
      secretsInClear: 0,
    });
  });

  test('a generated V5 export: every section read, vulnerabilities with their references, a session, loots', async () => {
    const summary = await read('msf-v5-current.xml');
    expect(summary).toMatchObject({
      variant: 'MetasploitV5',
      tool: { name: 'Metasploit Framework' },
      producedAt: '2026-11-26T09:30:00.000Z',
      target: 'acme hardening',
    });
    const ports = summary.hosts?.[0]?.ports.map((port) => `${port.port}/${port.state}`);
    expect(ports).toEqual(['21/closed', '22/open', '80/open', '445/open']);
    const findings = summary.findings?.items ?? [];
    expect(findings.map((finding) => [finding.kind, finding.rule, finding.location])).toEqual([
      ['vulnerability', 'CVE-2018-15473', '10.0.0.5:22/tcp'],
      ['vulnerability', 'CVE-2017-0143', '10.0.0.5:445/tcp'],
      ['session', 'exploit/windows/smb/ms17_010_eternalblue', '10.0.0.5:445'],
      ['vulnerability', 'SQLi', 'http://files01.acme.test:80/login'],
    ]);
    expect(findings[1]).toMatchObject({
      title: 'MS17-010 EternalBlue SMB Remote Windows Kernel Pool Corruption',
      severity: 'critical',
      message: expect.stringContaining(
        'References: CVE-2017-0143, CVE-2017-0144, MSB-MS17-010, EDB-41891. Module: exploit/windows/smb/ms17_010_eternalblue',
      ) as unknown,
    });
    expect(findings[0]?.severity).toBe('unknown');
    expect(findings[2]).toMatchObject({ severity: 'critical', kind: 'session' });
    expect(findings[3]?.severity).toBe('medium');
    expect(summary.details).toMatchObject({
      hosts: 1,
      openServices: 3,
      vulnerabilities: 2,
      webVulnerabilities: 1,
      sessions: 1,
      exploitAttempts: 2,
      exploitAttemptsSucceeded: 1,
      events: 1,
      webSites: 1,
      webPages: 1,
      webForms: 1,
      moduleDetails: 1,
      loots: 1,
      'loot.1': 'windows.hashes hashes.txt from 10.0.0.5',
    });
    expect(summary.notes.join(' ')).toMatch(/no severity/);
    expect(headlineOf(summary)).toBe(
      '1 session opened; 4 findings (2 critical, 1 medium); 1 host, 3 open ports',
    );
  });

  test('credentials are counted by type and user; their secrets are nowhere in the summary', async () => {
    const bytes = await bytesOf('msf-v4-credentials.xml');
    const summary = await summaryOf(bytes);
    // Each credential is written twice by the V4 exporter (per host and in <credentials>).
    expect(summary.details).toMatchObject({
      credentials: 3,
      'credentials.password': 2,
      'credentials.smb_hash': 1,
      credentialUsers: 'Administrator (smb_hash), backup (password), root (password)',
      secretsInClear: 2,
    });
    expect(secretsInClear(summary)).toBe(2);
    const secrets = summary.findings?.items.filter((finding) => finding.kind === 'secret') ?? [];
    expect(secrets.map((finding) => finding.title)).toEqual([
      'Credential found: smb_hash for Administrator (smb)',
      'Credential found: password for backup (ssh)',
      'Credential found: password for root (ssh)',
    ]);
    const stored = JSON.stringify(summary);
    for (const secret of ['8846f7eaee8fb117ad06bdd830b7586c', 'Winter2026!', 'uid=1001(backup)'])
      expect(stored).not.toContain(secret);
  });

  test('the redacted copy replaces every secret, keeps everything else byte for byte and reads the same', async () => {
    const bytes = await bytesOf('msf-v4-credentials.xml');
    const original = new TextDecoder().decode(bytes);
    for (const chunkSize of [7, 64 * 1024]) {
      const copy = await redactedCopy('metasploit', sourceFromBytes('x', bytes, chunkSize).open);
      const text = await redactedString(copy);
      // Two passwords and a proof, twice each (per host and in <credentials>), and the
      // session's datastore; the masked password and the NULL values are not secrets.
      expect(copy.replaced).toBe(7);
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      expect(text).toContain(`<pass>${REDACTED}</pass>`);
      expect(text).toContain('<pass>*MASKED*</pass>');
      const withoutSecrets = SECRETS.reduce(
        (rest, secret) => rest.replaceAll(`>${secret}<`, '><'),
        original,
      );
      expect(text.replaceAll(REDACTED, '')).toBe(withoutSecrets);
      const summary = await summaryOf(encode(text));
      expect(summary.details).toMatchObject({ credentials: 3, secretsInClear: 0 });
      expect(summary.findings?.total).toBe((await summaryOf(bytes)).findings?.total);
      expect(sha256Hex(encode(text))).not.toBe(sha256Hex(bytes));
    }
  });

  test('secrets in non-ASCII text, CDATA or after entities are replaced at any chunk boundary', async () => {
    const text = [
      '<?xml version="1.0" encoding="UTF-8"?><MetasploitV4><hosts><host><address>10.0.0.9</address>',
      '<note>caf\u00e9 \u{1F600}</note><creds><cred><port>22</port><user>\u00e9l\u00e8ve</user>',
      '<pass>p\u00e4\u20ac\u{1F600}&amp;s</pass><proof><![CDATA[uid=0 <root>]]></proof>',
      '<ptype>password</ptype></cred></creds></host></hosts></MetasploitV4>',
    ].join('\n');
    for (const chunkSize of [1, 2, 3, 5, 64 * 1024]) {
      const source = sourceFromBytes('x', encode(text), chunkSize);
      const copy = await redactedString(await redactedCopy('metasploit', source.open));
      expect(copy).toBe(
        text
          .replace('p\u00e4\u20ac\u{1F600}&amp;s', REDACTED)
          .replace('<![CDATA[uid=0 <root>]]>', REDACTED),
      );
    }
  });

  test('an end tag that cannot be located fails closed', async () => {
    const text = `<MetasploitV4><hosts><host><creds><cred><pass>secret</pass${' '.repeat(70_000)}></cred></creds></host></hosts></MetasploitV4>`;
    await expect(
      redactedCopy('metasploit', sourceFromBytes('x', encode(text)).open),
    ).rejects.toThrow(/end tag could not be located/);
  });

  test('a document declaring another encoding is not rewritten', async () => {
    const text = '<?xml version="1.0" encoding="ISO-8859-1"?><MetasploitV4></MetasploitV4>';
    await expect(
      redactedCopy('metasploit', sourceFromBytes('x', encode(text)).open),
    ).rejects.toThrow(/UTF-8/);
  });

  test('the pair: a service closed, another opened, a CVE appeared and a session was opened', async () => {
    const drift = diffSummaries(
      await read('msf-v5-previous.xml'),
      await read('msf-v5-current.xml'),
    );
    const changed = driftGroups(drift)
      .filter((group) => group.items.length > 0)
      .map((group) => [group.title, group.items]);
    expect(changed).toEqual([
      ['Sessions opened', ['10.0.0.5:445 via exploit/windows/smb/ms17_010_eternalblue']],
      ['Ports opened', ['10.0.0.5 445/tcp smb Windows Server 2016 Standard 14393 microsoft-ds']],
      ['Ports closed', ['10.0.0.5 21/tcp ftp Microsoft ftpd']],
      ['New findings', ['[critical] CVE-2017-0143 — 10.0.0.5:445/tcp']],
    ]);
  });
});
