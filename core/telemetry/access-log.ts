import { parseClfTime } from './time';

/**
 * One line of an nginx or Apache access log in the combined format
 * (`$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer"
 * "$http_user_agent"`) or the common format (the same without referer and user agent).
 */
export interface AccessRecord {
  at: number;
  source: string;
  method: string;
  /** The request target (path and query) as logged; the whole request when it is malformed. */
  target: string;
  status: number;
}

export type AccessLineParser = (line: string) => AccessRecord | string;

const NOT_ACCESS = 'not an access-log line in combined or common format';
const SPACE = 32;
const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACKET = 91;

/**
 * A parser for one file: it remembers the last time it read, as consecutive lines share it.
 * The line is read by scanning for its delimiters rather than with a regular expression: this
 * runs once per line of files with millions of lines, and the scan allocates only the fields.
 */
export function createAccessLineParser(): AccessLineParser {
  let lastTimeText = '';
  let lastTime: number | null = null;
  return (line) => {
    const fields = scanAccessLine(line);
    if (fields === null) return NOT_ACCESS;
    if (fields.timeText !== lastTimeText) {
      lastTimeText = fields.timeText;
      lastTime = parseClfTime(fields.timeText);
    }
    if (lastTime === null) return `unreadable time "${fields.timeText.slice(0, 40)}"`;
    return recordOf(fields, lastTime);
  };
}

interface AccessFields {
  source: string;
  timeText: string;
  request: string;
  status: number;
}

/**
 * `client ident user [time] "request" status bytes ...`, where user may be quoted, the request may
 * hold backslash escapes (nginx writes `\"` and `\xHH`), and bytes may be `-`.
 */
function scanAccessLine(line: string): AccessFields | null {
  const afterSource = line.indexOf(' ');
  if (afterSource <= 0) return null;
  const afterIdent = line.indexOf(' ', afterSource + 1);
  if (afterIdent <= afterSource + 1) return null;
  let position = afterIdent + 1;
  if (line.charCodeAt(position) === QUOTE) {
    const closing = line.indexOf('"', position + 1);
    if (closing < 0) return null;
    position = closing + 1;
  } else {
    const afterUser = line.indexOf(' ', position);
    if (afterUser <= position) return null;
    position = afterUser;
  }
  if (line.charCodeAt(position) !== SPACE || line.charCodeAt(position + 1) !== OPEN_BRACKET) {
    return null;
  }
  const timeEnd = line.indexOf(']', position + 2);
  if (timeEnd <= position + 2) return null;
  if (line.charCodeAt(timeEnd + 1) !== SPACE || line.charCodeAt(timeEnd + 2) !== QUOTE) return null;
  const requestStart = timeEnd + 3;
  let requestEnd = -1;
  for (let from = requestStart; ;) {
    const quote = line.indexOf('"', from);
    if (quote < 0) break;
    let backslashes = 0;
    for (
      let index = quote - 1;
      index >= requestStart && line.charCodeAt(index) === BACKSLASH;
      index -= 1
    ) {
      backslashes += 1;
    }
    if (backslashes % 2 === 0) {
      requestEnd = quote;
      break;
    }
    from = quote + 1;
  }
  if (requestEnd < 0 || line.charCodeAt(requestEnd + 1) !== SPACE) return null;
  const statusStart = requestEnd + 2;
  const status = digits(line, statusStart, statusStart + 3);
  if (status < 0 || line.charCodeAt(statusStart + 3) !== SPACE) return null;
  const bytesStart = statusStart + 4;
  let bytesEnd = bytesStart;
  if (line.charCodeAt(bytesStart) === 45 /* - */) bytesEnd += 1;
  else while (isDigit(line.charCodeAt(bytesEnd))) bytesEnd += 1;
  if (bytesEnd === bytesStart || (bytesEnd < line.length && line.charCodeAt(bytesEnd) !== SPACE)) {
    return null;
  }
  return {
    source: line.slice(0, afterSource),
    timeText: line.slice(position + 2, timeEnd),
    request: line.slice(requestStart, requestEnd),
    status,
  };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The number written by the digits in [start, end), or -1 if any is not a digit. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if (!isDigit(code)) return -1;
    value = value * 10 + (code - 48);
  }
  return value;
}

function recordOf(fields: AccessFields, at: number): AccessRecord {
  const request = fields.request;
  const firstSpace = request.indexOf(' ');
  const lastSpace = request.lastIndexOf(' ');
  let method = '';
  let target = request;
  if (firstSpace > 0) {
    method = request.slice(0, firstSpace);
    target =
      lastSpace > firstSpace && request.startsWith('HTTP/', lastSpace + 1)
        ? request.slice(firstSpace + 1, lastSpace)
        : request.slice(firstSpace + 1);
  }
  return { at, source: fields.source, method, target, status: fields.status };
}

/** Whether a sample of text looks like an access log (most non-empty lines parse). */
export function looksLikeAccessLog(lines: readonly string[]): boolean {
  const candidates = lines.filter((line) => line.trim() !== '');
  if (candidates.length === 0) return false;
  const parse = createAccessLineParser();
  const parsed = candidates.filter((line) => typeof parse(line) !== 'string').length;
  return parsed / candidates.length >= 0.6;
}
