import type { PDFContext, PDFObject } from '@cantoo/pdf-lib';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  ParseSpeeds,
} from '@cantoo/pdf-lib';
import { latin1Text } from '../pdf-tail';

/**
 * What an incremental update changed. A co-signature may only add a signature: the signature
 * dictionary, its field/widget, the AcroForm and catalog entries pointing at them, and the page's
 * annotation list. Anything else added after a signature (page content, attachments, an edited
 * object) is a change the earlier signer never saw: reported, so a "shadow" edit slipped in
 * between two signatures, or an unsigned update appended at the end, cannot pass as valid.
 */

export interface Revision {
  context: PDFContext;
  objects: Map<string, PDFObject>;
}

export async function loadRevision(pdf: Uint8Array, end: number): Promise<Revision> {
  const doc = await PDFDocument.load(pdf.subarray(0, end), {
    updateMetadata: false,
    parseSpeed: ParseSpeeds.Fastest,
    throwOnInvalidObject: false,
    ignoreEncryption: true,
  });
  const objects = new Map<string, PDFObject>();
  for (const [ref, object] of doc.context.enumerateIndirectObjects())
    objects.set(ref.toString(), object);
  return { context: doc.context, objects };
}

function bytesOf(object: PDFObject): string {
  const buffer = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(buffer, 0);
  return latin1Text(buffer);
}

function same(a: PDFObject | undefined, b: PDFObject | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return bytesOf(a) === bytesOf(b);
}

function dictOf(object: PDFObject | undefined): PDFDict | undefined {
  if (object instanceof PDFDict) return object;
  if (object instanceof PDFRawStream) return object.dict;
  return undefined;
}

function nameOf(dict: PDFDict | undefined, key: string): string | undefined {
  const value = dict?.get(PDFName.of(key));
  return value instanceof PDFName ? value.decodeText() : undefined;
}

/** Equal apart from `ignored` keys. */
function sameExcept(before: PDFDict, after: PDFDict, ignored: readonly string[]): boolean {
  const keys = new Set([...before.keys(), ...after.keys()].map((key) => key.decodeText()));
  for (const key of keys) {
    if (ignored.includes(key)) continue;
    if (!same(before.get(PDFName.of(key)), after.get(PDFName.of(key)))) return false;
  }
  return true;
}

function isSignatureWidget(context: PDFContext, object: PDFObject | undefined): boolean {
  const dict = dictOf(object instanceof PDFRef ? context.lookup(object) : object);
  if (dict === undefined) return false;
  if (nameOf(dict, 'FT') === 'Sig') return true;
  const parent = dict.get(PDFName.of('Parent'));
  return parent instanceof PDFRef && nameOf(dictOf(context.lookup(parent)), 'FT') === 'Sig';
}

/** `after` is `before` with signature widgets appended. */
function appendsOnlySignatures(
  context: PDFContext,
  before: PDFObject | undefined,
  after: PDFObject | undefined,
): boolean {
  const old = before instanceof PDFArray ? before : undefined;
  if (!(after instanceof PDFArray)) return before === undefined && after === undefined;
  const oldSize = old?.size() ?? 0;
  if (after.size() < oldSize) return false;
  for (let index = 0; index < oldSize; index += 1) {
    if (!same(old?.get(index), after.get(index))) return false;
  }
  for (let index = oldSize; index < after.size(); index += 1) {
    if (!isSignatureWidget(context, after.get(index))) return false;
  }
  return true;
}

function describe(object: PDFObject): string {
  const dict = dictOf(object);
  const type = nameOf(dict, 'Type');
  const subtype = nameOf(dict, 'Subtype');
  if (type === 'EmbeddedFile' || type === 'Filespec') return 'an attached file';
  if (type === 'Page') return 'a page';
  if (type === 'Annot') return `an annotation (${subtype ?? 'unknown'})`;
  if (object instanceof PDFRawStream)
    return type ? `a ${type} stream` : 'a stream (e.g. page content)';
  if (object instanceof PDFArray) return 'an array';
  return type ? `a ${type} dictionary` : 'a dictionary';
}

function allowedChange(
  before: PDFObject | undefined,
  after: PDFObject,
  previous: Revision,
  next: Revision,
): boolean {
  const dict = dictOf(after);
  const type = nameOf(dict, 'Type');
  if (type === 'XRef') return true;
  if (before === undefined) {
    if (type === 'Sig' || type === 'DocTimeStamp') return true;
    if (isSignatureWidget(next.context, after)) return true;
    // A new AcroForm created for the first signature field.
    if (
      dict !== undefined &&
      nameOf(dict, 'Type') === undefined &&
      dict.has(PDFName.of('SigFlags'))
    ) {
      return appendsOnlySignatures(
        next.context,
        undefined,
        next.context.lookup(dict.get(PDFName.of('Fields'))),
      );
    }
    return false;
  }
  const old = dictOf(before);
  if (before instanceof PDFArray || after instanceof PDFArray) {
    return appendsOnlySignatures(next.context, before, after);
  }
  if (
    old === undefined ||
    dict === undefined ||
    before instanceof PDFRawStream ||
    after instanceof PDFRawStream
  )
    return false;
  if (type === 'Catalog') return sameExcept(old, dict, ['AcroForm', 'Perms', 'DSS']);
  if (type === 'Page') {
    return (
      sameExcept(old, dict, ['Annots']) &&
      appendsOnlySignatures(
        next.context,
        previous.context.lookup(old.get(PDFName.of('Annots'))),
        next.context.lookup(dict.get(PDFName.of('Annots'))),
      )
    );
  }
  if (dict.has(PDFName.of('SigFlags')) || old.has(PDFName.of('Fields'))) {
    return (
      sameExcept(old, dict, ['Fields', 'SigFlags']) &&
      appendsOnlySignatures(
        next.context,
        previous.context.lookup(old.get(PDFName.of('Fields'))),
        next.context.lookup(dict.get(PDFName.of('Fields'))),
      )
    );
  }
  return false;
}

/** Sentences describing changes between two revisions that are not signature additions. */
export function disallowedChanges(
  previous: Revision,
  next: Revision,
  updateBytes: Uint8Array,
): string[] {
  // Objects written in the update: parse object headers (and treat an object stream as touching all).
  // Long hex strings (signature values) are dropped first so the scan stays linear.
  const updateText = latin1Text(updateBytes).replace(/<[0-9A-Fa-f\s]{64,}>/g, '<>');
  const candidates = new Set<string>();
  const everything = updateText.includes('/ObjStm');
  if (everything) for (const key of next.objects.keys()) candidates.add(key);
  else
    for (const match of updateText.matchAll(/(?<!\d)(\d+)\s+(\d+)\s+obj\b/g))
      candidates.add(`${match[1]} ${match[2]} R`);
  const problems: string[] = [];
  for (const ref of candidates) {
    const after = next.objects.get(ref);
    if (after === undefined) continue;
    const before = previous.objects.get(ref);
    if (before !== undefined && same(before, after)) continue;
    if (allowedChange(before, after, previous, next)) continue;
    problems.push(
      `${before === undefined ? 'adds' : 'changes'} ${describe(after)} (object ${ref.replace(' R', '')})`,
    );
    if (problems.length >= 20) break;
  }
  return problems;
}
