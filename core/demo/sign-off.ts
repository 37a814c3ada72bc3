import { z } from 'zod';
import { canonicalJson } from '../audit/canonical';
import type { DemoSignature } from '../model/demo-signature';
import { IsoDate, IsoDateTime } from '../model/common';
import { PersonRole } from '../model/person';
import { formatName, parseCertificate } from '../signing/certificates';
import { toHex } from '../signing/der';
import { SignatureCheck, checkDetached } from '../signing/detached';
import { fromBase64 } from '../util/bytes';
import {
  CertificateStanding,
  certificateStanding,
  signatureCertificates,
} from '../signing/standing';
import type { DemoRecord } from './digest';
import { demoRecordDigest } from './digest';
import { SIGN_OFF_CONCERNS_MAX, SignOffConcern } from './sign-off-guard';

/**
 * Signing off a demo record is a signature: the signer's identity makes a detached CMS
 * signature (core/signing/detached.ts) over the sign-off statement, a small canonical JSON
 * document naming the demo, the round (the record, or an amendment), the record's digest and
 * its version, the role the person signs in and (from version 2) what they acknowledged before
 * signing. The statement is what is signed and stored,
 * so anyone can check it with `openssl cms -verify -binary -content statement.json`, and the
 * digest ties it to the record: recomputed from the record, it must be the statement's.
 */

export const SIGN_OFF_FORMAT = 'demo-ledger.demo-sign-off';

const statementFields = {
  format: z.literal(SIGN_OFF_FORMAT),
  demo: z.uuid(),
  title: z.string().min(1).max(120),
  date: IsoDate,
  /** The round: null for the record itself, else the amendment's number. */
  amendment: z.number().int().positive().nullable(),
  digestVersion: z.literal(2),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  /** The role the person signs in (as they told the app who they are). */
  role: PersonRole,
};

/**
 * What the signer acknowledged before signing (core/demo/sign-off-guard.ts): who, when, and
 * each failed verdict left unanswered and each exception about to lapse, as listed to them.
 */
export const SignOffAcknowledgement = z.strictObject({
  by: z.string().min(1).max(120),
  at: IsoDateTime,
  items: z.array(SignOffConcern).min(1).max(SIGN_OFF_CONCERNS_MAX),
});
export type SignOffAcknowledgement = z.infer<typeof SignOffAcknowledgement>;

/**
 * Version 1 statements (signed before acknowledgements existed) still parse and verify as they
 * were signed; new statements are version 2, which adds the acknowledgement (null when there
 * was nothing to acknowledge).
 */
export const SignOffStatement = z.discriminatedUnion('version', [
  z.strictObject({ ...statementFields, version: z.literal(1) }),
  z.strictObject({
    ...statementFields,
    version: z.literal(2),
    acknowledgement: SignOffAcknowledgement.nullable(),
  }),
]);
export type SignOffStatement = z.infer<typeof SignOffStatement>;
/** The statement this version of the app signs. */
export type CurrentSignOffStatement = Extract<SignOffStatement, { version: 2 }>;

export function signOffStatement(
  record: DemoRecord,
  amendment: number | null,
  role: PersonRole,
  acknowledgement: SignOffAcknowledgement | null,
): CurrentSignOffStatement {
  return {
    format: SIGN_OFF_FORMAT,
    version: 2,
    demo: record.demo.id,
    title: record.demo.title,
    date: record.demo.date,
    amendment,
    digestVersion: 2,
    digest: demoRecordDigest(record, 2),
    role,
    acknowledgement,
  };
}

/** What a statement's signer acknowledged before signing; null for none (or a version 1 statement). */
export function acknowledgementOf(statement: SignOffStatement): SignOffAcknowledgement | null {
  return statement.version === 2 ? statement.acknowledgement : null;
}

/** The statement's one text form: canonical JSON (what is signed, byte for byte). */
export function statementText(statement: SignOffStatement): string {
  return canonicalJson(statement);
}

/** The statement a text holds, if it is one in its canonical form; null otherwise. */
export function parseStatement(text: string): SignOffStatement | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = SignOffStatement.safeParse(value);
  return parsed.success && statementText(parsed.data) === text ? parsed.data : null;
}

export const SignOffCheck = SignatureCheck.extend({
  /** The statement signed, when the text is one. */
  statement: SignOffStatement.nullable(),
  /** Expiry and revocation of the signer's certificate; null when there is no certificate. */
  standing: CertificateStanding.nullable(),
});
export type SignOffCheck = z.infer<typeof SignOffCheck>;

export interface SignOffCheckOptions {
  /** Trusted certificates (DER). */
  trusted: readonly Uint8Array[];
  /** Certificate revocation lists (DER) to consult. */
  crls: readonly Uint8Array[];
  now: Date;
}

/**
 * Checks one sign-off signature over its statement text: the signature itself (intact, by the
 * certificate it names, in our DER form, its timestamp), the certificate's trust, expiry and
 * revocation, and that the text is a sign-off statement. Not whether the statement's digest is
 * the record's: the caller has the record (see `compareWithRecord`).
 */
export async function checkSignOff(
  text: string,
  signature: Uint8Array,
  options: SignOffCheckOptions,
): Promise<SignOffCheck> {
  const check = await checkDetached(new TextEncoder().encode(text), signature, options.trusted);
  const statement = parseStatement(text);
  const problems = [...check.problems];
  if (statement === null) problems.push('what was signed is not a Demo Ledger sign-off statement');
  let standing: CertificateStanding | null = null;
  const certificates = signatureCertificates(signature);
  const signer = certificates.find(
    (certificate) =>
      check.signer !== null &&
      toHex(new Uint8Array(certificate.serialNumber.valueBlock.valueHexView)) ===
        check.signer.serialNumber &&
      formatName(certificate.issuer) === check.signer.issuer,
  );
  if (signer !== undefined) {
    const trusted = options.trusted.flatMap((der) => {
      try {
        return [parseCertificate(der)];
      } catch {
        return [];
      }
    });
    const timestamped =
      check.timestamp !== null && check.timestamp.imprintMatches && check.timestamp.signatureValid;
    const time = timestamped ? check.timestamp?.time : check.signedAt;
    standing = await certificateStanding({
      signer,
      issuers: [...certificates, ...trusted],
      signedAt: time ? new Date(time) : null,
      timestamped,
      crls: options.crls,
      now: options.now,
    });
    if (!standing.acceptable) problems.push(standing.summary);
  }
  return {
    ...check,
    valid: check.valid && statement !== null && standing?.acceptable === true,
    statement,
    standing,
    problems,
  };
}

/** How a signed statement relates to the record it is about, as far as the caller can tell. */
export type RecordMatch = 'matches' | 'differs' | 'not-latest' | 'unknown';

/**
 * Compares a statement with the record now: the latest round's digest must be the record's
 * digest (recomputed under the statement's version); an earlier round's cannot be recomputed
 * (later amendments changed the record) and only its signature vouches for it.
 */
export function compareWithRecord(
  statement: SignOffStatement,
  record: DemoRecord,
  latestRound: number | null,
): RecordMatch {
  if (statement.demo !== record.demo.id) return 'differs';
  if (statement.amendment !== latestRound) return 'not-latest';
  return demoRecordDigest(record, statement.digestVersion) === statement.digest
    ? 'matches'
    : 'differs';
}

/** A stored signature row's statement and signature, checked (see `checkSignOff`). */
export function checkSignatureRow(
  row: Pick<DemoSignature, 'statement' | 'signature'>,
  options: SignOffCheckOptions,
): Promise<SignOffCheck> {
  return checkSignOff(row.statement, fromBase64(row.signature), options);
}
