/**
 * Text from a file (a certificate name, a title, a rule id) made safe to print: every control
 * character is written as an escape, so a crafted name cannot move the cursor, clear a line or
 * draw a fake "Verdict: valid" on a terminal. C0 and C1 controls, DEL, and the Unicode line
 * separators and bidirectional overrides are escaped; `keep` lists characters a caller's own
 * layout uses (the CLI keeps the newlines and tabs it writes itself).
 */

const NAMED: Readonly<Record<string, string>> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

// C0, DEL, C1, line/paragraph separators, bidi embeddings, overrides and isolates, BOM.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

function escape(char: string): string {
  const code = char.charCodeAt(0);
  // \uXXXX also reads as the same escape inside JSON strings.
  return NAMED[char] ?? `\\u${code.toString(16).padStart(4, '0')}`;
}

export function plain(text: string, keep: readonly string[] = []): string {
  return text.replace(UNSAFE, (char) => (keep.includes(char) ? char : escape(char)));
}

/** Output the CLI writes itself, made safe as a whole: its own newlines and tabs are kept. */
export function plainOutput(text: string): string {
  return plain(text, ['\n', '\t']);
}
