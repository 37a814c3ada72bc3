import { z } from 'zod';

/**
 * The verifier's report as a schema: the shape `demo-ledger verify --json` prints and the IPC
 * contract checks. Kept next to the verifier so the two cannot drift (see the `satisfies`).
 */

/** Why a certificate is trusted (core/signing/certificates.ts `TrustReason`). */
export const TrustReasonSchema = z.object({
  via: z.enum(['certificate', 'issuer']),
  anchor: z.object({ fingerprint: z.string().regex(/^[0-9a-f]{64}$/), subject: z.string() }),
});

const Trust = z.object({
  trusted: z.boolean(),
  problem: z.string(),
  path: z.array(z.string()),
  reason: TrustReasonSchema.nullable(),
});

/** An RFC 3161 timestamp over a signature value, as checked: the authority's time and name. */
export const SignatureTimestampSchema = z.object({
  time: z.string(),
  authority: z.string(),
  imprintMatches: z.boolean(),
  signatureValid: z.boolean(),
  trust: Trust,
});

export const CertificateSummarySchema = z.object({
  subject: z.string(),
  commonName: z.string(),
  organisation: z.string(),
  email: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  fingerprint: z.string(),
  selfSigned: z.boolean(),
});

export const SignatureReportSchema = z.object({
  fieldName: z.string(),
  subFilter: z.string(),
  name: z.string(),
  reason: z.string(),
  location: z.string(),
  byteRange: z.array(z.number()),
  byteRangeValid: z.boolean(),
  coversWholeDocument: z.boolean(),
  signedBytes: z.number(),
  changesAfter: z.array(z.string()),
  valid: z.boolean(),
  digestAlgorithm: z.string(),
  digestMatches: z.boolean(),
  signatureValid: z.boolean(),
  signer: CertificateSummarySchema.nullable(),
  certificateBound: z.boolean().nullable(),
  claimedSigningTime: z.string().nullable(),
  timestamp: SignatureTimestampSchema.nullable(),
  trust: Trust,
  problems: z.array(z.string()),
});

export const VerifyReportSchema = z.object({
  fileSize: z.number(),
  fileSha256: z.string(),
  signatures: z.array(SignatureReportSchema),
  tampering: z.object({ detected: z.boolean(), reasons: z.array(z.string()) }),
  manifest: z.object({
    present: z.boolean(),
    sha256: z.string().nullable(),
    files: z.array(
      z.object({
        name: z.string(),
        sha256: z.string(),
        embeddedAs: z.string().nullable(),
        status: z.enum(['match', 'mismatch', 'missing', 'not-embedded']),
      }),
    ),
    problems: z.array(z.string()),
  }),
  signOffs: z
    .object({ present: z.boolean(), text: z.string().nullable(), problem: z.string().nullable() })
    .default({ present: false, text: null, problem: null }),
  refused: z.string().nullable(),
  verdict: z.enum(['valid', 'valid-untrusted', 'invalid', 'tampered', 'unsigned', 'refused']),
});
