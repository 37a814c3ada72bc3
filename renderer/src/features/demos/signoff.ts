import { z } from 'zod';
import { demoRecordDigest } from '../../../../core/demo/digest';
import type { Demo, SignOff } from '../../../../core/model';
import {
  Amendment as AmendmentSchema,
  AttendeeRole,
  Demo as DemoSchema,
  Name,
  SignOff as SignOffSchema,
  nowIso,
} from '../../../../core/model';
import { currentActor, db } from '../../db';
import { parseOrThrow } from '../../lib/validation';
import { DEMO_TABLES, demoOrThrow } from './commands';
import { editState } from './lock';
import { readDemoRecord } from './queries';

/**
 * Sign-off locks the demo record: it pins the record's digest and who signed, when. Later
 * changes go through a numbered amendment with a reason, which is signed off in turn. (The
 * cryptographic signature of the exported report is a separate step.)
 */

export const SignOffDraft = z.object({
  by: Name,
  role: AttendeeRole.refine((role) => role === 'auditor' || role === 'infosec', {
    message: 'the demo is signed off by the auditor or infosec',
  }),
});
export type SignOffDraft = z.input<typeof SignOffDraft>;

/** Signs off the demo, or the open amendment; refuses when there is nothing open to sign. */
export async function signOffDemo(demoId: string, draft: SignOffDraft): Promise<SignOff> {
  const fields = parseOrThrow(SignOffDraft, draft);
  return db.audited('sign-off', [...DEMO_TABLES], async () => {
    const record = await readDemoRecord(demoId);
    if (!record) throw new Error('This demo no longer exists.');
    const { demo } = record;
    const state = editState(demo);
    if (!state.editable) throw new Error('This demo is already signed off.');
    const signOff = parseOrThrow(SignOffSchema, {
      ...fields,
      at: nowIso(),
      digest: demoRecordDigest(record),
    });
    const next: Demo =
      state.amendment === null
        ? { ...demo, signOff }
        : {
            ...demo,
            amendments: demo.amendments.map((amendment) =>
              amendment.number === state.amendment ? { ...amendment, signOff } : amendment,
            ),
          };
    await db.demos.put(parseOrThrow(DemoSchema, { ...next, updatedAt: signOff.at }));
    return signOff;
  });
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

/** Whether the stored record still matches the digest of its latest sign-off. */
export async function verifyDemoDigest(demoId: string): Promise<boolean | null> {
  const record = await readDemoRecord(demoId);
  if (!record) return null;
  const latest = record.demo.amendments.at(-1)?.signOff ?? record.demo.signOff;
  if (!latest || editState(record.demo).editable) return null;
  return demoRecordDigest(record) === latest.digest;
}
