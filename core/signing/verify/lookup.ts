import type { PDFContext, PDFObject } from '@cantoo/pdf-lib';
import { PDFArray, PDFDict } from '@cantoo/pdf-lib';

/**
 * Type-checked lookups that never throw. pdf-lib's `lookupMaybe(ref, PDFDict)` throws when a
 * hostile update replaced the object with another type; a verifier must report that, not crash.
 */
export function dictAt(context: PDFContext, value: PDFObject | undefined): PDFDict | undefined {
  const object = value === undefined ? undefined : context.lookup(value);
  return object instanceof PDFDict ? object : undefined;
}

export function arrayAt(context: PDFContext, value: PDFObject | undefined): PDFArray | undefined {
  const object = value === undefined ? undefined : context.lookup(value);
  return object instanceof PDFArray ? object : undefined;
}
