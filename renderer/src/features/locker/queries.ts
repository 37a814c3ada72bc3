import { useCallback, useEffect, useState } from 'react';
import type { LockerState, OutboxListing } from '../../../../core/locker/app';
import { getApi } from '../../app/api';
import { describeError } from '../../app/notifications';

/**
 * Reads of the team locker come from main (its settings, the outbox), not from the database:
 * the outbox changes as main uploads, so it is read again at an interval while shown.
 */

export function useLockerState(): {
  state: LockerState | null;
  error: string | null;
  set: (state: LockerState) => void;
} {
  const [state, set] = useState<LockerState | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getApi()
      .lockerGetState()
      .then(
        (value) => live && set(value),
        (failure: unknown) => live && setError(describeError(failure)),
      );
    return () => {
      live = false;
    };
  }, []);
  return { state, error, set };
}

/** The outbox, read every `everyMs` while mounted; `replace` takes a listing a command returned. */
export function useOutbox(everyMs = 1_000): {
  outbox: OutboxListing | null;
  replace: (listing: OutboxListing) => void;
} {
  const [outbox, replace] = useState<OutboxListing | null>(null);
  const read = useCallback(() => {
    getApi()
      .lockerOutbox()
      .then(replace, () => undefined);
  }, []);
  useEffect(() => {
    read();
    const timer = window.setInterval(read, everyMs);
    return () => window.clearInterval(timer);
  }, [read, everyMs]);
  return { outbox, replace };
}
