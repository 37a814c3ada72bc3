import { z } from 'zod';
import type { DemoRecord } from '../../../../core/demo/digest';
import { demoRecordDigest } from '../../../../core/demo/digest';
import { signOffStatement, statementText } from '../../../../core/demo/sign-off';
import type { SignOffConcern } from '../../../../core/demo/sign-off-guard';
import { coversConcerns, signOffConcerns } from '../../../../core/demo/sign-off-guard';
import type { DemoSignature, Person } from '../../../../core/model';
import {
  Amendment as AmendmentSchema,
  DemoSignature as DemoSignatureSchema,
  Demo as DemoSchema,
  digestVersionOf,
  newId,
  nowIso,
} from '../../../../core/model';
import { toBase64 } from '../../../../core/util/bytes';
import { getApi } from '../../app/api';
import { currentActor, db } from '../../db';
import { parseOrThrow } from '../../lib/validation';
import { DEMO_TABLES, demoOrThrow } from './commands';
import type { SignOffRound } from '../../../../core/demo/rounds';
import { editState, signOffRound } from '../../../../core/demo/rounds';
import { readDemoHappenings, readDemoRecord } from './queries';
import { todayIso } from '../../lib/format';

/**
 * Signing off is a signature: the person's identity (in main; the key never reaches this
 * process) signs the sign-off statement over the record's digest, and the signature is stored
 * as a row of its own. The first signature of a round seals it (the record locks); others
 * co-sign it while the record is unchanged. Later changes go through a numbered amendment with a
 * reason, which is signed off in turn.
 */

export interface SignOffRequest {
  /** The signing identity (its certificate's fingerprint): one of the person's. */
  identity: string;
  /** Absent: the remembered passphrase (main asks, through an IPC `forbidden`, otherwise). */
  passphrase?: string | undefined;
  tsaUrl?: string | undefined;
  /**
   * The concerns the signer acknowledged (core/demo/sign-off-guard.ts): they must cover every
   * concern the record holds when it is signed, or nothing is signed.
   */
  acknowledged?: readonly SignOffConcern[] | undefined;
}

export class SignOffRefused extends Error {
  override readonly name = 'SignOffRefused';
}

/** Why the round cannot take a signature now, or null when it can. */
function refusal(record: DemoRecord, round: SignOffRound): string | null {
  if (round.sealed === null) return null;
  const matches = demoRecordDigest(record, digestVersionOf(round.sealed)) === round.sealed.digest;
  return matches
    ? null
    : 'The record no longer matches what was signed off, so it cannot be co-signed; open an amendment.';
}

/**
 * Signs off the demo as `person` (the person at the keyboard): seals the open round, or adds a
 * signature to the latest sealed one. Refused when the record changes while signing.
 */
/** What a signer of this demo would have to acknowledge now (empty when nothing). */
export async function concernsToAcknowledge(demoId: string): Promise<SignOffConcern[]> {
  const happenings = await readDemoHappenings(demoId);
  return happenings ? signOffConcerns(happenings.record, happenings.happened, todayIso()) : [];
}

export async function signOffDemo(
  demoId: string,
  person: Person,
  request: SignOffRequest,
): Promise<DemoSignature> {
  const happenings = await readDemoHappenings(demoId);
  if (!happenings) throw new SignOffRefused('This demo no longer exists.');
  const before = happenings.record;
  const round = signOffRound(before.demo);
  const refused = refusal(before, round);
  if (refused) throw new SignOffRefused(refused);
  const { identities } = await getApi().identityList();
  const identity = identities.find((item) => item.certificate.fingerprint === request.identity);
  if (identity?.owner?.personId !== person.id)
    throw new SignOffRefused(`${person.name} can sign off only with an identity of their own.`);
  const signed = await db.demoSignOffs.where('demoId').equals(demoId).toArray();
  if (
    signed.some(
      (row) => row.amendment === round.amendment && row.signer.fingerprint === request.identity,
    )
  ) {
    throw new SignOffRefused('This identity has already signed this off.');
  }
  const concerns = signOffConcerns(before, happenings.happened, todayIso());
  if (!coversConcerns(request.acknowledged ?? [], concerns))
    throw new SignOffRefused(
      'Something you have not acknowledged needs your attention before signing off; read the list again.',
    );
  const acknowledgement =
    concerns.length === 0 ? null : { by: person.name, at: nowIso(), items: concerns };
  const text = statementText(
    signOffStatement(before, round.amendment, person.role, acknowledgement),
  );
  const { signature, check } = await getApi().signoffSign({
    identity: request.identity,
    statement: text,
    ...(request.passphrase === undefined ? {} : { passphrase: request.passphrase }),
    ...(request.tsaUrl ? { tsaUrl: request.tsaUrl } : {}),
  });
  if (check.signer === null || check.signedAt === null || check.statement === null)
    throw new SignOffRefused('The signature names no signer or time.');
  const { signer, signedAt, statement } = check;
  return db.audited('sign-off', [...DEMO_TABLES], async () => {
    const record = await readDemoRecord(demoId);
    if (!record) throw new SignOffRefused('This demo no longer exists.');
    const now = signOffRound(record.demo);
    if (
      now.amendment !== round.amendment ||
      (now.sealed === null) !== (round.sealed === null) ||
      statementText(signOffStatement(record, now.amendment, person.role, acknowledgement)) !== text
    ) {
      throw new SignOffRefused(
        'The record changed while you were signing it off; nothing was recorded. Sign off again.',
      );
    }
    const at = nowIso();
    const row = parseOrThrow(DemoSignatureSchema, {
      id: newId(),
      demoId,
      workspaceId: record.demo.workspaceId,
      sprintId: record.demo.sprintId,
      amendment: round.amendment,
      statement: text,
      digestVersion: statement.digestVersion,
      digest: statement.digest,
      signature: toBase64(signature),
      signer,
      signedAt,
      timestamp: check.timestamp
        ? { time: check.timestamp.time, authority: check.timestamp.authority }
        : null,
      person: {
        id: person.id,
        name: person.name,
        role: person.role,
        organisation: person.organisation,
      },
      at,
    });
    if (now.sealed === null)
      await seal(
        record,
        round.amendment,
        signer.commonName || signer.subject,
        statement.digest,
        at,
      );
    await db.demoSignOffs.add(row);
    return row;
  });
}

async function seal(
  record: DemoRecord,
  amendment: number | null,
  by: string,
  digest: string,
  at: string,
): Promise<void> {
  const signOff = { kind: 'signed' as const, by, at, digestVersion: 2 as const, digest };
  const { demo } = record;
  const next =
    amendment === null
      ? { ...demo, signOff }
      : {
          ...demo,
          amendments: demo.amendments.map((item) =>
            item.number === amendment ? { ...item, signOff } : item,
          ),
        };
  await db.demos.put(parseOrThrow(DemoSchema, { ...next, updatedAt: at }));
}

const AmendmentReason = z.string().trim().min(1, 'an amendment needs a reason').max(2000);

/** Opens the next amendment of a signed-off demo; changes are allowed until it is signed off. */
export async function openAmendment(demoId: string, reason: string): Promise<number> {
  const why = parseOrThrow(AmendmentReason, reason);
  return db.audited('amendment', ['demos'], async () => {
    const demo = await demoOrThrow(demoId);
    if (demo.signOff === null)
      throw new Error('This demo is not signed off yet; change it directly.');
    if (editState(demo).editable) throw new Error('An amendment is already open.');
    const now = nowIso();
    const amendment = parseOrThrow(AmendmentSchema, {
      number: demo.amendments.length + 1,
      reason: why,
      openedBy: currentActor(),
      openedAt: now,
      signOff: null,
    });
    await db.demos.put({ ...demo, amendments: [...demo.amendments, amendment], updatedAt: now });
    return amendment.number;
  });
}

/**
 * Whether the stored record still matches the digest of its latest sign-off, under the digest
 * version that sign-off pinned; null when nothing is signed off (or an amendment is open).
 */
export async function verifyDemoDigest(demoId: string): Promise<boolean | null> {
  const record = await readDemoRecord(demoId);
  if (!record) return null;
  const { sealed } = signOffRound(record.demo);
  if (!sealed || editState(record.demo).editable) return null;
  return demoRecordDigest(record, digestVersionOf(sealed)) === sealed.digest;
}
