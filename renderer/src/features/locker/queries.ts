import { useEffect, useState } from 'react';
import type { LockerState, OutboxListing } from '../../../../core/locker/app';
import { getApi } from '../../app/api';
import { onHostEvent } from '../../app/host-events';
import { describeError } from '../../app/notifications';

/**
 * Reads of the team locker come from main (its settings, the outbox), not from the database:
 * the outbox changes as main uploads, and main says so with an event.
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

/**
 * The outbox: read once, then kept current by main's `locker:outboxChanged` events (main sends
 * one after every change, coalesced). `replace` takes a listing a command returned. An event
 * that arrived before the first read answered is newer than that answer, so the answer is dropped.
 */
export function useOutbox(): {
  outbox: OutboxListing | null;
  replace: (listing: OutboxListing) => void;
} {
  const [outbox, replace] = useState<OutboxListing | null>(null);
  useEffect(() => {
    let heard = false;
    const unsubscribe = onHostEvent('locker:outboxChanged', (listing) => {
      heard = true;
      replace(listing);
    });
    getApi()
      .lockerOutbox()
      .then(
        (listing) => {
          if (!heard) replace(listing);
        },
        () => undefined,
      );
    return unsubscribe;
  }, []);
  return { outbox, replace };
}
