import { z } from 'zod';
import type { IdentityOwner } from '../../../../core/ipc/contract';
import { CreateIdentityInput } from '../../../../core/ipc/contract';
import type { Person } from '../../../../core/model';
import { getApi } from '../../app/api';
import { parseOrThrow, ValidationError } from '../../lib/validation';
import { refreshSigning } from './identity';

/**
 * Writes to the signing identities, the trust list and the revocation lists, all through main; validated here first.
 * A new identity belongs to the person at the keyboard.
 */

export function ownerOf(person: Pick<Person, 'id' | 'name'>): IdentityOwner {
  return { personId: person.id, name: person.name };
}

export interface IdentityDraft {
  name: string;
  organisation: string;
  email: string;
  algorithm: 'ecdsa-p256' | 'rsa-3072';
  passphrase: string;
  confirm: string;
  remember: boolean;
}

function checkConfirmation(passphrase: string, confirm: string): void {
  if (passphrase !== confirm) throw new ValidationError({ confirm: 'the two passphrases differ' });
}

export async function createIdentity(owner: IdentityOwner, draft: IdentityDraft): Promise<void> {
  const { confirm, ...input } = draft;
  const parsed = parseOrThrow(CreateIdentityInput, { ...input, owner });
  checkConfirmation(draft.passphrase, confirm);
  await getApi().identityCreate(parsed);
  await refreshSigning();
}

const ImportDraft = z.object({
  file: z.instanceof(Uint8Array, { message: 'choose a .p12 or .pfx file' }),
  password: z.string().max(1024),
  passphrase: z.string().min(8, 'the passphrase must be at least 8 characters long').max(1024),
  remember: z.boolean(),
});

export async function importIdentity(
  owner: IdentityOwner,
  draft: {
    file: Uint8Array<ArrayBuffer> | null;
    password: string;
    passphrase: string;
    confirm: string;
    remember: boolean;
  },
): Promise<void> {
  const parsed = parseOrThrow(ImportDraft, draft);
  checkConfirmation(draft.passphrase, draft.confirm);
  await getApi().identityImportPkcs12({
    owner,
    data: parsed.file,
    password: parsed.password,
    passphrase: parsed.passphrase,
    remember: parsed.remember,
  });
  await refreshSigning();
}

export async function removeIdentity(identity: string): Promise<void> {
  await getApi().identityRemove({ identity });
  await refreshSigning();
}

export async function forgetPassphrase(identity: string): Promise<void> {
  await getApi().identityForgetPassphrase({ identity });
  await refreshSigning();
}

const Passphrase = z.object({
  passphrase: z.string().min(1, 'enter the passphrase').max(1024),
});

/** Makes an identity made before people were kept the person's own; the passphrase proves it. */
export async function claimIdentity(
  identity: string,
  owner: IdentityOwner,
  passphrase: string,
): Promise<void> {
  parseOrThrow(Passphrase, { passphrase });
  await getApi().identityClaim({ identity, owner, passphrase });
  await refreshSigning();
}

/** Unlocks an identity so automatic backups are signed with it (see the keyring in main). */
export async function unlockIdentity(identity: string, passphrase: string): Promise<void> {
  parseOrThrow(Passphrase, { passphrase });
  await getApi().identityUnlock({ identity, passphrase });
  await refreshSigning();
}

/** Locks one identity, or every one. */
export async function lockIdentities(identity?: string): Promise<void> {
  await getApi().identityLock(identity === undefined ? {} : { identity });
  await refreshSigning();
}

export async function exportCertificate(pem: string, commonName: string): Promise<string | null> {
  const safe =
    commonName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|(?<!-)-+$/g, '') || 'identity';
  const { path } = await getApi().fileSave({
    suggestedName: `${safe}.pem`,
    data: new TextEncoder().encode(pem),
    description: 'PEM certificate',
  });
  return path;
}

export async function trustCertificates(
  file: Uint8Array<ArrayBuffer>,
  label: string,
): Promise<number> {
  const { added } = await getApi().trustAdd({ data: file, label });
  await refreshSigning();
  return added;
}

export async function untrust(fingerprint: string): Promise<void> {
  await getApi().trustRemove({ fingerprint });
  await refreshSigning();
}

/** Adds the revocation lists in a file; returns how many were newer than those kept. */
export async function addRevocationLists(file: Uint8Array<ArrayBuffer>): Promise<number> {
  const { added } = await getApi().revocationAdd({ data: file, label: '' });
  await refreshSigning();
  return added;
}

export async function removeRevocationList(fingerprint: string): Promise<void> {
  await getApi().revocationRemove({ fingerprint });
  await refreshSigning();
}

export async function readFileBytes(file: File): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await file.arrayBuffer());
}
