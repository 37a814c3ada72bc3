import { parse as parseTolerant, printParseErrorCode } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';

export class JsonTextError extends Error {
  override readonly name = 'JsonTextError';
  constructor(
    message: string,
    readonly line: number | null,
    readonly column: number | null,
  ) {
    super(message);
  }
}

/** Line and column (1-based) of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(0, offset), text.length);
  for (let index = 0; index < end; index += 1) {
    if (text.charCodeAt(index) === 10) {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * JSON.parse with a message that says where the text is broken. Engines word (and place) their
 * own errors differently, so on failure the text is scanned again by jsonc-parser, in strict
 * mode, only to find the first error's offset.
 */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const errors: ParseError[] = [];
    parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    if (first === undefined) {
      throw new JsonTextError(
        `${what} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
        null,
        null,
      );
    }
    const { line, column } = lineAndColumn(text, first.offset);
    throw new JsonTextError(
      `${what} is not valid JSON at line ${line}, column ${column}: ${describeCode(printParseErrorCode(first.error))}.`,
      line,
      column,
    );
  }
}

function describeCode(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
