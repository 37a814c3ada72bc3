import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { CertificateSummary } from '../../core/signing/certificates';
import { parseCertificate, summariseCertificate } from '../../core/signing/certificates';
import { certificatesFromFile, derToPem, pemBlocks } from '../../core/signing/der';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { writeFileAtomic } from './files';

/**
 * Certificates this auditor trusts: colleagues' signing identities and organisation CAs.
 * The verifier checks every signer's chain against them. Stored as PEM in one JSON file.
 */

const StoredTrust = z.object({
  version: z.literal(1),
  certificates: z
    .array(z.object({ pem: z.string(), label: z.string().max(200), addedAt: z.string() }))
    .max(1000),
});
type StoredTrust = z.infer<typeof StoredTrust>;

export interface TrustedCertificate extends CertificateSummary {
  label: string;
  addedAt: string;
}

export class TrustStore {
  private readonly file: string;

  constructor(
    directory: string,
    private readonly clock: Clock = systemClock,
  ) {
    this.file = path.join(directory, 'trusted-certificates.json');
  }

  async list(): Promise<TrustedCertificate[]> {
    const stored = await this.read();
    const out: TrustedCertificate[] = [];
    for (const entry of stored.certificates) {
      const [der] = pemBlocks(entry.pem);
      if (der === undefined) continue;
      out.push({
        ...(await summariseCertificate(parseCertificate(der))),
        label: entry.label,
        addedAt: entry.addedAt,
      });
    }
    return out;
  }

  /** DER of every trusted certificate, for the verifier. */
  async certificates(): Promise<Uint8Array[]> {
    return (await this.read()).certificates.flatMap((entry) => pemBlocks(entry.pem));
  }

  /** Adds the certificates in a PEM or DER file; returns how many were new. */
  async add(file: Uint8Array, label: string): Promise<number> {
    const ders = certificatesFromFile(file);
    if (ders.length === 0) throw new Error('The file holds no certificate.');
    const stored = await this.read();
    const known = new Set((await this.list()).map((item) => item.fingerprint));
    let added = 0;
    for (const der of ders) {
      const summary = await summariseCertificate(parseCertificate(der));
      if (known.has(summary.fingerprint)) continue;
      known.add(summary.fingerprint);
      stored.certificates.push({
        pem: derToPem(der),
        label: label || summary.commonName || summary.subject,
        addedAt: this.clock().toISOString(),
      });
      added += 1;
    }
    await this.write(stored);
    return added;
  }

  async remove(fingerprint: string): Promise<boolean> {
    const stored = await this.read();
    const kept: StoredTrust['certificates'] = [];
    for (const entry of stored.certificates) {
      const [der] = pemBlocks(entry.pem);
      const summary = der === undefined ? null : await summariseCertificate(parseCertificate(der));
      if (summary?.fingerprint !== fingerprint) kept.push(entry);
    }
    if (kept.length === stored.certificates.length) return false;
    await this.write({ version: 1, certificates: kept });
    return true;
  }

  private async read(): Promise<StoredTrust> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { version: 1, certificates: [] };
      throw error;
    }
    const parsed = StoredTrust.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`The trust list (${this.file}) is damaged.`);
    return parsed.data;
  }

  private async write(stored: StoredTrust): Promise<void> {
    await writeFileAtomic(
      this.file,
      new TextEncoder().encode(`${JSON.stringify(stored, null, 2)}\n`),
      { private: true },
    );
  }
}
