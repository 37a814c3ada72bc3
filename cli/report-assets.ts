import { readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { EvidenceAttachment } from '../core/report/pdf/build';
import type { FontFiles } from '../core/report/pdf/fonts';
import type { ReportModel } from '../core/report/model';
import { sha256, toHex } from '../core/signing/der';
import type { IdentityMaterial } from '../core/signing/keys';
import { importSigningKey, readPkcs12 } from '../core/signing/keys';
import type { Signer } from '../core/signing/signer';
import { webCryptoSigner } from '../core/signing/signer';
import { readPassphrase } from './secrets';

/** What the report and cosign commands load from disk: fonts, evidence files, identities. */

export async function reportFonts(): Promise<FontFiles> {
  const require = createRequire(import.meta.url);
  const [regular, bold] = await Promise.all([
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  ]);
  return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
}

const MAX_EVIDENCE_FILES = 10_000;

/**
 * Finds the model's evidence files in `directory` (searched recursively by file name) and
 * keeps those whose SHA-256 matches the model; a file with the right name but other content is
 * an error, since embedding it would misrepresent the evidence.
 */
export async function collectEvidence(
  model: ReportModel,
  directory: string,
): Promise<EvidenceAttachment[]> {
  const wanted = new Map(model.evidence.map((item) => [item.name, item]));
  const found: EvidenceAttachment[] = [];
  let seen = 0;
  const walk = async (folder: string, depth: number): Promise<void> => {
    if (depth > 8) return;
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if ((seen += 1) > MAX_EVIDENCE_FILES)
        throw new Error(`more than ${MAX_EVIDENCE_FILES} files under ${directory}`);
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full, depth + 1);
      const item = entry.isFile() ? wanted.get(entry.name) : undefined;
      if (item === undefined) continue;
      if ((await stat(full)).size !== item.size)
        throw new Error(
          `${full} is not the evidence file ${item.id}: its size differs from the model`,
        );
      const bytes = new Uint8Array(await readFile(full));
      if (toHex(await sha256(bytes)) !== item.sha256)
        throw new Error(`${full} does not match the SHA-256 recorded for evidence ${item.id}`);
      found.push({ evidenceId: item.id, data: bytes });
      wanted.delete(entry.name);
    }
  };
  await walk(directory, 0);
  return found;
}

export async function loadIdentity(
  file: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ signer: Signer; material: IdentityMaterial }> {
  const bytes = new Uint8Array(await readFile(file));
  const passphrase = await readPassphrase(env, `Passphrase for ${path.basename(file)}: `);
  const material = await readPkcs12(bytes, passphrase);
  const key = await importSigningKey(material.privateKey);
  material.privateKey.fill(0);
  return { signer: webCryptoSigner(key, material.certificate, material.chain), material };
}
