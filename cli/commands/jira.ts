import { readFile, stat } from 'node:fs/promises';
import type { ImportResult } from '../../core/tracker/imported';
import { MAX_TRACKER_TEXT } from '../../core/tracker/imported';
import { parseJiraCsv } from '../../core/tracker/jira-csv';
import { parseJiraJson } from '../../core/tracker/jira-json';
import type { CliCommand } from '../command';
import { parseCliArgs } from '../args';
import { EXIT, UsageError } from '../command';

const USAGE = `Usage: demo-ledger jira FILE [--fields FIELDS.json] [--tz ZONE] [--json]

Reads a Jira export (REST JSON, or CSV) as the Issues area imports it, and prints the issues.
Exit status 1 when any issue could not be read.

Options:
  --fields FILE  Jira's field list (/rest/api/2/field) to read custom Severity/Controls fields
  --tz ZONE      zone for dates written without an offset (default: this computer's)
  --json         print JSON: {issues: [...], problems: [{where, message}]}`;

async function readBounded(file: string): Promise<string> {
  const info = await stat(file);
  if (info.size > MAX_TRACKER_TEXT)
    throw new Error(`${file} is larger than ${MAX_TRACKER_TEXT / 1024 / 1024} MiB`);
  return readFile(file, 'utf8');
}

export const jiraCommand: CliCommand = {
  name: 'jira',
  summary: 'Read a Jira export (REST JSON or CSV) as the Issues area imports it',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCliArgs({
      args,
      options: {
        fields: { type: 'string' },
        tz: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      allowPositionals: true,
    });
    const [file, ...extra] = parsed.positionals;
    if (file === undefined || extra.length > 0) throw new UsageError('give exactly one FILE');
    const timeZone = parsed.values.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const text = await readBounded(file);
    const result: ImportResult = /^\s*[[{]/.test(text)
      ? parseJiraJson(text, {
          timeZone,
          ...(parsed.values.fields === undefined
            ? {}
            : { fields: await readBounded(parsed.values.fields) }),
        })
      : parseJiraCsv(text, { timeZone });
    if (parsed.values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else {
      for (const issue of result.issues) {
        io.stdout(
          `${issue.trackerKey ?? '-'}\t${issue.priority}\t${issue.status}\t${issue.title}\n`,
        );
      }
      for (const problem of result.problems)
        io.stderr(`skipped ${problem.where}: ${problem.message}\n`);
      io.stdout(`${result.issues.length} issues, ${result.problems.length} skipped\n`);
    }
    return result.problems.length > 0 ? EXIT.failed : EXIT.ok;
  },
};
