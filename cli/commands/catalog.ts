import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { importCsvCatalog } from '../../core/catalog/csv';
import type { ImportIssue } from '../../core/catalog/issues';
import { MAX_IMPORT_CHARS, formatIssue } from '../../core/catalog/issues';
import { countCatalog } from '../../core/catalog/model';
import { importOscalCatalog, suggestCatalogId } from '../../core/oscal/catalog-import';
import type { CliCommand } from '../command';
import { parseCliArgs, positionals } from '../args';
import { EXIT } from '../command';

const USAGE = `Usage: demo-ledger catalog FILE [--json] [--id ID] [--title TITLE] [--version VERSION]

Validates an OSCAL catalog (JSON, checked against the official OSCAL schema; resolved profile
catalogs too) or a CSV catalog (columns id, title, statement, group, parent, mappings, guidance)
and prints its title, version, number of groups, controls and enhancements, and every error with
its path and line. --id, --title and --version name a CSV catalog (defaults: the file name, 1).
Exit status: 0 valid, 1 invalid, 2 wrong usage.`;

interface Options {
  file: string;
  json: boolean;
  id?: string;
  title?: string;
  version?: string;
}

function parseOptions(args: string[]): Options {
  const { values, positionals: given } = parseCliArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      id: { type: 'string' },
      title: { type: 'string' },
      version: { type: 'string' },
    },
  });
  const [file = ''] = positionals(given, 1, 'one catalog FILE');
  return { file, ...values };
}

export const catalogCommand: CliCommand = {
  name: 'catalog',
  summary: 'Validate an OSCAL or CSV control catalog and count its controls',
  usage: USAGE,
  async run(args, io) {
    const options = parseOptions(args);
    const fileName = path.basename(options.file);
    const fail = (errors: ImportIssue[], format: string): number => {
      if (options.json)
        io.stdout(
          `${JSON.stringify({ file: options.file, valid: false, format, errors, warnings: [] }, null, 2)}\n`,
        );
      else {
        io.stderr(`${options.file}: invalid ${format === 'csv' ? 'CSV' : 'OSCAL'} catalog\n`);
        for (const issue of errors) io.stderr(`  ${formatIssue(issue)}\n`);
      }
      return EXIT.failed;
    };
    const info = await stat(options.file).catch(() => null);
    if (!info?.isFile()) throw new Error(`${options.file} is not a readable file`);
    // Characters are at most bytes here; refuse before reading a file no catalog could be.
    if (info.size > MAX_IMPORT_CHARS * 4)
      return fail([{ path: '', message: 'the file is too large to be a catalog' }], 'unknown');
    const text = await readFile(options.file, 'utf8');
    const isCsv = fileName.toLowerCase().endsWith('.csv') || !text.trimStart().startsWith('{');
    const stem = fileName.replace(/\.[^.]+$/, '');
    const result = isCsv
      ? importCsvCatalog(text, {
          catalogId: options.id ?? suggestCatalogId(stem),
          title: options.title ?? stem,
          version: options.version ?? '1',
          fileName,
        })
      : importOscalCatalog(text, { fileName, ...(options.id ? { catalogId: options.id } : {}) });
    const format = isCsv ? 'csv' : 'oscal';
    if (!result.ok) return fail(result.errors, format);
    const catalog = result.value;
    const counts = countCatalog(catalog);
    if (options.json) {
      io.stdout(
        `${JSON.stringify(
          {
            file: options.file,
            valid: true,
            format,
            id: catalog.id,
            title: catalog.title,
            version: catalog.version,
            oscalVersion: catalog.oscalVersion ?? null,
            ...counts,
            profiles: catalog.profiles.map((profile) => ({
              id: profile.id,
              controls: profile.controlIds.length,
            })),
            errors: [],
            warnings: result.warnings,
          },
          null,
          2,
        )}\n`,
      );
      return EXIT.ok;
    }
    io.stdout(
      [
        catalog.title,
        `Version:      ${catalog.version}${catalog.oscalVersion ? ` (OSCAL ${catalog.oscalVersion})` : ''}`,
        `Format:       ${isCsv ? 'CSV' : 'OSCAL catalog'}`,
        `Groups:       ${counts.groups}`,
        `Controls:     ${counts.controls}`,
        `Enhancements: ${counts.enhancements}`,
        ...(counts.withdrawn > 0 ? [`Withdrawn:    ${counts.withdrawn} (included above)`] : []),
        ...result.warnings.map((warning) => `Warning: ${formatIssue(warning)}`),
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  },
};
