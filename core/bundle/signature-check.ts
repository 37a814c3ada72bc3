import { z } from 'zod';
import { CertificateSummarySchema, SignatureTimestampSchema } from '../signing/verify/schema';

/** The result of checking one bundle signature: what `bundle:verifySignature` returns. */
export const SignatureCheck = z.object({
  /** The signature is intact and made by the certificate it names: digest, value, binding. */
  valid: z.boolean(),
  signer: CertificateSummarySchema.nullable(),
  /** When the signer says it signed (a signed attribute). */
  signedAt: z.string().nullable(),
  digestMatches: z.boolean(),
  signatureValid: z.boolean(),
  certificateBound: z.boolean().nullable(),
  trust: z.object({ trusted: z.boolean(), problem: z.string(), path: z.array(z.string()) }),
  /** Its RFC 3161 timestamp, when it carries one (`problems` says when that does not verify). */
  timestamp: SignatureTimestampSchema.nullable().optional(),
  problems: z.array(z.string()),
});
export type SignatureCheck = z.infer<typeof SignatureCheck>;
