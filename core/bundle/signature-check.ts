import { z } from 'zod';
import { CertificateSummarySchema } from '../signing/verify/schema';

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
  /**
   * An RFC 3161 timestamp over the signature value, when it carries one: the authority's time,
   * whether the token is intact and covers this signature, and whether the authority is trusted.
   */
  timestamp: z
    .object({
      time: z.string(),
      authority: z.string(),
      valid: z.boolean(),
      trusted: z.boolean(),
    })
    .nullable()
    .optional(),
  problems: z.array(z.string()),
});
export type SignatureCheck = z.infer<typeof SignatureCheck>;
