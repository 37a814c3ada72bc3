import { useSyncExternalStore } from 'react';
import { describeStorageError } from '../db/errors';
import { ValidationError } from '../lib/validation';

export interface Notice {
  id: number;
  kind: 'info' | 'success' | 'error';
  message: string;
}

let notices: readonly Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

export function notify(kind: Notice['kind'], message: string): number {
  const id = nextId;
  nextId += 1;
  notices = [...notices, { id, kind, message }].slice(-5);
  emit();
  if (kind !== 'error') setTimeout(() => dismiss(id), 6000);
  return id;
}

export function dismiss(id: number): void {
  notices = notices.filter((notice) => notice.id !== id);
  emit();
}

/** A sentence for any failure: storage problems explained, validation listed, others quoted. */
export function describeError(error: unknown): string {
  const storage = describeStorageError(error);
  if (storage !== null) return storage;
  if (error instanceof ValidationError) return Object.values(error.fieldErrors).join(' ');
  if (error instanceof Error) return error.message;
  return String(error);
}

export function notifyError(error: unknown, context?: string): void {
  notify(
    'error',
    context === undefined ? describeError(error) : `${context}: ${describeError(error)}`,
  );
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function Notifications() {
  const current = useSyncExternalStore(subscribe, () => notices);
  return (
    <div className="notifications" aria-live="polite">
      {current.map((notice) => (
        <div
          key={notice.id}
          className={`notice notice-${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          <p>{notice.message}</p>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => dismiss(notice.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
