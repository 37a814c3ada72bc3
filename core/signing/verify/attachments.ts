import type { PDFDict, PDFDocument, PDFObject } from '@cantoo/pdf-lib';
import {
  decodePDFRawStream,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFString,
} from '@cantoo/pdf-lib';
import { arrayAt, dictAt } from './lookup';
import { AnyEvidenceManifest, MANIFEST_FILE_NAME } from '../../report/manifest';
import { sha256, toHex } from '../der';

/** Embedded files (the EmbeddedFiles name tree) and the evidence manifest check. */

export interface EmbeddedFile {
  name: string;
  bytes: Uint8Array;
}

export interface ManifestFileCheck {
  name: string;
  sha256: string;
  embeddedAs: string | null;
  status: 'match' | 'mismatch' | 'missing' | 'not-embedded';
}

export interface ManifestReport {
  present: boolean;
  /** SHA-256 of the manifest file itself, as printed on the report's title page. */
  sha256: string | null;
  files: ManifestFileCheck[];
  problems: string[];
}

const MAX_TREE_NODES = 100_000;

function text(object: PDFObject | undefined): string | null {
  return object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : null;
}

export function embeddedFiles(doc: PDFDocument): EmbeddedFile[] {
  const { context } = doc;
  const names = dictAt(context, doc.catalog.get(PDFName.of('Names')));
  const root = dictAt(context, names?.get(PDFName.of('EmbeddedFiles')));
  const files: EmbeddedFile[] = [];
  let visited = 0;
  const visit = (node: PDFDict | undefined, depth: number): void => {
    if (node === undefined || depth > 32 || visited > MAX_TREE_NODES) return;
    visited += 1;
    const pairs = arrayAt(context, node.get(PDFName.of('Names')));
    for (let index = 0; pairs !== undefined && index + 1 < pairs.size(); index += 2) {
      const key = text(doc.context.lookup(pairs.get(index)));
      const spec = dictAt(context, pairs.get(index + 1));
      const embedded = dictAt(context, spec?.get(PDFName.of('EF')));
      const stream = embedded?.lookup(PDFName.of('UF')) ?? embedded?.lookup(PDFName.of('F'));
      const name =
        text(spec?.lookup(PDFName.of('UF'))) ?? text(spec?.lookup(PDFName.of('F'))) ?? key ?? '';
      if (stream instanceof PDFRawStream)
        files.push({ name, bytes: decodePDFRawStream(stream).decode() });
    }
    const kids = arrayAt(context, node.get(PDFName.of('Kids')));
    for (let index = 0; kids !== undefined && index < kids.size(); index += 1) {
      visit(dictAt(context, kids.get(index)), depth + 1);
    }
  };
  visit(root, 0);
  return files;
}

export async function checkManifest(files: readonly EmbeddedFile[]): Promise<ManifestReport> {
  const manifestFile = files.find((file) => file.name === MANIFEST_FILE_NAME);
  if (manifestFile === undefined) return { present: false, sha256: null, files: [], problems: [] };
  const problems: string[] = [];
  let parsed: AnyEvidenceManifest;
  try {
    parsed = AnyEvidenceManifest.parse(
      JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestFile.bytes)),
    );
  } catch {
    return {
      present: true,
      sha256: toHex(await sha256(manifestFile.bytes)),
      files: [],
      problems: ['the evidence manifest is not valid JSON of the expected shape'],
    };
  }
  const byName = new Map(files.map((file) => [file.name, file]));
  const checks: ManifestFileCheck[] = [];
  for (const entry of parsed.files) {
    if (entry.embeddedAs === null) {
      checks.push({
        name: entry.name,
        sha256: entry.sha256,
        embeddedAs: null,
        status: 'not-embedded',
      });
      continue;
    }
    const file = byName.get(entry.embeddedAs);
    if (file === undefined) {
      checks.push({
        name: entry.name,
        sha256: entry.sha256,
        embeddedAs: entry.embeddedAs,
        status: 'missing',
      });
      problems.push(`${entry.name}: listed as embedded but not attached`);
      continue;
    }
    const matches =
      file.bytes.length === entry.size && toHex(await sha256(file.bytes)) === entry.sha256;
    checks.push({
      name: entry.name,
      sha256: entry.sha256,
      embeddedAs: entry.embeddedAs,
      status: matches ? 'match' : 'mismatch',
    });
    if (!matches)
      problems.push(`${entry.name}: the attached file does not match its SHA-256 in the manifest`);
  }
  return {
    present: true,
    sha256: toHex(await sha256(manifestFile.bytes)),
    files: checks,
    problems,
  };
}
