import type { ImportOptions, ImportResult } from '../../../../core/telemetry/importer';

/** Messages between the page and the import worker (import.worker.ts). */
export type ImportRequest = { type: 'start'; file: File; options: ImportOptions };

export type ImportMessage =
  | { type: 'progress'; bytes: number; total: number; lines: number }
  | { type: 'done'; result: ImportResult; sha256: string }
  | { type: 'error'; message: string };
