import type { LockerState, OutboxListing } from '../../../../core/locker/app';
import {
  CaFileInput,
  CredentialsInput,
  LockerSettingsInput,
  MAX_CA_BYTES,
} from '../../../../core/locker/app';
import { getApi } from '../../app/api';
import { parseOrThrow, ValidationError } from '../../lib/validation';

/**
 * Writes of Settings → Team locker. Everything goes to main, which keeps the settings and the
 * credentials and makes every S3 call; the renderer validates what the person typed first, so
 * each field says what is wrong before anything is sent.
 */

/** `ca`: a newly chosen file, null for the system's CAs, `keep` for the one already kept. */
export async function saveLockerSettings(
  form: { endpoint: string; bucket: string; region: string },
  ca: File | null | 'keep',
): Promise<LockerState> {
  const settings = parseOrThrow(LockerSettingsInput, form);
  let caInput: CaFileInput | null | 'keep' = ca === 'keep' ? 'keep' : null;
  if (ca instanceof File) {
    if (ca.size > MAX_CA_BYTES)
      throw new ValidationError({ ca: `a CA file is at most ${MAX_CA_BYTES / 1024} KiB` });
    caInput = parseOrThrow(CaFileInput, {
      name: ca.name,
      data: new Uint8Array(await ca.arrayBuffer()),
    });
  }
  return getApi().lockerSaveSettings({ settings, ca: caInput });
}

export async function giveCredentials(form: {
  accessKeyId: string;
  secretAccessKey: string;
  remember: boolean;
}): Promise<LockerState> {
  return getApi().lockerSetCredentials(parseOrThrow(CredentialsInput, form));
}

export function forgetCredentials(): Promise<LockerState> {
  return getApi().lockerForgetCredentials();
}

export function retryPublishing(id: string): Promise<OutboxListing> {
  return getApi().lockerRetry({ id });
}
