import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db, setActor } from '../../../renderer/src/db';
import { backupSigning } from '../../../renderer/src/features/backup/commands';
import { addPerson } from '../../../renderer/src/features/people/commands';
import { PASSPHRASE, installSigningHost } from './signing-host';

beforeEach(async () => {
  setActor('');
  await db.open();
});

afterEach(async () => {
  await db.delete();
});

describe('who signs a backup', () => {
  it('the person at the keyboard’s identity while it is unlocked; otherwise nobody, saying why', async () => {
    const host = installSigningHost();
    await host.api.identityLock({});
    const person = await addPerson({ name: 'Rui Costa', role: 'security', organisation: '' });
    expect(await backupSigning(true)).toEqual({
      signer: null,
      unsignedReason: 'automatic backup: Rui Costa has no signing identity on this computer',
    });
    const fingerprint = await host.identityOf(person);
    await host.api.identityLock({});
    expect(await backupSigning(true)).toEqual({
      signer: null,
      unsignedReason: 'automatic backup: no identity of Rui Costa was unlocked or remembered',
    });
    await host.api.identityUnlock({ identity: fingerprint, passphrase: PASSPHRASE });
    expect(await backupSigning(false)).toEqual({
      signer: { fingerprint, commonName: 'Rui Costa' },
      unsignedReason: null,
    });
    await host.api.identityLock({ identity: fingerprint });
    expect((await backupSigning(false)).unsignedReason).toBe(
      'backup: no identity of Rui Costa was unlocked or remembered',
    );
  });
});
