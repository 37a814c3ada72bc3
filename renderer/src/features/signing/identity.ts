import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { AnchorSource, TrustAnchors } from '../../../../core/trust/explain';
import type {
  IdentityInfo,
  RevocationList,
  TrustedCertificate,
} from '../../../../core/ipc/contract';
import type { Person } from '../../../../core/model';
import { getApi } from '../../app/api';
import { describeError } from '../../app/notifications';
import { useCurrentPerson, useSamplePerson } from '../people/queries';

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
  /** The identities of the person who signs (see `useSigningState`), newest first. */
  mine: IdentityInfo[];
  /** The one that signs their reports and bundles (the newest); null when they have none. */
  identity: IdentityInfo | null;
  person: Person | null;
}

/**
 * Who signs, and with which identity: the person at the keyboard, or for `sample` (a report of
 * the sample workspace) the sample's made-up signer, so no real person's key ever vouches for
 * made-up data.
 */
export function useSigningState(options: { sample?: boolean } = {}): SigningState {
  const current = useSyncExternalStore(subscribe, () => snapshot);
  const atKeyboard = useCurrentPerson().data ?? null;
  const samplePerson = useSamplePerson().data ?? null;
  const person = options.sample === true ? samplePerson : atKeyboard;
  useEffect(() => {
    if (!current.loaded) void refreshSigning();
  }, [current.loaded]);
  const mine = identitiesOf(current.identities, person);
  return { ...current, mine, identity: mine[0] ?? null, person };
}

/**
 * Where each certificate main trusts came from, to say why a signature is trusted
 * (core/trust/explain.ts): the person's own identities, others kept on this computer, and the
 * trust list with the labels the user gave.
 */
export function trustAnchorsOf(
  identities: readonly IdentityInfo[],
  trusted: readonly TrustedCertificate[],
  person: Pick<Person, 'id'> | null,
): TrustAnchors {
  const anchors = new Map<string, { source: AnchorSource; name: string }>();
  for (const item of trusted)
    anchors.set(item.fingerprint, { source: 'trust-list', name: item.label });
  for (const identity of identities) {
    const { certificate } = identity;
    anchors.set(certificate.fingerprint, {
      source: person !== null && identity.owner?.personId === person.id ? 'yours' : 'this-computer',
      name: certificate.commonName || certificate.subject,
    });
  }
  return anchors;
}

/** `trustAnchorsOf` for the person at the keyboard, as main reports them now. */
export function useTrustAnchors(): TrustAnchors {
  const { identities, trusted, person } = useSigningState();
  return useMemo(() => trustAnchorsOf(identities, trusted, person), [identities, trusted, person]);
}

/** The identity that signs for `person` now, read from main. */
export async function signingIdentityOf(person: Person | null): Promise<IdentityInfo | null> {
  const { identities } = await getApi().identityList();
  return identitiesOf(identities, person)[0] ?? null;
}
