/**
 * Strips ANSI escape sequences (colours, cursor movement, OSC hyperlinks) from CI logs so they
 * read as plain text. Nothing is interpreted: the sequences are removed, never rendered.
 */
const ANSI =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
