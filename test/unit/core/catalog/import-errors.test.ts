import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCsvCatalog, parseCsv } from '../../../../core/catalog/csv';
import { formatIssue } from '../../../../core/catalog/issues';
import { countCatalog } from '../../../../core/catalog/model';
import { importOscalCatalog } from '../../../../core/oscal/catalog-import';
import { sharedFixture } from '../../../fixtures';

const fixture = (name: string) =>
  readFileSync(path.resolve('test/fixtures/catalogs', name), 'utf8');
const nistText = () =>
  readFileSync(sharedFixture('oscal/NIST_SP-800-53_rev5_catalog.json'), 'utf8');
const csvOptions = { catalogId: 'team-policy', title: 'Team policy', version: '3' };

describe('OSCAL import errors', () => {
  it('names the line of a JSON syntax error', () => {
    const result = importOscalCatalog('{\n  "catalog": {\n    "uuid": "x",\n  }\n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ line: 4, column: 3 });
    expect(formatIssue(result.errors[0]!)).toMatch(/line 4.*not valid JSON/);
  });

  it('reports every schema error with its JSON path and line, without anyOf noise', () => {
    const broken = nistText()
      .replace('"title": "Account Management"', '"title": "Account\\nManagement"')
      .replace('"version": "5.0.1"', '"version": 5');
    const result = importOscalCatalog(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((issue) => [issue.path, issue.message])).toEqual([
      ['/catalog/metadata/version', 'must be string'],
      ['/catalog/groups/0/controls/1/title', 'must be a single line of text'],
    ]);
    const titleLine =
      broken.split('\n').findIndex((line) => line.includes('Account\\nManagement')) + 1;
    expect(result.errors[1]?.line).toBe(titleLine);
  });

  it('refuses documents that are not catalogs, and controls whose ids cannot be referenced', () => {
    const ar = readFileSync(sharedFixture('oscal/ifa_assessment-results-example.json'), 'utf8');
    const notCatalog = importOscalCatalog(ar);
    expect(
      !notCatalog.ok && notCatalog.errors.some((issue) => issue.message.includes('catalog')),
    ).toBe(true);
    const unicode = nistText().replace('"id": "ac-2"', '"id": "ac-2é"');
    const result = importOscalCatalog(unicode);
    expect(!result.ok && result.errors[0]?.path).toBe('/catalog/groups/0/controls/1/id');
  });

  it('survives hostile input: deep nesting, huge files, HTML in prose stays text', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(importOscalCatalog(deep).ok).toBe(false);
    expect(importOscalCatalog(' '.repeat(64 * 1024 * 1024 + 1)).ok).toBe(false);
    const html = nistText().replace('Assign account managers;', '<script>alert(1)</script>');
    const result = importOscalCatalog(html, { catalogId: 'x' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const ac2 = result.value.controls.find((control) => control.id === 'ac-2');
    expect(ac2?.statement?.items[1]?.prose).toBe('<script>alert(1)</script>');
  });
});

describe('CSV catalogs', () => {
  it('imports the documented layout with groups, enhancements and mappings', () => {
    const result = importCsvCatalog(fixture('sample.csv'), {
      ...csvOptions,
      fileName: 'sample.csv',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const catalog = result.value;
    expect(countCatalog(catalog)).toMatchObject({ groups: 2, controls: 2, enhancements: 1 });
    expect(catalog.controls[0]?.statement?.prose).toBe('Passwords have at least\n15 characters.');
    expect(catalog.controls[1]).toMatchObject({
      id: 'PW-1.1',
      parentId: 'PW-1',
      mappings: ['owasp-asvs#V6.2.12'],
    });
    expect(catalog.controls[2]?.mappings).toEqual([
      'nist-sp-800-53-rev5#ac-7',
      'owasp-asvs#V16.3.1',
    ]);
    expect(catalog.sources[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports every problem with its line and imports nothing', () => {
    const result = importCsvCatalog(fixture('broken.csv'), csvOptions);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((issue) => `${issue.line}:${issue.path}`)).toEqual([
      '3:id',
      '4:title',
      '6:mappings',
      '5:parent',
    ]);
  });

  it('names a missing column and a malformed quote', () => {
    const noTitle = importCsvCatalog('id,statement\nA-1,x\n', csvOptions);
    expect(!noTitle.ok && noTitle.errors[0]?.message).toBe('the header has no "title" column');
    const badQuote = importCsvCatalog('id,title\nA-1,"open\n', csvOptions);
    expect(!badQuote.ok && badQuote.errors[0]?.line).toBe(2);
  });

  it('tracks lines across quoted line breaks', () => {
    const { records } = parseCsv('a,b\n"x\ny",1\n\nz,2\n');
    expect(records.map((record) => record.line)).toEqual([1, 2, 5]);
  });
});
