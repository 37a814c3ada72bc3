import type { Budget } from './budget';
import { LimitExceeded, PdfSyntaxError } from './budget';
import { PdfFile, lastEof } from './document';

/** Earlier `%%EOF` markers tried when the file's last update cannot be read. */
const MAX_FALLBACKS = 16;

/**
 * The file as a conforming reader reads it; when its last update is unreadable (a broken
 * cross-reference section, a damaged trailer), the longest earlier revision that reads, with a
 * sentence saying what could not be read: an unreadable update after a signature is tampering.
 */
export function readPdf(
  pdf: Uint8Array,
  budget: Budget,
): { file: PdfFile; unreadable: string | null } {
  let failure: PdfSyntaxError;
  try {
    return { file: new PdfFile(pdf, budget), unreadable: null };
  } catch (error) {
    if (!(error instanceof PdfSyntaxError)) throw error;
    failure = error;
  }
  let end = pdf.length;
  for (let attempt = 0; attempt < MAX_FALLBACKS; attempt += 1) {
    end = lastEof(pdf, end - 1);
    if (end < 0) break;
    try {
      const file = new PdfFile(pdf, budget, end + 5);
      return {
        file,
        unreadable: `the bytes after offset ${file.final.end} do not form a readable update (${failure.message})`,
      };
    } catch (error) {
      if (error instanceof LimitExceeded) throw error;
    }
  }
  throw new Error(`Not a readable PDF: ${failure.message}`, { cause: failure });
}
