import { useEffect, useSyncExternalStore } from 'react';
import type {
  IdentityInfo,
  RevocationList,
  TrustedCertificate,
} from '../../../../core/ipc/contract';
import type { Person } from '../../../../core/model';
import { getApi } from '../../app/api';
import { describeError } from '../../app/notifications';
import { useCurrentPerson } from '../people/queries';

/**
 * The signing identities, the trust list and the revocation lists live in the main process; this store mirrors what main
 * reports (certificate details only, never key material) and refreshes after every change.
 * Each identity belongs to a person; the person at the keyboard signs with theirs.
 */

interface Snapshot {
  identities: IdentityInfo[];
  trusted: TrustedCertificate[];
  revocations: RevocationList[];
  loaded: boolean;
  error: string | null;
}

let snapshot: Snapshot = {
  identities: [],
  trusted: [],
  revocations: [],
  loaded: false,
  error: null,
};
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
      const [{ identities }, trusted, revocations] = await Promise.all([
        api.identityList(),
        api.trustList(),
        api.revocationList(),
      ]);
      publish({ identities, trusted, revocations, loaded: true, error: null });
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

/** A person's identities, newest first. */
export function identitiesOf(
  identities: readonly IdentityInfo[],
  person: Pick<Person, 'id'> | null | undefined,
): IdentityInfo[] {
  if (!person) return [];
  return identities
    .filter((identity) => identity.owner?.personId === person.id)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export interface SigningState extends Snapshot {
  /** The identities of the person at the keyboard, newest first. */
  mine: IdentityInfo[];
  /** The one that signs their reports and bundles (the newest); null when they have none. */
  identity: IdentityInfo | null;
  person: Person | null;
}

export function useSigningState(): SigningState {
  const current = useSyncExternalStore(subscribe, () => snapshot);
  const person = useCurrentPerson().data ?? null;
  useEffect(() => {
    if (!current.loaded) void refreshSigning();
  }, [current.loaded]);
  const mine = identitiesOf(current.identities, person);
  return { ...current, mine, identity: mine[0] ?? null, person };
}

/** The identity that signs for `person` now, read from main. */
export async function signingIdentityOf(person: Person | null): Promise<IdentityInfo | null> {
  const { identities } = await getApi().identityList();
  return identitiesOf(identities, person)[0] ?? null;
}
