import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedFixture } from '../../fixtures';
import { runCommand } from './run';

describe('demo-ledger agenda', () => {
  it('lists the items of a Jira export with the paging note, exit 0', async () => {
    const result = await runCommand([
      'agenda',
      sharedFixture('jira', 'perceval-jira-search-page1-fiware.json'),
    ]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('2 items');
    expect(result.out).toContain('HELP-6043  [Fiware-lab-help] FIWARE Lab Assistance (User1)');
    expect(result.out).toContain('note: This file holds 2 of the 3 issues');
  });

  it('prints JSON and exits 1 when a CSV row has a problem', async () => {
    const file = path.resolve(import.meta.dirname, '../../fixtures/jira-export-agenda.csv');
    const result = await runCommand(['agenda', file, '--json']);
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.out) as {
      format: string;
      items: { key: string }[];
      problems: { at: string }[];
    };
    expect(parsed.format).toBe('csv');
    expect(parsed.items.map((item) => item.key)).toEqual([
      'PAY-142',
      'PAY-143',
      'PAY-144',
      'PAY-145',
    ]);
    expect(parsed.problems.map((problem) => problem.at)).toEqual(['row 3']);
  });

  it('exits 1 with a message for a file that is not an agenda, 2 for wrong usage', async () => {
    const invalid = await runCommand([
      'agenda',
      sharedFixture('jira', 'perceval-jira-fields.json'),
    ]);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain('not a Jira export');
    expect((await runCommand(['agenda'])).code).toBe(2);
    expect((await runCommand(['agenda', 'a', 'b'])).code).toBe(2);
    expect((await runCommand(['agenda', '--yaml', 'a'])).code).toBe(2);
  });
});
