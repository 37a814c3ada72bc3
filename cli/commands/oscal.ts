import { readFile } from 'node:fs/promises';
import { assessmentResults } from '../../core/oscal/assessment-results';
import { parseReportModel } from '../../core/report/model';
import { writeFileAtomic } from '../../main/services/files';
import type { CliCommand } from '../command';
import { EXIT } from '../command';
import { parseCliArgs, positionals } from '../args';

export const oscalCommand: CliCommand = {
  name: 'oscal',
  summary: 'Export a report model as OSCAL assessment results (JSON)',
  usage: `Usage: demo-ledger oscal MODEL.json [--out RESULTS.json]

Writes NIST OSCAL assessment-results JSON (observations, findings per verdict, evidence with
SHA-256 in back-matter) for the report model; to standard output without --out.`,
  async run(args, io) {
    const { values, positionals: given } = parseCliArgs({
      args,
      allowPositionals: true,
      options: { out: { type: 'string' } },
    });
    const [file = ''] = positionals(given, 1, 'exactly one MODEL.json');
    const model = parseReportModel(JSON.parse(await readFile(file, 'utf8')));
    const text = `${JSON.stringify(assessmentResults(model), null, 2)}\n`;
    const out = values.out;
    if (out === undefined) io.stdout(text);
    else {
      await writeFileAtomic(out, new TextEncoder().encode(text));
      io.stdout(`${out}: OSCAL assessment results for ${model.id}\n`);
    }
    return EXIT.ok;
  },
};
