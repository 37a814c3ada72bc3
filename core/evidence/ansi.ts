/**
 * Strips ANSI escape sequences (colours, cursor movement, OSC hyperlinks) from CI logs so they
 * read as plain text. Nothing is interpreted: the sequences are removed, never rendered.
 */
const ANSI =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /\u001b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[\x40-\x5a\x5c-\x5f]|\u009b[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
