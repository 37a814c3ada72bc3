import type * as pkijs from 'pkijs';
import type { z } from 'zod';
import { SIGN_OFFS_FILE_NAME } from '../../report/manifest';
import type { Sha256Factory } from '../../util/hash';
import { createSha256 } from '../../util/hash';
import { parseCertificate } from '../certificates';
import { sha256, toHex } from '../der';
import type { EmbeddedContents, ManifestReport } from './attachments';
import { checkManifest, embeddedFiles } from './attachments';
import type { CmsReport } from './cms-check';
import { checkCms } from './cms-check';
import type { VerifyLimits } from './reader/budget';
import { Budget, DEFAULT_LIMITS, LimitExceeded, mebibytes } from './reader/budget';
import { disallowedChanges } from './reader/changes';
import { readPdf } from './reader/read';
import type { PdfFile } from './reader/document';
import { unaccountedBytes } from './reader/accounting';
import { PdfString, textOf } from './reader/objects';
import type { FoundSignature } from './reader/signatures';
import { signatureKey, signaturesIn } from './reader/signatures';
import type { VerifyReportSchema } from './schema';

/**
 * The verifier behind the app's Reports area, `demo-ledger verify` and `cosign`'s check: every
 * signature's signer, time, validity, coverage and trust; every change made after each
 * signature, found by reading each revision through its own cross-reference section and
 * comparing it object by object with the one before; the evidence manifest re-hashed against
 * the embedded files. Pure and bounded: bytes, trusted certificates and limits in, a report out.
 * Untrusted files are verified off the main thread (main/services/pdf-verifier.ts).
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
  /** Changes made after this signature that no signature allows. */
  changesAfter: string[];
  valid: boolean;
}

export type Verdict = 'valid' | 'valid-untrusted' | 'invalid' | 'tampered' | 'unsigned' | 'refused';

export interface VerifyReport {
  fileSize: number;
  fileSha256: string;
  signatures: SignatureReport[];
  tampering: { detected: boolean; reasons: string[] };
  manifest: ManifestReport;
  /**
   * The demo sign-offs file the report carries, as text, for a caller to check each sign-off
   * (core/demo/sign-offs-check.ts); `problem` when it is embedded but cannot be read.
   */
  signOffs: { present: boolean; text: string | null; problem: string | null };
  /** Why the file was not verified at all (a limit it exceeds); null when it was. */
  refused: string | null;
  verdict: Verdict;
}

export interface VerifyOptions {
  /** Certificates (DER) to trust: colleagues' identities and CAs. */
  trusted?: readonly Uint8Array[];
  limits?: VerifyLimits;
  /** A faster incremental SHA-256 where the platform has one (node:crypto). */
  createSha256?: Sha256Factory;
}

const NO_MANIFEST: ManifestReport = { present: false, sha256: null, files: [], problems: [] };
const NO_SIGN_OFFS = { present: false, text: null, problem: null };

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(await sha256(bytes));
}

export async function verifyPdf(
  pdf: Uint8Array,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const fileSha256 = pdf.length <= limits.fileBytes ? await sha256Hex(pdf) : '';
  const refused = (reason: string): VerifyReport => ({
    fileSize: pdf.length,
    fileSha256,
    signatures: [],
    tampering: { detected: false, reasons: [] },
    manifest: NO_MANIFEST,
    signOffs: NO_SIGN_OFFS,
    refused: reason,
    verdict: 'refused',
  });
  if (pdf.length > limits.fileBytes)
    return refused(`exceeds ${mebibytes(limits.fileBytes)} (the file is ${mebibytes(pdf.length)})`);
  try {
    return await analyse(pdf, fileSha256, new Budget(limits), options);
  } catch (error) {
    if (error instanceof LimitExceeded) return refused(error.message);
    throw error;
  }
}

interface Located extends FoundSignature {
  inFinal: boolean;
}

async function analyse(
  pdf: Uint8Array,
  fileSha256: string,
  budget: Budget,
  options: VerifyOptions,
): Promise<VerifyReport> {
  const trusted: pkijs.Certificate[] = (options.trusted ?? []).flatMap((der) => {
    try {
      return [parseCertificate(der)];
    } catch {
      return [];
    }
  });
  const { file, unreadable } = readPdf(pdf, budget);
  const ends = file.revisions.map((revision) => revision.end);
  const located = new Map<string, Located>();
  for (const revision of file.revisions) {
    const inFinal = revision === file.final;
    for (const found of signaturesIn(file, revision)) {
      const key = signatureKey(found.dict);
      const known = located.get(key);
      if (known === undefined) located.set(key, { ...found, inFinal });
      else if (inFinal) known.inFinal = true;
    }
    if (located.size > budget.limits.signatures)
      throw new LimitExceeded(`exceeds ${budget.limits.signatures} signatures in one file`);
  }
  const reports: SignatureReport[] = [];
  const removed: string[] = [];
  for (const signature of located.values()) {
    const report = await checkSignature(pdf, file, signature, ends, trusted);
    reports.push(report);
    if (!signature.inFinal)
      removed.push(
        `signature ${signature.fieldName} (signed bytes 0 to ${report.signedBytes === 0 ? '?' : endOf(report)}) was removed or replaced by a later update`,
      );
  }
  reports.sort((x, y) => x.signedBytes - y.signedBytes);
  const tampering = findTampering(file, reports);
  tampering.reasons.unshift(...removed);
  if (unreadable !== null) tampering.reasons.unshift(unreadable);
  tampering.detected = tampering.reasons.length > 0;
  const sha = options.createSha256 ?? createSha256;
  const contents = embeddedFiles(file, sha);
  const manifest = await checkManifest(contents, sha256Hex);
  return {
    fileSize: pdf.length,
    fileSha256,
    signatures: reports,
    tampering,
    manifest,
    signOffs: signOffsText(contents),
    refused: null,
    verdict: verdictOf(reports, tampering.detected, manifest),
  };
}

function endOf(report: SignatureReport): number {
  return (report.byteRange[2] ?? 0) + (report.byteRange[3] ?? 0);
}

function checkByteRange(
  pdf: Uint8Array,
  range: number[],
  contents: PdfString,
  ends: readonly number[],
): string[] {
  if (range.length !== 4 || range.some((value) => !Number.isSafeInteger(value) || value < 0))
    return ['the byte range is malformed'];
  const [start = 0, a = 0, b = 0, c = 0] = range;
  const problems: string[] = [];
  if (start !== 0) problems.push('the byte range does not start at the beginning of the file');
  if (b <= a || b + c > pdf.length) return [...problems, 'the byte range points outside the file'];
  // The gap is exactly `<hex>`: this signature's value and nothing else.
  const gap = pdf.subarray(a, b);
  const hexDigits = gap.length - 2;
  let exact =
    gap[0] === 0x3c &&
    gap[gap.length - 1] === 0x3e &&
    contents.hex &&
    hexDigits === contents.bytes.length * 2;
  for (let index = 0; exact && index < contents.bytes.length; index += 1) {
    const pair = String.fromCharCode(gap[1 + index * 2] ?? 0, gap[2 + index * 2] ?? 0);
    exact = /^[0-9A-Fa-f]{2}$/.test(pair) && parseInt(pair, 16) === contents.bytes[index];
  }
  if (!exact) problems.push('the unsigned gap is not exactly this signature’s value');
  if (!ends.includes(b + c))
    problems.push('the signed range does not end where a revision of the file ends');
  return problems;
}

async function checkSignature(
  pdf: Uint8Array,
  file: PdfFile,
  signature: Located,
  ends: readonly number[],
  trusted: readonly pkijs.Certificate[],
): Promise<SignatureReport> {
  const { dict, fieldName } = signature;
  const resolver = file.resolver(file.revisions[signature.revision] ?? file.final);
  const contents = resolver.resolve(dict.get('Contents'));
  const rawRange = resolver.array(dict.get('ByteRange')) ?? [];
  const range = rawRange.map((item) => (typeof item === 'number' ? item : Number.NaN));
  const rangeProblems =
    contents instanceof PdfString
      ? checkByteRange(pdf, range, contents, ends)
      : ['the signature value is not a hex string'];
  const [, a = 0, b = 0, c = 0] = range;
  const rangeValid = rangeProblems.length === 0;
  const bytes = contents instanceof PdfString ? contents.bytes : new Uint8Array();
  const signedRanges = rangeValid ? [pdf.subarray(0, a), pdf.subarray(b, b + c)] : [];
  const time = textOf(resolver.resolve(dict.get('M')));
  const cms = await checkCms(trimDer(bytes), signedRanges, trusted, parsePdfDate(time));
  const subFilter = dict.name('SubFilter') ?? '';
  const problems = [...rangeProblems, ...cms.problems];
  if (subFilter === 'ETSI.CAdES.detached' && cms.certificateBound === null)
    problems.push('a PAdES signature must carry signing-certificate-v2');
  return {
    ...cms,
    problems,
    fieldName,
    subFilter,
    name: textOf(resolver.resolve(dict.get('Name'))),
    reason: textOf(resolver.resolve(dict.get('Reason'))),
    location: textOf(resolver.resolve(dict.get('Location'))),
    byteRange: range,
    byteRangeValid: rangeValid,
    coversWholeDocument: rangeValid && b + c === pdf.length,
    signedBytes: rangeValid ? a + c : 0,
    changesAfter: [],
    valid: problems.length === 0 && cms.digestMatches && cms.signatureValid && rangeValid,
  };
}

/**
 * Compares every revision after the first signed one with the revision before it, and accounts
 * for every byte of its update; what a signature does not allow is charged to every signature
 * made before it.
 */
function findTampering(
  file: PdfFile,
  reports: SignatureReport[],
): { detected: boolean; reasons: string[] } {
  const reasons: string[] = [];
  const signed = reports.filter((report) => report.byteRangeValid);
  const first = signed[0];
  if (first === undefined) return { detected: false, reasons };
  const lastSignedEnd = Math.max(...signed.map(endOf));
  for (const revision of file.revisions.slice(1)) {
    const previous = file.revisions[revision.index - 1];
    if (previous === undefined || previous.end < endOf(first)) continue;
    const changes = [
      ...unaccountedBytes(file, revision),
      ...disallowedChanges(file, previous, revision),
    ];
    if (changes.length === 0) continue;
    const before = signed.filter((report) => endOf(report) <= previous.end);
    for (const report of before) report.changesAfter.push(...changes);
    const last = before[before.length - 1];
    if (revision.start >= lastSignedEnd)
      reasons.push(
        `${revision.end - revision.start} bytes were appended after the last signature (an unsigned incremental update)`,
      );
    reasons.push(
      ...changes.map((change) => `after ${last?.fieldName ?? 'a signature'}: ${change}`),
    );
  }
  if (file.trailingBytes > 0) {
    const trailing = `${file.trailingBytes} bytes after the end of the last revision are not part of any revision (appended after the last signature)`;
    for (const report of signed) report.changesAfter.push(trailing);
    reasons.push(trailing);
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

function signOffsText(contents: EmbeddedContents): VerifyReport['signOffs'] {
  const entry = contents.files.find((item) => item.name === SIGN_OFFS_FILE_NAME);
  if (entry === undefined) return NO_SIGN_OFFS;
  if (contents.signOffs === null)
    return {
      present: true,
      text: null,
      problem: entry.problem ?? `${SIGN_OFFS_FILE_NAME} is too large to read`,
    };
  try {
    return {
      present: true,
      text: new TextDecoder('utf-8', { fatal: true }).decode(contents.signOffs),
      problem: null,
    };
  } catch {
    return { present: true, text: null, problem: `${SIGN_OFFS_FILE_NAME} is not UTF-8 text` };
  }
}
