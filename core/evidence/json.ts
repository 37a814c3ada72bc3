import JSONParser from '@streamparser/json/jsonparser.js';
import type { ByteChunks } from './bytes';
import { EvidenceParseError } from './bytes';

/**
 * Streaming JSON: values are delivered as soon as they are complete, only at the selected
 * paths, and dropped from the tree afterwards (`keepStack: false`), so a file with a million
 * results holds one result at a time. Paths are JSONPath-like: `$.runs.*.results.*`.
 */

export type JsonPath = readonly (string | number)[];

export interface JsonSelection {
  paths: readonly string[];
  onValue(path: JsonPath, value: unknown): void;
  /** Several documents one after another (JSON Lines). */
  multiple?: boolean;
}

interface StackEntry {
  key?: string | number | undefined;
}

export async function readJson(chunks: ByteChunks, selection: JsonSelection): Promise<void> {
  const parser = new JSONParser({
    paths: [...selection.paths],
    keepStack: false,
    ...(selection.multiple ? { separator: '' } : {}),
  });
  const state: { failure: Error | null } = { failure: null };
  let consumed = 0;
  let lineBefore = 1;
  let current: Uint8Array = new Uint8Array(0);
  parser.onValue = ({ key, stack, value }) => {
    if (state.failure) return;
    const path: (string | number)[] = [];
    for (const entry of (stack as readonly StackEntry[]).slice(1)) {
      if (entry.key !== undefined) path.push(entry.key);
    }
    if (key !== undefined) path.push(key);
    try {
      selection.onValue(path, value);
    } catch (error) {
      state.failure = error as Error;
    }
  };
  parser.onError = (error: Error) => {
    state.failure ??= new EvidenceParseError(describe(error, consumed, lineBefore, current));
  };
  let sawAny = false;
  for await (const chunk of chunks) {
    if (chunk.byteLength === 0) continue;
    sawAny = true;
    current = chunk;
    parser.write(chunk);
    if (state.failure) throw state.failure;
    consumed += chunk.byteLength;
    lineBefore += countNewlines(chunk);
  }
  if (!sawAny) throw new EvidenceParseError('The file is empty.');
  if (!parser.isEnded) {
    parser.end();
    if (state.failure) {
      throw new EvidenceParseError(
        'The JSON ends before the document is complete: the file is truncated or malformed.',
      );
    }
  }
  if (state.failure) throw state.failure;
}

function countNewlines(bytes: Uint8Array, end = bytes.byteLength): number {
  let lines = 0;
  for (let index = 0; index < end; index += 1) if (bytes[index] === 0x0a) lines += 1;
  return lines;
}

/** Turns the tokenizer's byte position into a line number a person can look up. */
function describe(error: Error, consumed: number, lineBefore: number, chunk: Uint8Array): string {
  const position = /absolute position "(\d+)"/.exec(error.message);
  if (position?.[1] === undefined) return `Malformed JSON: ${error.message}`;
  const offset = Number(position[1]) - consumed;
  const line =
    offset >= 0 && offset <= chunk.byteLength ? lineBefore + countNewlines(chunk, offset) : null;
  const unexpected = /Unexpected "(.{1,4})"/.exec(error.message)?.[1];
  return `Malformed JSON${line === null ? '' : ` at line ${line}`}${unexpected === undefined ? '' : `: unexpected ${JSON.stringify(unexpected)}`} (byte ${position[1]}).`;
}
