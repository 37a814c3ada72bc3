import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { nowIso } from '../../../../core/model';
import { notifyError } from '../../app/notifications';
import { db } from '../../db';

/**
 * Text typed in presenter mode is saved at every keystroke to the `demoDrafts` table (not
 * audited: it is not part of the record until committed), so a reload or a crashed window loses
 * nothing. Committing an entry deletes its draft in the same transaction.
 *
 * Presenter mode reads all of a demo's drafts once, before it shows anything, and then keeps
 * them in memory: switching items or between observation and question never waits for the
 * database, so no keystroke can arrive while a draft is still loading.
 */

export interface DraftScope {
  demoId: string;
  workspaceId: string;
}

export const draftKeys = {
  note: (demoId: string, itemId: string, kind: string) => `${demoId}/item/${itemId}/${kind}`,
  issue: (demoId: string, itemId: string) => `${demoId}/item/${itemId}/issue`,
  exception: (demoId: string, itemId: string, control: string) =>
    `${demoId}/item/${itemId}/exception/${control}`,
  position: (demoId: string) => `${demoId}/presenter/position`,
};

export async function saveDraft(key: string, scope: DraftScope, value: unknown): Promise<void> {
  await db.demoDrafts.put({ key, ...scope, value, updatedAt: nowIso() });
}

export interface DraftStore {
  read(key: string): unknown;
  /** Remembers the value and writes it through to the database; settles when stored. */
  write(key: string, value: unknown): Promise<void>;
  /** Forgets a draft whose row a commit has already deleted. */
  forget(key: string): void;
}

/** Loads every draft of the demo; null until they are in memory. */
export function useDraftStore(scope: DraftScope): DraftStore | null {
  const { demoId, workspaceId } = scope;
  const [values, setValues] = useState<{ demoId: string; map: Map<string, unknown> } | null>(null);
  useEffect(() => {
    let cancelled = false;
    db.demoDrafts
      .where('demoId')
      .equals(demoId)
      .toArray()
      .then(
        (rows) => {
          if (!cancelled)
            setValues({ demoId, map: new Map(rows.map((row) => [row.key, row.value])) });
        },
        (error: unknown) => {
          notifyError(error, 'Could not read the saved drafts');
          if (!cancelled) setValues({ demoId, map: new Map() });
        },
      );
    return () => {
      cancelled = true;
    };
  }, [demoId]);
  const map = values?.demoId === demoId ? values.map : null;
  return useMemo(() => {
    if (map === null) return null;
    return {
      read: (key) => map.get(key),
      write: async (key, value) => {
        map.set(key, value);
        try {
          await saveDraft(key, { demoId, workspaceId }, value);
        } catch (error) {
          notifyError(error, 'Could not save what you typed');
        }
      },
      forget: (key) => {
        map.delete(key);
      },
    };
  }, [map, demoId, workspaceId]);
}

export const DraftStoreContext = createContext<DraftStore | null>(null);

export interface Draft<T> {
  value: T;
  /** True when every change so far is in the database. */
  saved: boolean;
  set: (value: T) => void;
  /** Back to the initial value, after the draft was committed (its row is already gone). */
  reset: () => void;
}

/** A value kept in the demo's draft store under `key`, written through at every change. */
export function useDraft<T>(
  key: string,
  initial: T,
  isValid: (value: unknown) => value is T,
): Draft<T> {
  const store = useContext(DraftStoreContext);
  if (store === null) throw new Error('useDraft needs a DraftStoreContext (presenter mode).');
  const stored = store.read(key);
  const fromStore = isValid(stored) ? stored : initial;
  // Until edited (and after a reset) `key` is null and the value follows the store, or the
  // initial value as it is now: a prefill made from live data stays current until edited.
  const [state, setState] = useState<{ key: string | null; value: T }>({
    key: null,
    value: fromStore,
  });
  const value = state.key === key ? state.value : fromStore;
  // Writes settle in the order they were made, so counting them tells whether all have landed.
  const [writes, setWrites] = useState({ issued: 0, settled: 0 });
  const set = useCallback(
    (next: T) => {
      setState({ key, value: next });
      setWrites((count) => ({ ...count, issued: count.issued + 1 }));
      void store
        .write(key, next)
        .finally(() => setWrites((count) => ({ ...count, settled: count.settled + 1 })));
    },
    [key, store],
  );
  const reset = useCallback(() => {
    store.forget(key);
    setState((current) => ({ key: null, value: current.value }));
  }, [key, store]);
  return { value, saved: writes.issued === writes.settled, set, reset };
}

export function isString(value: unknown): value is string {
  return typeof value === 'string';
}
