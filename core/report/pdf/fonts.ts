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
  private readonly hexOfGlyph = new Map<number, string>();
  private readonly widthCache = new Map<string, number>();
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
    for (const char of text) {
      const glyph = this.embedder.font.glyphForCodePoint(char.codePointAt(0) ?? 0x20);
      hex += this.hexFor(glyph);
    }
    if (this.dirty) {
      this.embedder.glyphCache.invalidate();
      this.dirty = false;
    }
    return `${hex}>`;
  }

  /** Width in points at `size`. */
  width(text: string, size: number): number {
    let units = this.widthCache.get(text);
    if (units === undefined) {
      if (needsShaping(text)) {
        units = this.pdfFont.widthOfTextAtSize(text, 1000);
      } else {
        units = 0;
        for (const char of text) {
          units += this.embedder.font.glyphForCodePoint(char.codePointAt(0) ?? 0x20).advanceWidth;
        }
        units *= this.scale;
      }
      if (this.widthCache.size < 50_000) this.widthCache.set(text, units);
    }
    return (units * size) / 1000;
  }

  private hexFor(glyph: Glyph): string {
    const cached = this.hexOfGlyph.get(glyph.id);
    if (cached !== undefined) return cached;
    const subsetId = this.embedder.subset.includeGlyph(glyph);
    this.embedder.glyphs[subsetId - 1] = glyph;
    this.embedder.glyphIdMap.set(glyph.id, subsetId);
    this.dirty = true;
    const hex = subsetId.toString(16).padStart(4, '0');
    this.hexOfGlyph.set(glyph.id, hex);
    return hex;
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
