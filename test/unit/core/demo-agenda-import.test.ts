import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AgendaImportError,
  MAX_AGENDA_ITEMS,
  detectAgendaFormat,
  parseAgendaCsv,
  parseAgendaFile,
  parseJiraJson,
  parsePastedAgenda,
} from '../../../core/demo/agenda-import';
import { parseAttendeeLines } from '../../../core/demo/attendees';
import { browseLink, descriptionText } from '../../../core/demo/jira';
import { sharedFixture } from '../../fixtures';

const read = (file: string): string => readFileSync(file, 'utf8');

describe('parseJiraJson on real Jira REST responses', () => {
  it('reads an Agile "issues in sprint" page, says it is one page of ten, and links the issue', () => {
    const parsed = parseJiraJson(
      read(sharedFixture('jira', 'go-jira-agile-issues-in-sprint.json')),
    );
    expect(parsed.items).toEqual([
      {
        key: 'AR-86',
        title: 'AR-86',
        description: '',
        owner: 'mister Morris',
        links: ['https://example.atlassian.net/browse/AR-86'],
        controls: [],
      },
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.notes).toEqual([
      'This file holds 1 of the 10 issues its search found (one page of results). Export the other pages to import them too.',
    ]);
  });

  it('reads the same response with a changelog', () => {
    const parsed = parseJiraJson(
      read(sharedFixture('jira', 'go-jira-issues-in-sprint-with-changelog.json')),
    );
    expect(parsed.items.map((item) => item.key)).toEqual(['AR-86']);
  });

  it('reads a REST v2 search page with summaries, descriptions and assignees', () => {
    const parsed = parseJiraJson(
      read(sharedFixture('jira', 'perceval-jira-search-page1-fiware.json')),
    );
    expect(parsed.items.map((item) => [item.key, item.title, item.owner])).toEqual([
      ['HELP-6043', '[Fiware-lab-help] FIWARE Lab Assistance', 'User1'],
      ['HELP-6042', 'HELP-6042', 'User1'],
    ]);
    expect(parsed.items[0]?.links).toEqual(['https://jira.fiware.org/browse/HELP-6043']);
    expect(parsed.notes[0]).toContain('2 of the 3 issues');
  });

  it('refuses JSON that is not a Jira export, and malformed JSON, with a message', () => {
    expect(() => parseJiraJson(read(sharedFixture('jira', 'perceval-jira-fields.json')))).toThrow(
      AgendaImportError,
    );
    expect(() => parseJiraJson('{"issues": [')).toThrow(/not valid JSON/);
    expect(() => parseJiraJson('{"name": "x"}')).toThrow(/not a Jira export/);
  });

  it('reports issues without a key by their JSON path and keeps the good ones', () => {
    const parsed = parseJiraJson(
      JSON.stringify({ issues: [{ key: 'OK-1', fields: { summary: 'Fine' } }, { fields: {} }] }),
    );
    expect(parsed.items.map((item) => item.key)).toEqual(['OK-1']);
    expect(parsed.problems.map((problem) => problem.at)).toEqual(['issues[1].key']);
  });

  it('flattens v3 rich-text descriptions to text and keeps markup as inert text', () => {
    const adf = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'First <b>line</b>' }] },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }],
            },
          ],
        },
      ],
    };
    expect(descriptionText(adf)).toBe('First <b>line</b>\none');
    const parsed = parseJiraJson(
      JSON.stringify([{ key: 'X-1', fields: { summary: 'S', description: adf } }]),
    );
    expect(parsed.items[0]?.description).toBe('First <b>line</b>\none');
  });

  it('survives hostile nesting and huge text without running away', () => {
    let deep: unknown = { type: 'text', text: 'bottom' };
    for (let level = 0; level < 10_000; level += 1) deep = { type: 'paragraph', content: [deep] };
    expect(descriptionText(deep)).toBe('');
    const long = 'x'.repeat(50_000);
    const parsed = parseJiraJson(
      JSON.stringify([{ key: 'X-1', fields: { summary: long, description: long } }]),
    );
    expect(parsed.items[0]?.title).toHaveLength(300);
    expect(parsed.items[0]?.description).toHaveLength(20_000);
    expect(parsed.problems.map((problem) => problem.at)).toEqual([
      '[0].fields.summary',
      '[0].fields.description',
    ]);
  });

  it('only builds http(s) browse links', () => {
    expect(browseLink('https://jira.example.org/jira/rest/api/2/issue/1', 'A-1')).toBe(
      'https://jira.example.org/jira/browse/A-1',
    );
    expect(browseLink('javascript:alert(1)', 'A-1')).toBeNull();
    expect(browseLink('file:///etc/passwd', 'A-1')).toBeNull();
    expect(browseLink(undefined, 'A-1')).toBeNull();
  });
});

describe('parseAgendaCsv', () => {
  const csv = read(path.resolve(import.meta.dirname, '../../fixtures/jira-export-agenda.csv'));

  it('reads Jira-style CSV headers, multi-line quoted cells and a controls column', () => {
    const parsed = parseAgendaCsv(csv);
    expect(parsed.items[0]).toEqual({
      key: 'PAY-142',
      title: 'Card tokenisation',
      description: 'Card numbers are replaced by tokens.\nOnly the vault sees a PAN.',
      owner: 'Kim Ito',
      links: [],
      controls: ['nist-sp-800-53-rev5#sc-12', 'nist-sp-800-53-rev5#ac-2'],
    });
    expect(parsed.items[1]).toMatchObject({
      title: 'Refund limits, per merchant',
      description: 'Limits are configurable; "hard" cap at 10,000',
      controls: [],
    });
    expect(parsed.items[2]).toMatchObject({ key: 'PAY-144', title: 'PAY-144' });
  });

  it('keeps HTML as text, and reports a bad control reference by row', () => {
    const parsed = parseAgendaCsv(csv);
    expect(parsed.items[3]).toMatchObject({
      title: '<script>alert(1)</script>',
      description: '<img src=x onerror=alert(1)>',
    });
    expect(parsed.problems).toEqual([
      { at: 'row 3', message: '“not-a-control” is not a control reference; left out.' },
    ]);
  });

  it('needs a title or key column', () => {
    expect(() => parseAgendaCsv('Owner,Description\nKim,x\n')).toThrow(/header row/);
    expect(() => parseAgendaCsv('')).toThrow(/empty/);
  });

  it('reports a malformed quote with its row', () => {
    const parsed = parseAgendaCsv('Title,Owner\n"Unclosed,Kim\n');
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.problems[0]?.at).toMatch(/^row \d+$/);
  });

  it('rejects non-http links in a links column', () => {
    const parsed = parseAgendaCsv('Title,Links\nA,https://ok.example/1 javascript:alert(1)\n');
    expect(parsed.items[0]?.links).toEqual(['https://ok.example/1']);
    expect(parsed.problems[0]?.message).toContain('not an http(s) link');
  });
});

describe('parsePastedAgenda', () => {
  it('reads keys, bullets, numbering and spreadsheet cells, one item per line', () => {
    const parsed = parsePastedAgenda(
      [
        'PAY-142 Card tokenisation',
        '- PAY-143: Refund limits',
        '2. Audit trail export',
        '',
        'PAY-150\tWebhook signatures\tKim Ito',
        'Rotate keys\tSam Patel',
        'PAY-151',
      ].join('\n'),
    );
    expect(parsed.items.map((item) => [item.key, item.title, item.owner])).toEqual([
      ['PAY-142', 'Card tokenisation', ''],
      ['PAY-143', 'Refund limits', ''],
      ['', 'Audit trail export', ''],
      ['PAY-150', 'Webhook signatures', 'Kim Ito'],
      ['', 'Rotate keys', 'Sam Patel'],
      ['PAY-151', 'PAY-151', ''],
    ]);
    expect(parsed.problems).toEqual([]);
  });

  it('reports a line that is too long, by line number', () => {
    const parsed = parsePastedAgenda(`ok\n${'y'.repeat(301)}`);
    expect(parsed.items).toHaveLength(1);
    expect(parsed.problems[0]?.at).toBe('line 2');
  });

  it(`imports at most ${MAX_AGENDA_ITEMS} items at a time and says so`, () => {
    const parsed = parsePastedAgenda(Array.from({ length: 600 }, (_, i) => `Item ${i}`).join('\n'));
    expect(parsed.items).toHaveLength(MAX_AGENDA_ITEMS);
    expect(parsed.notes).toEqual([
      `Only the first ${MAX_AGENDA_ITEMS} items are imported at a time.`,
    ]);
  });
});

describe('parseAgendaFile', () => {
  it('chooses the parser by file name or content', () => {
    expect(detectAgendaFormat('sprint.json', '')).toBe('jira-json');
    expect(detectAgendaFormat('sprint.CSV', '')).toBe('csv');
    expect(detectAgendaFormat('notes.txt', '  [ ]')).toBe('jira-json');
    expect(detectAgendaFormat('notes.txt', 'PAY-1 x')).toBe('text');
    expect(parseAgendaFile('list.txt', 'PAY-1 One').items[0]?.key).toBe('PAY-1');
  });

  it('refuses files over the size limit before parsing', () => {
    expect(() => parseAgendaFile('big.json', ' '.repeat(20 * 1024 * 1024 + 1))).toThrow(
      /larger than 20 MiB/,
    );
  });
});

describe('parseAttendeeLines', () => {
  it('reads name and role in the usual ways, with role aliases', () => {
    const parsed = parseAttendeeLines(
      'Dana Reyes, auditor\nSam Patel (infosec)\nLee Wong - product owner\nKim Ito, dev\n\nAl, PO',
    );
    expect(parsed.attendees).toEqual([
      { name: 'Dana Reyes', role: 'auditor' },
      { name: 'Sam Patel', role: 'infosec' },
      { name: 'Lee Wong', role: 'product-owner' },
      { name: 'Kim Ito', role: 'developer' },
      { name: 'Al', role: 'product-owner' },
    ]);
    expect(parsed.problems).toEqual([]);
  });

  it('reports a line without a known role', () => {
    const parsed = parseAttendeeLines('Dana Reyes\nSam, janitor');
    expect(parsed.attendees).toEqual([]);
    expect(parsed.problems.map((problem) => problem.at)).toEqual(['line 1', 'line 2']);
  });
});
