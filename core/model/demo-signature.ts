import { z } from 'zod';
import { CertificateSummarySchema } from '../signing/verify/schema';
import { Id, IsoDateTime, Name } from './common';
import { PersonRole } from './person';

/** The longest sign-off statement kept, signed or checked (acknowledgements make it grow). */
export const STATEMENT_MAX_CHARS = 256 * 1024;

/**
 * One person's signature on a round of a demo record (the record itself, or an amendment): a
 * detached CMS signature over the sign-off statement (core/demo/sign-off.ts), which names the
 * demo, the round and the record's digest. One row per signature, so sign-offs made on
 * different computers (through review bundles) merge as records of their own. `demoSignOffs`.
 */
export const DemoSignature = z.object({
  id: Id,
  demoId: Id,
  workspaceId: Id,
  sprintId: Id,
  /** The round signed: null for the record, else the amendment's number. */
  amendment: z.number().int().positive().nullable(),
  /** The statement exactly as signed (canonical JSON). */
  statement: z.string().min(1).max(STATEMENT_MAX_CHARS),
  digestVersion: z.literal(2),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  /** The CMS signature (DER), base64. */
  signature: z
    .string()
    .min(1)
    .max(64 * 1024)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64'),
  /** The signer's certificate as it was read when the signature was made. */
  signer: CertificateSummarySchema,
  /** When the signer says they signed (a signed attribute). */
  signedAt: IsoDateTime,
  /** The RFC 3161 timestamp, when a timestamp authority was configured. */
  timestamp: z.object({ time: IsoDateTime, authority: z.string().max(500) }).nullable(),
  /** The person at the keyboard who signed, as the app knew them. */
  person: z.object({ id: Id, name: Name, role: PersonRole, organisation: z.string().max(120) }),
  at: IsoDateTime,
});
export type DemoSignature = z.infer<typeof DemoSignature>;
