import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { InspectJson } from '../../../cli/commands/evidence-json';
import { conformanceDir, conformanceFile, repoFile } from '../../fixtures';
import { DIFFERENCES, EXPECTED } from './conformance-table';
import { runCommand } from './run';

/**
 * DefectDojo's parser-test samples (conformance/defectdojo) through `demo-ledger inspect
 * --json`: every file is recognised, a failed scan, or flagged as not understood, exactly as the
 * checked-in table says; where our count differs from the one DefectDojo's tests assert, the
 * table names the difference of definition, and the README lists every one of them.
 */

interface Expectation {
  file: string;
  defectdojo_findings: number;
}

/** The number comparable with DefectDojo's: findings, else failed checks, else open ports. */
function comparableCount(json: InspectJson): number {
  return json.findings?.total ?? json.checks?.fail ?? json.ports?.length ?? 0;
}

async function corpusFiles(): Promise<string[]> {
  const root = conformanceFile('defectdojo');
  const tools = (await readdir(root)).sort();
  const files = await Promise.all(
    tools.map(async (tool) =>
      (await readdir(path.join(root, tool))).sort().map((name) => `defectdojo/${tool}/${name}`),
    ),
  );
  return files.flat();
}

async function defectDojoCounts(): Promise<Map<string, number>> {
  const text = await readFile(path.join(conformanceDir(), 'defectdojo-expectations.json'), 'utf8');
  return new Map(
    (JSON.parse(text) as Expectation[]).map((entry) => [entry.file, entry.defectdojo_findings]),
  );
}
const defectDojo = defectDojoCounts();

describe('the conformance corpus', { timeout: 60_000 }, () => {
  test('every sample is in the table, and the table names no other file', async () => {
    expect(await corpusFiles()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(Object.entries(EXPECTED))('%s', async (file, expected) => {
    const { code, out, err } = await runCommand(['inspect', conformanceFile(file), '--json']);
    expect(err).toBe('');
    const json = JSON.parse(out) as InspectJson;
    const count = comparableCount(json);
    expect({
      format: json.format,
      recognised: json.recognised,
      scan: json.scan.status,
      count,
    }).toEqual({
      format: expected.format,
      recognised: expected.recognised,
      scan: expected.scan,
      count: expected.count,
    });
    // A failed scan is said in the exit status and in the tool's words; never a clean result.
    expect(code).toBe(json.scan.status === 'failed' || !json.ok ? 1 : 0);
    if (json.scan.status !== 'complete') expect(json.scan.reason).toMatch(/\w/);
    // A file no reader understood that looks like a report says so first.
    if (!json.recognised && json.format === 'json' && expected.differs === 'trivy-operator')
      expect(json.notes[0]).toMatch(/^NOT UNDERSTOOD/);
    const theirs = (await defectDojo).get(file);
    if (theirs !== undefined && theirs !== count)
      expect(expected.differs, `DefectDojo counts ${theirs}, we count ${count}`).toBeDefined();
    if (theirs === undefined || theirs === count) expect(expected.differs).toBeUndefined();
  });

  test('the README lists every difference of definition', async () => {
    const readme = await readFile(repoFile('README.md'), 'utf8');
    for (const text of Object.values(DIFFERENCES)) expect(readme).toContain(text);
  });
});
