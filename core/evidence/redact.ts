import type { ByteChunks } from './bytes';
import { EvidenceParseError, readHead } from './bytes';
import type { FormatId } from './model';
import { isMetasploitSecret } from './parsers/metasploit';
import { REDACTED, secretsInClear } from './secrets';
import type { XmlElement } from './xml';
import { declaredEncoding, decodeXml, readXml } from './xml';

/**
 * A copy of an XML document with the content of chosen elements replaced, everything else as
 * written: the first pass finds where each secret lies (readXml's spans), the second writes the
 * decoded text again with those spans replaced. The copy is UTF-8 (Blob parts and TextEncoder
 * write UTF-8), so a document declaring another encoding is refused rather than mislabelled.
 */

export { REDACTED, secretsInClear };

/** More secrets than this in one file is refused rather than held in memory. */
export const MAX_REDACTIONS = 1_000_000;

export interface RedactionPlan {
  /** Content spans to replace, in document order, in UTF-16 code units. */
  spans: readonly (readonly [number, number])[];
}

/** Says whether an element's content (`text`, trimmed) is a secret. */
export type SecretTest = (element: XmlElement, text: string) => boolean;

export async function planRedaction(
  chunks: ByteChunks,
  secret: SecretTest,
): Promise<RedactionPlan> {
  const spans: [number, number][] = [];
  await readXml(chunks, {
    spans: true,
    close(element, text, span) {
      if (!span || span.end <= span.start || text === '' || !secret(element, text)) return;
      if (spans.length >= MAX_REDACTIONS)
        throw new EvidenceParseError(
          `The file holds more than ${MAX_REDACTIONS} secrets; no redacted copy was made.`,
        );
      spans.push([span.start, span.end]);
    },
  });
  // Spans nest only if a secret holds a secret: the outer one covers both.
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] < last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push(span);
  }
  return { spans: merged };
}

/** The document's text with each planned span replaced by REDACTED. */
export async function* redactedText(
  chunks: ByteChunks,
  plan: RedactionPlan,
): AsyncIterable<string> {
  let offset = 0;
  let index = 0;
  for await (const text of decodeXml(chunks)) {
    const end = offset + text.length;
    let out = '';
    let cursor = offset;
    while (cursor < end) {
      const span = plan.spans[index];
      if (!span) {
        out += text.slice(cursor - offset);
        break;
      }
      if (cursor < span[0]) {
        const stop = Math.min(span[0], end);
        out += text.slice(cursor - offset, stop - offset);
        cursor = stop;
        continue;
      }
      if (cursor === span[0]) out += REDACTED;
      cursor = Math.min(span[1], end);
      if (cursor === span[1]) index += 1;
    }
    offset = end;
    if (out !== '') yield out;
  }
  if (index < plan.spans.length)
    throw new EvidenceParseError('The file ended before every secret was replaced.');
}

/** Whether the document declares an encoding other than UTF-8 (a redacted copy would be mislabelled). */
export function declaresOtherEncoding(head: Uint8Array): boolean {
  const encoding = declaredEncoding(head);
  return encoding !== 'utf-8' && encoding !== 'utf8';
}

/** Which elements hold secrets, for each of SECRET_FORMATS. */
const SECRET_ELEMENTS: Partial<Record<FormatId, SecretTest>> = {
  metasploit: isMetasploitSecret,
};

export interface RedactedCopy {
  /** The copy's text, in order (UTF-8 when written as Blob parts or encoded), read lazily. */
  text: AsyncIterable<string>;
  /** Secrets replaced. */
  replaced: number;
}

/**
 * A copy of a stored file of `format` with every secret replaced by REDACTED. `open` is called
 * three times (the head, the plan, then the copy as `text` is read). Refused
 * (EvidenceParseError) for a format that holds no known secrets or a document declaring an
 * encoding other than UTF-8.
 */
export async function redactedCopy(
  format: FormatId,
  open: () => ByteChunks,
): Promise<RedactedCopy> {
  const secret = SECRET_ELEMENTS[format];
  if (!secret) throw new EvidenceParseError(`A ${format} file cannot be redacted.`);
  const head = await readHead(open(), 200);
  if (declaresOtherEncoding(head))
    throw new EvidenceParseError(
      'The file declares an encoding other than UTF-8; no redacted copy was made.',
    );
  const plan = await planRedaction(open(), secret);
  return { text: redactedText(open(), plan), replaced: plan.spans.length };
}

/** Joins a redacted copy's text (tests and small files; the app writes Blob parts instead). */
export async function redactedString(copy: RedactedCopy): Promise<string> {
  const parts: string[] = [];
  for await (const part of copy.text) parts.push(part);
  return parts.join('');
}
