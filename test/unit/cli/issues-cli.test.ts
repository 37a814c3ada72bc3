import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../cli/commands';
import { runCli } from '../../../cli/main';
import { sharedFixture } from '../../fixtures';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { name: 'demo-ledger', version: '0.0.0' }, COMMANDS, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: {},
  });
  return { code, stdout, stderr };
}

describe('demo-ledger sla', () => {
  it('prints the due time of a P2 raised at the weekend, across a daylight-saving change', async () => {
    const { code, stdout } = await cli(
      'sla',
      '--priority',
      'P2',
      '--raised',
      '2026-03-28T12:00:00Z',
      '--tz',
      'Europe/London',
      '--json',
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      priority: 'P2',
      raisedAt: '2026-03-28T12:00:00.000Z',
      dueAt: '2026-04-03T16:00:00.000Z',
      dueLocal: '2026-04-03 17:00 +01:00',
      timeZone: 'Europe/London',
    });
  });

  it('takes a Sunday-to-Thursday week, holidays and a risk expiry', async () => {
    const { stdout } = await cli(
      'sla',
      '--priority',
      'P2',
      '--raised',
      '2026-11-27T07:00:00Z',
      '--tz',
      'Asia/Riyadh',
      '--working-days',
      '7,1,2,3,4',
      '--holiday',
      '2026-12-03',
      '--risk-expires',
      '2026-12-31',
    );
    expect(stdout).toContain(
      'is due 2026-12-02 17:00 +03:00 (Asia/Riyadh), 2026-12-02T14:00:00.000Z',
    );
    expect(stdout).toContain('runs out 2026-12-31T21:00:00.000Z');
  });

  it('rejects wrong usage with exit status 2', async () => {
    expect((await cli('sla', '--priority', 'P5')).code).toBe(2);
    expect((await cli('sla', '--priority', 'P1', '--tz', 'Mars/Base')).stderr).toContain(
      'invalid policy: timeZone',
    );
    expect((await cli('sla', '--priority', 'P1', '--raised', 'soon')).code).toBe(2);
  });
});

describe('demo-ledger jira', () => {
  it('lists the issues of a Jira search export', async () => {
    const { code, stdout } = await cli(
      'jira',
      sharedFixture('jira', 'perceval-jira-search-page1-fiware.json'),
      '--tz',
      'UTC',
    );
    expect(code).toBe(0);
    expect(stdout).toBe(
      'HELP-6043\tP2\topen\t[Fiware-lab-help] FIWARE Lab Assistance\nHELP-6042\tP2\tclosed\tHELP-6042 (no summary in Jira)\n2 issues, 0 skipped\n',
    );
  });

  it('prints JSON and fails on a file that is not a Jira export', async () => {
    const json = await cli(
      'jira',
      sharedFixture('jira', 'go-jira-agile-issues-in-sprint.json'),
      '--json',
    );
    expect((JSON.parse(json.stdout) as { issues: unknown[] }).issues[0]).toMatchObject({
      trackerKey: 'AR-86',
      priority: 'P2',
    });
    const wrong = await cli('jira', sharedFixture('jira', 'perceval-jira-fields.json'));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('not a Jira issue export');
  });
});
