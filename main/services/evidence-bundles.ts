import { openAsBlob } from 'node:fs';
import type { EvidenceBundleCheck, EvidenceTrust } from '../../core/evidence-bundle/check';
import { checkEvidenceBundle } from '../../core/evidence-bundle/check';
import { nodeSha256 } from './archive-file';

/** An evidence bundle file on disk (`collect` writes them; `verify` reads them), checked. */
export interface EvidenceBundleFile extends EvidenceBundleCheck {
  file: string;
}

export async function readEvidenceBundleFile(
  file: string,
  trust: EvidenceTrust,
): Promise<EvidenceBundleFile> {
  const checked = await checkEvidenceBundle(await openAsBlob(file), trust, {
    createSha256: nodeSha256,
  });
  return { file, ...checked };
}
