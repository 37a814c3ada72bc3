import '../reports/reports.css';
import { useEffect, useMemo, useState } from 'react';
import type { IdentityInfo } from '../../../../core/ipc/contract';
import { getApi } from '../../app/api';
import { useRegisterCommands } from '../../app/commands/registry';
import { describeError, notify } from '../../app/notifications';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/FormFooter';
import { claimIdentity, ownerOf, removeIdentity, unlockIdentity } from './commands';
import { useSigningState } from './identity';
import type { IdentityAction } from './IdentityCard';
import { IdentityCard } from './IdentityCard';
import { CreateIdentityDialog, ImportIdentityDialog } from './IdentityDialogs';
import { PassphraseDialog } from './PassphraseDialog';
import { RevocationPanel } from './RevocationPanel';
import { TrustPanel } from './TrustPanel';
import { offered } from '../../app/commands/offered';

type Open =
  { kind: 'none' | 'create' | 'import' } | { kind: IdentityAction; identity: IdentityInfo };

/**
 * Settings → Signing identities: the identities of the person at the keyboard (create, import,
 * unlock, delete), those made before people were kept (to claim with their passphrase), and
 * other people's (certificates only); then the trust list.
 */
export function IdentityPanel() {
  const { identities, mine, person, loaded, error } = useSigningState();
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [passphraseError, setPassphraseError] = useState<string | null>(null);
  const [rememberProblem, setRememberProblem] = useState<string | null>(null);
  useEffect(() => {
    getApi()
      .appGetInfo()
      .then(
        (info) => setRememberProblem(info.secretStorageProblem),
        () => setRememberProblem('The app could not tell whether a keychain is available.'),
      );
  }, []);
  const commands = useMemo(
    () => [
      { ...offered('identity.create'), run: () => setOpen({ kind: 'create' }) },
      { ...offered('identity.import'), run: () => setOpen({ kind: 'import' }) },
    ],
    [],
  );
  useRegisterCommands(commands);
  const close = (): void => {
    setOpen({ kind: 'none' });
    setPassphraseError(null);
  };
  const unassigned = identities.filter((identity) => identity.owner === null);
  const others = identities.filter(
    (identity) => identity.owner !== null && identity.owner.personId !== person?.id,
  );
  const card = (identity: IdentityInfo, own: boolean) => (
    <IdentityCard
      key={identity.certificate.fingerprint}
      identity={identity}
      label={identity.certificate.commonName || identity.certificate.subject}
      own={own}
      onAction={(kind, chosen) => setOpen({ kind, identity: chosen })}
    />
  );
  const acting = open.kind === 'unlock' || open.kind === 'claim' ? open : null;
  return (
    <>
      <section className="panel" aria-labelledby="identity-heading">
        <div className="panel-header">
          <h2 id="identity-heading">Signing identities</h2>
          <div className="row-actions">
            <button type="button" className="button" onClick={() => setOpen({ kind: 'import' })}>
              Import PKCS#12…
            </button>
            <button
              type="button"
              className="button primary"
              onClick={() => setOpen({ kind: 'create' })}
            >
              Create identity…
            </button>
          </div>
        </div>
        <FormError message={error} />
        <p className="muted">
          {person?.name ?? 'You'} signs sign-offs with one of these; reports and bundles with the
          newest. Each key is encrypted under its own passphrase and never leaves this computer’s
          main process.
        </p>
        {loaded && mine.length === 0 ? (
          <p className="empty">
            No signing identity of yours yet. Create one, or import the PKCS#12 file your
            organisation issued, to sign off demos and sign reports.
          </p>
        ) : null}
        <ul className="card-list" aria-label="Your signing identities">
          {mine.map((identity) => card(identity, true))}
        </ul>
        {unassigned.length > 0 ? (
          <>
            <h3>Not assigned to anyone</h3>
            <p className="muted">
              Made before Demo Ledger knew who uses it. Whoever holds its passphrase can make it
              theirs.
            </p>
            <ul className="card-list" aria-label="Identities not assigned to anyone">
              {unassigned.map((identity) => card(identity, false))}
            </ul>
          </>
        ) : null}
        {others.length > 0 ? (
          <>
            <h3>Other people’s</h3>
            <ul className="card-list" aria-label="Other people’s signing identities">
              {others.map((identity) => (
                <li key={identity.certificate.fingerprint} className="card">
                  <span>
                    <strong>{identity.owner?.name}</strong>{' '}
                    <span className="muted">{identity.certificate.subject}</span>
                  </span>
                  <code className="hash">{identity.certificate.fingerprint}</code>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <TrustPanel />
      <RevocationPanel />
      {person ? (
        <>
          <CreateIdentityDialog
            open={open.kind === 'create'}
            onClose={close}
            rememberProblem={rememberProblem}
            person={person}
          />
          <ImportIdentityDialog
            open={open.kind === 'import'}
            onClose={close}
            rememberProblem={rememberProblem}
            person={person}
          />
        </>
      ) : null}
      <PassphraseDialog
        open={acting !== null}
        error={passphraseError}
        title={acting?.kind === 'claim' ? 'Make this identity yours' : 'Unlock for backups'}
        submitLabel={acting?.kind === 'claim' ? 'It is mine' : 'Unlock'}
        onClose={close}
        onSubmit={(passphrase) => {
          if (acting === null || !person) return;
          const fingerprint = acting.identity.certificate.fingerprint;
          const work =
            acting.kind === 'claim'
              ? claimIdentity(fingerprint, ownerOf(person), passphrase)
              : unlockIdentity(fingerprint, passphrase);
          void work.then(
            () => {
              notify(
                'success',
                acting.kind === 'claim'
                  ? 'The identity is yours now.'
                  : 'Unlocked: automatic backups are signed with it until you lock it, switch person or leave it unused for 30 minutes.',
              );
              close();
            },
            (failure: unknown) => setPassphraseError(describeError(failure)),
          );
        }}
      >
        <p className="muted">{acting?.identity.certificate.subject}</p>
      </PassphraseDialog>
      <ConfirmDialog
        open={open.kind === 'remove'}
        title="Delete signing identity"
        message="This deletes the private key from this computer. What it signed stays valid, but nobody can sign with it here again."
        confirmLabel="Delete identity"
        onConfirm={async () => {
          if (open.kind === 'remove') await removeIdentity(open.identity.certificate.fingerprint);
        }}
        onClose={close}
      />
    </>
  );
}
