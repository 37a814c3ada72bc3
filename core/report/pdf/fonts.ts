import type { PDFDocument, PDFFont, PDFRef } from '@cantoo/pdf-lib';

/**
 * Fast, correct text encoding for an embedded subset TrueType font.
 *
 * pdf-lib encodes and measures every string through fontkit's full shaping engine (~60 µs per
 * call), which dominates a 20,000-row report. For text that needs no shaping (Latin, Greek,
 * Cyrillic, punctuation and symbols: no combining marks, no complex scripts) a plain cmap lookup
 * gives exactly the same glyphs and advances pdf-lib would use, ten times faster; everything
 * else still goes through pdf-lib. Glyphs land in pdf-lib's own subset, so the embedded font,
 * its widths and its ToUnicode map stay pdf-lib's work.
 */

interface Glyph {
  id: number;
  advanceWidth: number;
}

interface GlyphEntry {
  glyph: Glyph;
  /** Advance in 1/1000 em. */
  advance: number;
  /** Subset glyph id as 4 hex digits, once the glyph is in the subset. */
  hex: string | null;
}

interface FontkitFont {
  glyphForCodePoint(codePoint: number): Glyph;
  unitsPerEm: number;
  ascent: number;
  descent: number;
}

/** The parts of @cantoo/pdf-lib 2.11's CustomFontSubsetEmbedder this relies on (checked at run time). */
interface SubsetEmbedder {
  font: FontkitFont;
  subset: { includeGlyph(glyph: Glyph): number };
  glyphs: Glyph[];
  glyphIdMap: Map<number, number>;
  glyphCache: { invalidate(): void };
}

function subsetEmbedderOf(font: PDFFont): SubsetEmbedder {
  const embedder = (font as unknown as { embedder?: Partial<SubsetEmbedder> }).embedder;
  if (
    embedder === undefined ||
    typeof embedder.subset?.includeGlyph !== 'function' ||
    !Array.isArray(embedder.glyphs) ||
    !(embedder.glyphIdMap instanceof Map) ||
    typeof embedder.glyphCache?.invalidate !== 'function' ||
    typeof embedder.font?.glyphForCodePoint !== 'function'
  ) {
    throw new Error(
      'The PDF library is not the expected version: its font subset embedder changed.',
    );
  }
  return embedder as SubsetEmbedder;
}

function needsShaping(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x0300) continue;
    if (code >= 0x0370 && code <= 0x058f) continue;
    if (code >= 0x2000 && code <= 0x2bff) continue;
    // Everything else (combining marks, complex scripts, surrogate pairs) is shaped.
    return true;
  }
  return false;
}

/** Strips what a PDF string must not carry: control characters become spaces. */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

export class ReportFont {
  readonly ref: PDFRef;
  private readonly embedder: SubsetEmbedder;
  private readonly scale: number;
  private readonly byCodePoint = new Map<number, GlyphEntry>();
  /** Widths of shaped text, which is slow to measure; plain text is summed from the glyph cache. */
  private readonly shapedWidths = new Map<string, number>();
  private dirty = false;

  constructor(readonly pdfFont: PDFFont) {
    this.ref = pdfFont.ref;
    this.embedder = subsetEmbedderOf(pdfFont);
    this.scale = 1000 / this.embedder.font.unitsPerEm;
  }

  /**
   * `tag` becomes the six-letter subset prefix of the font's name (`DLREGA+DejaVuSans`), which
   * is how readers and pdffonts recognise an embedded subset.
   */
  static async embed(doc: PDFDocument, bytes: Uint8Array, tag: string): Promise<ReportFont> {
    const fontkit = (await import('@cantoo/fontkit')).default;
    const face = fontkit.create(bytes) as { postscriptName?: string | null };
    const name = (face.postscriptName ?? 'Font').replace(/[^A-Za-z0-9-]/g, '');
    return new ReportFont(
      await doc.embedFont(bytes, { subset: true, customName: `${tag}+${name}` }),
    );
  }

  /** Ascent above the baseline at `size`, for placing the first line of a box. */
  ascent(size: number): number {
    return (this.embedder.font.ascent * this.scale * size) / 1000;
  }

  /** The text as a PDF hex string of subset glyph ids, e.g. `<00030004>`. */
  encode(text: string): string {
    if (needsShaping(text)) return this.pdfFont.encodeText(text).toString();
    let hex = '<';
    for (let index = 0; index < text.length; index += 1) {
      const entry = this.glyphOf(text.charCodeAt(index));
      hex += entry.hex ?? this.include(entry);
    }
    if (this.dirty) {
      this.embedder.glyphCache.invalidate();
      this.dirty = false;
    }
    return `${hex}>`;
  }

  /** Width in points at `size`. */
  width(text: string, size: number): number {
    let units = 0;
    if (needsShaping(text)) {
      const cached = this.shapedWidths.get(text);
      units = cached ?? this.pdfFont.widthOfTextAtSize(text, 1000);
      if (cached === undefined && this.shapedWidths.size < 10_000)
        this.shapedWidths.set(text, units);
    } else {
      for (let index = 0; index < text.length; index += 1)
        units += this.glyphOf(text.charCodeAt(index)).advance;
    }
    return (units * size) / 1000;
  }

  /**
   * The glyph for a code point (text on the fast path has no surrogate pairs: those need
   * shaping), its scaled advance, and its subset code once used. fontkit's own lookups are
   * slow enough to dominate large reports, so each code point is looked up once.
   */
  private glyphOf(codePoint: number): GlyphEntry {
    let entry = this.byCodePoint.get(codePoint);
    if (entry === undefined) {
      const glyph = this.embedder.font.glyphForCodePoint(codePoint);
      entry = { glyph, advance: glyph.advanceWidth * this.scale, hex: null };
      this.byCodePoint.set(codePoint, entry);
    }
    return entry;
  }

  private include(entry: GlyphEntry): string {
    const subsetId = this.embedder.subset.includeGlyph(entry.glyph);
    this.embedder.glyphs[subsetId - 1] = entry.glyph;
    this.embedder.glyphIdMap.set(entry.glyph.id, subsetId);
    this.dirty = true;
    entry.hex = subsetId.toString(16).padStart(4, '0');
    return entry.hex;
  }
}

export interface FontSet {
  regular: ReportFont;
  bold: ReportFont;
}

export interface FontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
}
