import type { PDFContext, PDFDocument, PDFObject } from '@cantoo/pdf-lib';
import type { PDFArray } from '@cantoo/pdf-lib';
import { PDFDict, PDFHexString, PDFName, PDFNumber, PDFString } from '@cantoo/pdf-lib';
import { arrayAt, dictAt } from './lookup';
import type * as pkijs from 'pkijs';
import { parseCertificate } from '../certificates';
import { fromHex, sha256, toHex } from '../der';
import { loadForUpdate } from '../incremental';
import { latin1Text, revisionEnds } from '../pdf-tail';
import type { ManifestReport } from './attachments';
import { checkManifest, embeddedFiles } from './attachments';
import type { CmsReport } from './cms-check';
import { checkCms } from './cms-check';
import type { Revision } from './revisions';
import { disallowedChanges, loadRevision } from './revisions';
import type { z } from 'zod';
import type { VerifyReportSchema } from './schema';

/**
 * The verifier behind the app's Reports area and `demo-ledger verify`: every signature's signer,
 * time, validity, coverage and trust; changes made after each signature; the evidence manifest
 * re-hashed against the embedded files. Pure: bytes and trusted certificates in, a report out.
 */

export interface SignatureReport extends CmsReport {
  fieldName: string;
  subFilter: string;
  /** Name, reason and location as written in the signature dictionary. */
  name: string;
  reason: string;
  location: string;
  byteRange: number[];
  /** The byte range is well-formed: it starts at 0, skips exactly this signature's /Contents and ends where a revision ends. */
  byteRangeValid: boolean;
  /** The signature covers every byte of the file. */
  coversWholeDocument: boolean;
  /** Bytes of the file this signature covers. */
  signedBytes: number;
  /** Changes made after this signature that are not later signatures. */
  changesAfter: string[];
  valid: boolean;
}

export type Verdict = 'valid' | 'valid-untrusted' | 'invalid' | 'tampered' | 'unsigned';

export interface VerifyReport {
  fileSize: number;
  fileSha256: string;
  signatures: SignatureReport[];
  tampering: { detected: boolean; reasons: string[] };
  manifest: ManifestReport;
  verdict: Verdict;
}

export interface VerifyOptions {
  /** Certificates (DER) to trust: colleagues' identities and CAs. */
  trusted?: readonly Uint8Array[];
}

interface FoundSignature {
  fieldName: string;
  dict: PDFDict;
}

interface LocatedSignature extends FoundSignature {
  context: PDFContext;
  /** Still present in the file as it reads now (false: a later update removed it). */
  inFinal: boolean;
}

/** `/ByteRange [a b c d]` as written in the raw bytes, to find the revisions signatures close. */
function rawByteRangeEnds(pdf: Uint8Array): Set<number> {
  const ends = new Set<number>();
  const text = latin1Text(pdf);
  for (const match of text.matchAll(
    /\/ByteRange\s*\[\s*(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]/g,
  )) {
    ends.add(Number(match[3]) + Number(match[4]));
  }
  return ends;
}

/**
 * Signatures in the file as it reads now, plus any that an earlier revision had and a later
 * update removed or replaced: dropping a signature dictionary must not turn a signed, then
 * altered, file into an "unsigned" one.
 */
async function signaturesInAnyRevision(
  pdf: Uint8Array,
  ends: readonly number[],
  doc: PDFDocument,
  readableEnd: number,
): Promise<LocatedSignature[]> {
  const key = (context: PDFContext, dict: PDFDict): string => byteRangeOf(context, dict).join(',');
  const located = new Map<string, LocatedSignature>();
  for (const item of findSignatures(doc.context, doc.catalog)) {
    located.set(key(doc.context, item.dict), { ...item, context: doc.context, inFinal: true });
  }
  const closing = rawByteRangeEnds(pdf);
  for (const end of ends) {
    if (end >= readableEnd || !closing.has(end)) continue;
    try {
      const earlier = await loadForUpdate(pdf.subarray(0, end));
      for (const item of findSignatures(earlier.context, earlier.catalog)) {
        const id = key(earlier.context, item.dict);
        if (!located.has(id))
          located.set(id, { ...item, context: earlier.context, inFinal: false });
      }
    } catch {
      // An unreadable earlier revision has nothing to add.
    }
  }
  return [...located.values()];
}

function textOf(object: PDFObject | undefined): string {
  return object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : '';
}

function findSignatures(context: PDFContext, catalog: PDFDict): FoundSignature[] {
  const found: FoundSignature[] = [];
  const seen = new Set<PDFDict>();
  const acroForm = dictAt(context, catalog.get(PDFName.of('AcroForm')));
  const visit = (fields: PDFArray | undefined, prefix: string, depth: number): void => {
    if (fields === undefined || depth > 20) return;
    for (let index = 0; index < fields.size(); index += 1) {
      const field = dictAt(context, fields.get(index));
      if (field === undefined) continue;
      const partial = textOf(field.lookup(PDFName.of('T')));
      const name = prefix && partial ? `${prefix}.${partial}` : partial || prefix;
      const value = dictAt(context, field.get(PDFName.of('V')));
      if (value !== undefined && value.has(PDFName.of('ByteRange')) && !seen.has(value)) {
        seen.add(value);
        found.push({ fieldName: name, dict: value });
      }
      visit(arrayAt(context, field.get(PDFName.of('Kids'))), name, depth + 1);
    }
  };
  visit(arrayAt(context, acroForm?.get(PDFName.of('Fields'))), '', 0);
  // Signature dictionaries no field points to are still reported (and cannot be valid fields).
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (
      object instanceof PDFDict &&
      object.has(PDFName.of('ByteRange')) &&
      object.has(PDFName.of('Contents')) &&
      !seen.has(object)
    ) {
      seen.add(object);
      found.push({ fieldName: '(not in any form field)', dict: object });
    }
  }
  return found;
}

function byteRangeOf(context: PDFContext, dict: PDFDict): number[] {
  const array = arrayAt(context, dict.get(PDFName.of('ByteRange')));
  if (array === undefined) return [];
  const values: number[] = [];
  for (let index = 0; index < array.size(); index += 1) {
    const item = array.lookup(index);
    values.push(item instanceof PDFNumber ? item.asNumber() : Number.NaN);
  }
  return values;
}

function checkByteRange(
  pdf: Uint8Array,
  range: number[],
  contentsHex: string,
  ends: readonly number[],
): string[] {
  const [start, firstLength, secondStart, secondLength] = range;
  if (
    range.length !== 4 ||
    [start, firstLength, secondStart, secondLength].some(
      (value) => value === undefined || !Number.isSafeInteger(value) || value < 0,
    )
  ) {
    return ['the byte range is malformed'];
  }
  const problems: string[] = [];
  const a = firstLength ?? 0;
  const b = secondStart ?? 0;
  const c = secondLength ?? 0;
  if (start !== 0) problems.push('the byte range does not start at the beginning of the file');
  if (b <= a || b + c > pdf.length) return [...problems, 'the byte range points outside the file'];
  const gap = latin1Text(pdf.subarray(a, b));
  if (gap !== `<${contentsHex}>`)
    problems.push('the unsigned gap is not exactly this signature’s value');
  if (!ends.includes(b + c))
    problems.push('the signed range does not end where a revision of the file ends');
  return problems;
}

export async function verifyPdf(
  pdf: Uint8Array,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const trusted: pkijs.Certificate[] = (options.trusted ?? []).flatMap((der) => {
    try {
      return [parseCertificate(der)];
    } catch {
      return [];
    }
  });
  const ends = revisionEnds(pdf);
  const { doc, readableEnd } = await loadReadable(pdf, ends);
  const found = await signaturesInAnyRevision(pdf, ends, doc, readableEnd);
  const reports: SignatureReport[] = [];
  const removed: string[] = [];
  for (const { fieldName, dict, context, inFinal } of found) {
    const contents = dict.lookup(PDFName.of('Contents'));
    const contentsHex = contents instanceof PDFHexString ? contents.asString() : '';
    const range = byteRangeOf(context, dict);
    const rangeProblems =
      contents instanceof PDFHexString
        ? checkByteRange(pdf, range, contentsHex, ends)
        : ['the signature value is not a hex string'];
    const [, a = 0, b = 0, c = 0] = range;
    const rangeValid = rangeProblems.length === 0;
    let bytes: Uint8Array = new Uint8Array();
    try {
      bytes = fromHex(contentsHex);
    } catch {
      rangeProblems.push('the signature value is not valid hex');
    }
    const signedRanges = rangeValid ? [pdf.subarray(0, a), pdf.subarray(b, b + c)] : [];
    const time = textOf(dict.lookup(PDFName.of('M')));
    const cms = await checkCms(trimDer(bytes), signedRanges, trusted, parsePdfDate(time));
    const subFilterName = dict.get(PDFName.of('SubFilter'));
    const subFilter = subFilterName instanceof PDFName ? subFilterName.decodeText() : '';
    const problems = [...rangeProblems, ...cms.problems];
    if (subFilter === 'ETSI.CAdES.detached' && cms.certificateBound === null) {
      problems.push('a PAdES signature must carry signing-certificate-v2');
    }
    reports.push({
      ...cms,
      problems,
      fieldName,
      subFilter,
      name: textOf(dict.lookup(PDFName.of('Name'))),
      reason: textOf(dict.lookup(PDFName.of('Reason'))),
      location: textOf(dict.lookup(PDFName.of('Location'))),
      byteRange: range,
      byteRangeValid: rangeValid,
      coversWholeDocument: rangeValid && b + c === pdf.length,
      signedBytes: rangeValid ? a + c : 0,
      changesAfter: [],
      valid: problems.length === 0 && cms.digestMatches && cms.signatureValid && rangeValid,
    });
    if (!inFinal)
      removed.push(
        `${fieldName} (signed bytes 0 to ${b + c}) was removed or replaced by a later update`,
      );
  }
  reports.sort((x, y) => x.signedBytes - y.signedBytes);

  const tampering = await findTampering(pdf, reports);
  if (removed.length > 0) {
    tampering.detected = true;
    tampering.reasons.unshift(...removed.map((text) => `signature ${text}`));
  }
  if (readableEnd < pdf.length) {
    tampering.detected = true;
    tampering.reasons.unshift(
      `the bytes after offset ${readableEnd} break the document structure (a damaged or hostile update)`,
    );
  }
  const manifest = await checkManifest(embeddedFiles(doc));
  return {
    fileSize: pdf.length,
    fileSha256: toHex(await sha256(pdf)),
    signatures: reports,
    tampering,
    manifest,
    verdict: verdictOf(reports, tampering.detected, manifest),
  };
}

/**
 * The whole file, or when a later update makes it unreadable (an object replaced by one of
 * another type, a broken trailer), the longest revision that still reads.
 */
async function loadReadable(
  pdf: Uint8Array,
  ends: readonly number[],
): Promise<{ doc: PDFDocument; readableEnd: number }> {
  try {
    return { doc: await loadForUpdate(pdf), readableEnd: pdf.length };
  } catch (error) {
    for (const end of [...ends].reverse().filter((value) => value < pdf.length)) {
      try {
        return { doc: await loadForUpdate(pdf.subarray(0, end)), readableEnd: end };
      } catch {
        // An earlier revision may still read.
      }
    }
    throw new Error(
      `Not a readable PDF: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/** Walks the revisions each signature closes and reports what changed after it. */
async function findTampering(
  pdf: Uint8Array,
  reports: SignatureReport[],
): Promise<{ detected: boolean; reasons: string[] }> {
  const reasons: string[] = [];
  const ordered = reports.filter((report) => report.byteRangeValid);
  const cache = new Map<number, Promise<Revision>>();
  const revision = (end: number): Promise<Revision> => {
    let loaded = cache.get(end);
    if (loaded === undefined) {
      loaded = loadRevision(pdf, end);
      cache.set(end, loaded);
    }
    return loaded;
  };
  const endOf = (report: SignatureReport): number =>
    (report.byteRange[2] ?? 0) + (report.byteRange[3] ?? 0);
  for (const [index, report] of ordered.entries()) {
    const end = endOf(report);
    const nextSignature = ordered[index + 1];
    const nextEnd = nextSignature ? endOf(nextSignature) : pdf.length;
    if (nextEnd <= end) continue;
    const trailing = pdf.subarray(end, nextEnd);
    if (nextSignature === undefined && latin1Text(trailing).trim() === '') continue;
    let changes: string[];
    try {
      changes = disallowedChanges(await revision(end), await revision(nextEnd), trailing);
    } catch (error) {
      changes = [
        `the update after it cannot be read (${error instanceof Error ? error.message : 'damaged'})`,
      ];
    }
    if (nextSignature === undefined) {
      // Anything after the last signature is unsigned, whatever it contains.
      changes.unshift(
        `${nextEnd - end} bytes were appended after the last signature (an unsigned incremental update)`,
      );
    }
    for (const later of ordered.slice(0, index + 1)) later.changesAfter.push(...changes);
    if (changes.length > 0)
      reasons.push(...changes.map((change) => `after ${report.fieldName}: ${change}`));
  }
  return { detected: reasons.length > 0, reasons };
}

function verdictOf(
  reports: readonly SignatureReport[],
  tampered: boolean,
  manifest: ManifestReport,
): Verdict {
  if (reports.length === 0) return 'unsigned';
  if (reports.some((report) => !report.valid) || manifest.problems.length > 0) return 'invalid';
  if (tampered) return 'tampered';
  return reports.every((report) => report.trust.trusted) ? 'valid' : 'valid-untrusted';
}

/** The /Contents string is zero-padded; the DER length says where the signature ends. */
function trimDer(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== 0x30) return bytes;
  const first = bytes[1] ?? 0;
  if (first < 0x80) return bytes.subarray(0, 2 + first);
  const count = first & 0x7f;
  if (count > 4 || bytes.length < 2 + count) return bytes;
  let length = 0;
  for (let index = 0; index < count; index += 1) length = length * 256 + (bytes[2 + index] ?? 0);
  return bytes.subarray(0, Math.min(bytes.length, 2 + count + length));
}

/** `D:20261126160500+00'00'` → Date; null when absent or unreadable. */
export function parsePdfDate(value: string): Date | null {
  if (!value.startsWith('D:')) return null;
  const digits = value.slice(2, 16);
  if (!/^\d{4,14}$/.test(digits)) return null;
  const part = (from: number, fallback: string): string => digits.slice(from, from + 2) || fallback;
  const year = digits.slice(0, 4);
  const [month, day, hour, minute, second] = [
    part(4, '01'),
    part(6, '01'),
    part(8, '00'),
    part(10, '00'),
    part(12, '00'),
  ];
  const zone = value.slice(2 + digits.length);
  const sign = zone[0];
  const offsetHours = zone.slice(1, 3) || '00';
  const offsetMinutes = zone.slice(4, 6) || '00';
  const offset = sign === '+' || sign === '-' ? `${sign}${offsetHours}:${offsetMinutes}` : 'Z';
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

// The schema in ./schema.ts describes exactly this report.
export type CheckedReport =
  VerifyReport extends z.infer<typeof VerifyReportSchema>
    ? z.infer<typeof VerifyReportSchema> extends VerifyReport
      ? true
      : never
    : never;
export const REPORT_MATCHES_SCHEMA: CheckedReport = true;
