import { describe, expect, test } from 'vitest';
import type { DiffJson } from '../../../cli/commands/evidence-json';
import { localFixture } from '../../fixtures';
import { runCommand } from './run';

const previous = localFixture('metasploit', 'msf-v5-previous.xml');
const current = localFixture('metasploit', 'msf-v5-current.xml');

describe('demo-ledger diff over two Metasploit exports', () => {
  test('--json reports exactly the drift: a session opened, a service opened, one closed, a CVE', async () => {
    const { code, out, err } = await runCommand(['diff', previous, current, '--json']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const json = JSON.parse(out) as DiffJson;
    expect(json.current.format).toBe('metasploit');
    expect(json.sessions).toMatchObject({
      opened: [
        {
          rule: 'exploit/windows/smb/ms17_010_eternalblue',
          severity: 'critical',
          location: '10.0.0.5:445',
        },
      ],
      gone: [],
      unchanged: 0,
    });
    expect(json.ports).toMatchObject({
      opened: [{ host: '10.0.0.5', port: 445, protocol: 'tcp' }],
      closed: [{ host: '10.0.0.5', port: 21, protocol: 'tcp' }],
      changed: [],
      unchanged: 2,
    });
    expect(json.findings).toMatchObject({
      new: [{ rule: 'CVE-2017-0143', severity: 'critical', location: '10.0.0.5:445/tcp' }],
      fixed: [],
      unchanged: 2,
    });
    expect(json.findings?.new).toHaveLength(1);
  });

  test('the text says the same, and --fail-on-drift exits 1; the same export twice exits 0', async () => {
    const drifted = await runCommand(['diff', previous, current, '--fail-on-drift']);
    expect(drifted.code).toBe(1);
    expect(drifted.out).toContain(
      'sessions opened:\n    10.0.0.5:445 via exploit/windows/smb/ms17_010_eternalblue',
    );
    expect(drifted.out).toContain('ports closed:\n    10.0.0.5 21/tcp ftp Microsoft ftpd');
    expect(drifted.out).toContain('new findings:\n    [critical] CVE-2017-0143 — 10.0.0.5:445/tcp');
    const same = await runCommand(['diff', current, current, '--fail-on-drift']);
    expect(same.code).toBe(0);
    expect(same.out).toContain('sessions opened: none');
  });
});
