import { LimitExceeded, PdfSyntaxError } from './budget';
import type { PdfFile, Revision } from './document';
import type { PdfValue } from './objects';
import { PdfDict, PdfRef, PdfString, canonical, textOf } from './objects';

/** Signature dictionaries a revision holds: in its form fields, and loose ones an update added. */

export interface FoundSignature {
  fieldName: string;
  dict: PdfDict;
  /** The first revision (0-based) in which it appears. */
  revision: number;
}

/** Identifies one signature across revisions: its byte range and the start of its value. */
export function signatureKey(dict: PdfDict): string {
  const contents = dict.get('Contents');
  const head =
    contents instanceof PdfString
      ? canonical(new PdfString(contents.bytes.subarray(0, 64), true))
      : '';
  return `${canonical(dict.get('ByteRange') ?? null)}|${head}`;
}

function isSignatureDict(value: PdfValue): value is PdfDict {
  return value instanceof PdfDict && value.has('ByteRange') && value.has('Contents');
}

export function signaturesIn(file: PdfFile, revision: Revision): FoundSignature[] {
  const resolver = file.resolver(revision);
  const { budget } = file;
  const found: FoundSignature[] = [];
  const seenFields = new Set<number>();
  const seenSignatures = new Set<string>();
  const visit = (fields: PdfValue[] | undefined, prefix: string, depth: number): void => {
    if (fields === undefined) return;
    budget.depth(depth, 'the form field tree');
    for (const item of fields) {
      budget.work();
      if (item instanceof PdfRef) {
        // A field listed twice, or listing itself among its /Kids, is walked once.
        if (seenFields.has(item.num)) continue;
        seenFields.add(item.num);
      }
      const field = resolver.dict(item);
      if (field === undefined) continue;
      const partial = textOf(resolver.resolve(field.get('T')));
      const name = prefix && partial ? `${prefix}.${partial}` : partial || prefix;
      const value = resolver.resolve(field.get('V'));
      if (isSignatureDict(value)) {
        const key = signatureKey(value);
        if (!seenSignatures.has(key)) {
          seenSignatures.add(key);
          found.push({ fieldName: name, dict: value, revision: revision.index });
        }
      }
      visit(resolver.array(field.get('Kids')), name, depth + 1);
    }
  };
  const acroForm = resolver.dict(resolver.catalog?.get('AcroForm'));
  visit(resolver.array(acroForm?.get('Fields')), '', 0);
  if (revision.index > 0) {
    // Signature dictionaries an update added that no field points to are still reported.
    for (const [num, entry] of revision.section.entries) {
      if (entry.type === 'free') continue;
      let value: PdfValue;
      try {
        value = resolver.object(num);
      } catch (error) {
        if (error instanceof PdfSyntaxError) continue; // reported as a change that cannot be read
        throw error;
      }
      if (isSignatureDict(value) && !seenSignatures.has(signatureKey(value))) {
        seenSignatures.add(signatureKey(value));
        found.push({ fieldName: '(not in any form field)', dict: value, revision: revision.index });
      }
    }
  }
  if (found.length > budget.limits.signatures)
    throw new LimitExceeded(`exceeds ${budget.limits.signatures} signatures in one file`);
  return found;
}
