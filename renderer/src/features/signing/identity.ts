import { useEffect, useSyncExternalStore } from 'react';
import type { IdentityStatus, TrustedCertificate } from '../../../../core/ipc/contract';
import { getApi } from '../../app/api';
import { describeError } from '../../app/notifications';

/**
 * The signing identity and trust list live in the main process; this store mirrors what main
 * reports (certificate details only, never key material) and refreshes after every change.
 */

interface Snapshot {
  identity: IdentityStatus | null;
  trusted: TrustedCertificate[];
  loaded: boolean;
  error: string | null;
}

let snapshot: Snapshot = { identity: null, trusted: [], loaded: false, error: null };
const listeners = new Set<() => void>();
let loading: Promise<void> | null = null;

function publish(next: Snapshot): void {
  snapshot = next;
  for (const listener of listeners) listener();
}

export function refreshSigning(): Promise<void> {
  loading ??= (async () => {
    try {
      const api = getApi();
      const [identity, trusted] = await Promise.all([api.identityGet(), api.trustList()]);
      publish({ identity, trusted, loaded: true, error: null });
    } catch (error) {
      publish({ ...snapshot, loaded: true, error: describeError(error) });
    } finally {
      loading = null;
    }
  })();
  return loading;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSigningState(): Snapshot {
  const current = useSyncExternalStore(subscribe, () => snapshot);
  useEffect(() => {
    if (!current.loaded) void refreshSigning();
  }, [current.loaded]);
  return current;
}
