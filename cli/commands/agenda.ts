import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ParsedAgenda } from '../../core/demo/agenda-import';
import {
  MAX_AGENDA_FILE_BYTES,
  detectAgendaFormat,
  parseAgendaFile,
} from '../../core/demo/agenda-import';
import type { CliCommand } from '../command';
import { EXIT, UsageError } from '../command';

const USAGE = `Usage: demo-ledger agenda FILE [--json]

Reads a demo agenda file the way the app imports it (Jira REST JSON, CSV with a header row, or
one item per line) and prints the items, with every problem named by line, row or JSON path.

  --json   print {"file", "format", "items", "problems", "notes"} as JSON

Exit status: 0 every item is valid, 1 the file cannot be read as an agenda or has problems,
2 wrong usage.`;

/** `demo-ledger agenda`: check an agenda export before the meeting. */
export const agendaCommand: CliCommand = {
  name: 'agenda',
  summary: 'Check a Jira JSON, CSV or text agenda file and list its items',
  usage: USAGE,
  async run(args, io) {
    const json = args.includes('--json');
    const files = args.filter((arg) => arg !== '--json');
    const unknown = files.find((arg) => arg.startsWith('-'));
    if (unknown !== undefined) throw new UsageError(`unknown option ${unknown}`);
    const [file, ...extra] = files;
    if (file === undefined) throw new UsageError('name the agenda file to read');
    if (extra.length > 0) throw new UsageError('one file at a time');
    const size = (await stat(file)).size;
    if (size > MAX_AGENDA_FILE_BYTES) {
      throw new Error(
        `${file} is ${size} bytes; agenda files are limited to ${MAX_AGENDA_FILE_BYTES} bytes.`,
      );
    }
    const text = await readFile(file, 'utf8');
    const name = path.basename(file);
    const parsed = parseAgendaFile(name, text);
    const format = detectAgendaFormat(name, text);
    io.stdout(
      json ? `${JSON.stringify({ file, format, ...parsed }, null, 2)}\n` : describe(parsed),
    );
    return parsed.problems.length === 0 ? EXIT.ok : EXIT.failed;
  },
};

function describe(parsed: ParsedAgenda): string {
  const lines = [`${parsed.items.length} ${parsed.items.length === 1 ? 'item' : 'items'}`];
  for (const item of parsed.items) {
    const controls = item.controls?.length ? ` [${item.controls.join(', ')}]` : '';
    const owner = item.owner ? ` (${item.owner})` : '';
    lines.push(`  ${item.key ? `${item.key}  ` : ''}${item.title}${owner}${controls}`);
  }
  for (const note of parsed.notes) lines.push(`note: ${note}`);
  for (const problem of parsed.problems) lines.push(`problem: ${problem.at}: ${problem.message}`);
  return `${lines.join('\n')}\n`;
}
