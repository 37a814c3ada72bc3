/**
 * The envelope every IPC call returns. Errors cross the process boundary as data, because
 * Electron strips custom error classes and Playwright's bindings only carry JSON.
 */
export const IPC_ERROR_CODES = [
  'invalid-input',
  'invalid-output',
  'unknown-channel',
  'forbidden',
  'not-found',
  'unavailable',
  'canceled',
  'conflict',
  'internal',
] as const;

export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export interface IpcIssue {
  /** Dotted path into the input, e.g. `url` or `items.2.name`; empty for the whole value. */
  path: string;
  message: string;
}

export interface IpcErrorShape {
  code: IpcErrorCode;
  message: string;
  issues?: IpcIssue[];
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcErrorShape };

/** Thrown in the renderer when a call fails; also thrown by handlers to pick the error code. */
export class IpcError extends Error {
  readonly code: IpcErrorCode;
  readonly issues: IpcIssue[];

  constructor(code: IpcErrorCode, message: string, issues: IpcIssue[] = []) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
    this.issues = issues;
  }

  toShape(): IpcErrorShape {
    return this.issues.length > 0
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }

  static fromShape(shape: IpcErrorShape): IpcError {
    return new IpcError(shape.code, shape.message, shape.issues ?? []);
  }
}

export function isIpcResult(value: unknown): value is IpcResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const candidate = value as { ok: unknown; error?: unknown };
  if (candidate.ok === true) return 'value' in value;
  if (candidate.ok !== false) return false;
  const error = candidate.error as { code?: unknown; message?: unknown } | undefined;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof error.message === 'string' &&
    (IPC_ERROR_CODES as readonly unknown[]).includes(error.code)
  );
}
