import { useEffect, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { describeStorageError } from '../db/errors';
import { ValidationError } from '../lib/validation';

export interface Notice {
  id: number;
  kind: 'info' | 'success' | 'error';
  message: string;
  /** A button beside the message (Undo). */
  action?: NoticeAction;
}

export interface NoticeAction {
  label: string;
  run: () => void;
}

export interface NoticeOptions {
  action?: NoticeAction;
  /** How long a notice that is not an error stays (errors stay until dismissed). */
  timeoutMs?: number;
}

/** Notices kept (errors stay until dismissed); only the latest `VISIBLE` are shown. */
const KEPT = 5;
const VISIBLE = 2;

let notices: readonly Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

export function notify(kind: Notice['kind'], message: string, options: NoticeOptions = {}): number {
  const id = nextId;
  nextId += 1;
  const notice: Notice = {
    id,
    kind,
    message,
    ...(options.action ? { action: options.action } : {}),
  };
  notices = [...notices, notice].slice(-KEPT);
  emit();
  if (kind !== 'error') setTimeout(() => dismiss(id), options.timeoutMs ?? 6000);
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

/**
 * Where notices are shown instead of the shell's strip below the page: a view that fills the
 * window (presenter mode) gives an element of its own layout, so notices take their own space
 * there and never lie over its composer, its controls or a dialog.
 */
let host: HTMLElement | null = null;
const hostListeners = new Set<() => void>();

function subscribeHost(listener: () => void): () => void {
  hostListeners.add(listener);
  return () => hostListeners.delete(listener);
}

/** A ref callback: notices are shown in this element while it is mounted. */
export function useNotificationHost(): (element: HTMLElement | null) => void {
  const [element, setElement] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!element) return undefined;
    const previous = host;
    host = element;
    for (const listener of hostListeners) listener();
    return () => {
      host = previous;
      for (const listener of hostListeners) listener();
    };
  }, [element]);
  return setElement;
}

/**
 * The latest two notices, each its own live region (errors assertive, the rest polite). The
 * shell renders this after its content, so Dismiss buttons come after everything else in the
 * Tab order, wherever the notices are shown.
 */
export function Notifications() {
  const current = useSyncExternalStore(subscribe, () => notices);
  const target = useSyncExternalStore(subscribeHost, () => host);
  const visible = current.slice(-VISIBLE);
  const hidden = current.length - visible.length;
  const list = (
    <div
      className={target ? 'notifications hosted' : 'notifications'}
      role="region"
      aria-label="Notifications"
    >
      {hidden > 0 ? (
        <p className="notice-more muted small">
          {hidden} earlier {hidden === 1 ? 'notice' : 'notices'} not shown
        </p>
      ) : null}
      {visible.map((notice) => (
        <div
          key={notice.id}
          className={`notice notice-${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          <p>{notice.message}</p>
          {notice.action ? (
            <button
              type="button"
              className="button small"
              onClick={() => {
                dismiss(notice.id);
                notice.action?.run();
              }}
            >
              {notice.action.label}
            </button>
          ) : null}
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
  return target ? createPortal(list, target) : list;
}
