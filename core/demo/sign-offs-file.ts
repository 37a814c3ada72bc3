import { z } from 'zod';
import { STATEMENT_MAX_CHARS } from '../model/demo-signature';
import type { DemoSignature } from '../model/demo-signature';
import { ROLE_LABELS, digestVersionOf, isLegacySignOff } from '../model/demo';
import type { DemoRecord } from './digest';
import { CURRENT_DIGEST_VERSION, demoRecordDigest } from './digest';
import { signOffRound } from './rounds';

/**
 * The demo sign-offs of a report as a file attached to its PDF (`demo-sign-offs.json`, written
 * by core/report/sign-offs.ts): for each demo, the record's digest as reported and every
 * sign-off — the statement each person signed with the signature itself, and the legacy
 * unsigned ones as they were typed. The PDF's own signature covers the file;
 * `demo-ledger verify` checks every sign-off signature in it (sign-offs-check.ts).
 */

export { SIGN_OFFS_FILE_NAME } from '../report/manifest';
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Round = z.number().int().positive().nullable();

export const SignOffsFile = z.object({
  format: z.literal('demo-ledger.demo-sign-offs'),
  version: z.literal(1),
  reportId: z.string().max(100),
  demos: z
    .array(
      z.object({
        id: z.string().max(100),
        label: z.string().max(300),
        /** The record's digest as reported (under the latest round's version); null: not computed. */
        recordDigest: Sha256.nullable(),
        recordDigestVersion: z.number().int().positive(),
        /** The latest round: the one the reported record can be compared with. */
        latestRound: Round,
        signatures: z
          .array(
            z.object({
              amendment: Round,
              statement: z.string().max(STATEMENT_MAX_CHARS),
              signature: z.string().max(128 * 1024),
            }),
          )
          .max(500),
        legacy: z
          .array(
            z.object({
              amendment: Round,
              by: z.string().max(120),
              role: z.string().max(120),
              at: z.string().max(40),
              digest: Sha256,
            }),
          )
          .max(500),
      }),
    )
    .max(1000),
});
export type SignOffsFile = z.infer<typeof SignOffsFile>;

export type SignOffsOfDemo = SignOffsFile['demos'][number];

/**
 * A demo's entry in the file from its record and signature rows (an audit bundle's, say): the
 * record's digest under the version its latest sign-off pinned, every signature, and the legacy
 * seals.
 */
export function signOffsOfRecord(
  record: DemoRecord,
  signatures: readonly Pick<DemoSignature, 'amendment' | 'statement' | 'signature'>[],
): SignOffsOfDemo {
  const { demo } = record;
  const { amendment, sealed } = signOffRound(demo);
  const version = sealed ? digestVersionOf(sealed) : CURRENT_DIGEST_VERSION;
  const seals = [
    { amendment: null, seal: demo.signOff },
    ...demo.amendments.map((item) => ({ amendment: item.number, seal: item.signOff })),
  ];
  return {
    id: demo.id,
    label: demo.title,
    recordDigest: demoRecordDigest(record, version),
    recordDigestVersion: version,
    latestRound: amendment,
    signatures: signatures.map((row) => ({
      amendment: row.amendment,
      statement: row.statement,
      signature: row.signature,
    })),
    legacy: seals.flatMap(({ amendment: round, seal }) =>
      seal && isLegacySignOff(seal)
        ? [
            {
              amendment: round,
              by: seal.by,
              role: ROLE_LABELS[seal.role],
              at: seal.at,
              digest: seal.digest,
            },
          ]
        : [],
    ),
  };
}
