/**
 * The limits one verification may spend on an untrusted PDF. Every loop over the file's content
 * (tokens, objects, tree nodes, inflated bytes) charges this budget, so a hostile file ends in a
 * "refused: exceeds …" verdict instead of a hang or an out-of-memory crash.
 */

export interface VerifyLimits {
  /** Bytes of the file itself; checked before it is read into memory. */
  fileBytes: number;
  /** Objects parsed and tree nodes visited in the whole verification (the work limit). */
  work: number;
  /** Nesting of arrays and dictionaries in one object, and of trees walked. */
  depth: number;
  /** Incremental updates (revisions) in one file. */
  revisions: number;
  /** Signature dictionaries in one file. */
  signatures: number;
  /** Bytes one stream may inflate to. */
  inflateBytes: number;
  /** Bytes all streams of the file may inflate to together. */
  totalInflateBytes: number;
  /** Output/input ratio of one stream, checked once it has inflated `ratioFloor` bytes. */
  inflateRatio: number;
  ratioFloor: number;
  /** Characters of one number or name token; strings have their own cap. */
  tokenChars: number;
  stringBytes: number;
}

export const DEFAULT_LIMITS: VerifyLimits = {
  fileBytes: 1024 * 1024 * 1024,
  work: 2_000_000,
  depth: 64,
  revisions: 512,
  signatures: 64,
  inflateBytes: 640 * 1024 * 1024,
  totalInflateBytes: 1024 * 1024 * 1024,
  inflateRatio: 250,
  ratioFloor: 8 * 1024 * 1024,
  tokenChars: 255,
  stringBytes: 4 * 1024 * 1024,
};

/** A limit was reached: the file is refused, with the limit named. */
export class LimitExceeded extends Error {
  override readonly name = 'LimitExceeded';
}

/** The file breaks PDF syntax where it matters; `offset` is where the reader stopped. */
export class PdfSyntaxError extends Error {
  override readonly name = 'PdfSyntaxError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at byte ${offset})`);
  }
}

export class Budget {
  private spent = 0;
  private inflated = 0;

  constructor(readonly limits: VerifyLimits = DEFAULT_LIMITS) {}

  /** Charges `units` of work (objects parsed, nodes visited). */
  work(units = 1): void {
    this.spent += units;
    if (this.spent > this.limits.work)
      throw new LimitExceeded(
        `exceeds the work limit of ${this.limits.work.toLocaleString('en')} objects visited`,
      );
  }

  depth(depth: number, what: string): void {
    if (depth > this.limits.depth)
      throw new LimitExceeded(`exceeds the nesting limit of ${this.limits.depth} in ${what}`);
  }

  /** Charges bytes produced by inflating streams. */
  inflate(bytes: number): void {
    this.inflated += bytes;
    if (this.inflated > this.limits.totalInflateBytes)
      throw new LimitExceeded(
        `exceeds ${mebibytes(this.limits.totalInflateBytes)} inflated from the file's streams`,
      );
  }

  get workSpent(): number {
    return this.spent;
  }
}

export function mebibytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}
