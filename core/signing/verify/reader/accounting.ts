import { LimitExceeded, PdfSyntaxError } from './budget';
import type { PdfFile, Revision } from './document';
import { Lexer } from './lexer';
import { PdfStream } from './objects';
import { readObjectHeader } from './parser';

/**
 * Accounts for every byte of an incremental update, read token by token from its first byte to
 * its %%EOF: it may hold only whitespace, comments, the objects its own cross-reference section
 * lists (each once, each exactly where its entry points) and that section. Anything else (an
 * entry pointing into a comment, an object defined twice, an object no entry names, stray
 * tokens) is something two readers could read differently, and is reported.
 */
export function unaccountedBytes(file: PdfFile, revision: Revision): string[] {
  const problems: string[] = [];
  const resolver = file.resolver(revision);
  const { section } = revision;
  const lexer = new Lexer(file.bytes, revision.start, file.budget, revision.end);
  const found = new Map<number, number>();
  const objectStreams = new Set<number>();
  try {
    for (;;) {
      const at = lexer.skipSpace();
      if (at >= revision.end) break;
      if (at === section.offset && file.bytes[at] === 0x78) break; // the `xref` table and trailer follow
      const header = readObjectHeader(lexer);
      if (header === null) {
        problems.push(
          `bytes at offset ${at} are neither an object nor the cross-reference section`,
        );
        break;
      }
      if (found.has(header.num)) {
        problems.push(`object ${header.num} is defined twice in the same update`);
        break;
      }
      found.set(header.num, at);
      const parsed = resolver.parseAt(at, header.num, header.gen);
      if (parsed.value instanceof PdfStream && parsed.value.dict.name('Type') === 'ObjStm')
        objectStreams.add(header.num);
      lexer.pos = parsed.end;
      if (at === section.offset) break; // a cross-reference stream ends the update
    }
  } catch (error) {
    if (error instanceof LimitExceeded) throw error;
    problems.push(
      `the update cannot be read token by token (${error instanceof PdfSyntaxError ? error.message : 'damaged'})`,
    );
  }
  for (const [num, entry] of section.entries) {
    if (entry.type === 'offset') {
      const previous =
        revision.index > 0
          ? file.entry(file.revisions[revision.index - 1] as Revision, num)
          : undefined;
      const unchanged =
        previous?.type === 'offset' &&
        previous.offset === entry.offset &&
        previous.gen === entry.gen;
      if (unchanged) continue;
      if (found.get(num) !== entry.offset)
        problems.push(
          entry.offset < revision.start
            ? `the entry for object ${num} points back into an earlier revision (offset ${entry.offset})`
            : `the entry for object ${num} points at offset ${entry.offset}, where the update defines no such object`,
        );
    } else if (entry.type === 'compressed' && !objectStreams.has(entry.stream)) {
      const previous =
        revision.index > 0
          ? file.entry(file.revisions[revision.index - 1] as Revision, num)
          : undefined;
      if (!(
        previous?.type === 'compressed' &&
        previous.stream === entry.stream &&
        previous.index === entry.index
      ))
        problems.push(
          `the entry for object ${num} points into object stream ${entry.stream}, which this update does not define`,
        );
    }
  }
  for (const [num] of found) {
    const entry = section.entries.get(num);
    if (entry === undefined && !section.streamObjects.includes(num))
      problems.push(
        `object ${num} is defined in the update but not listed in its cross-reference section`,
      );
  }
  for (const streamNum of objectStreams) {
    const index = resolver.objectStream(streamNum);
    for (const [position, num] of index.numbers.entries()) {
      const entry = section.entries.get(num);
      if (!(entry?.type === 'compressed' && entry.stream === streamNum && entry.index === position))
        problems.push(
          `object ${num} in object stream ${streamNum} is not the one the cross-reference section names`,
        );
    }
  }
  return problems;
}
