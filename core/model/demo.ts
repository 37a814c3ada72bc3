import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, LongText, Name, Timestamps } from './common';
import { ControlRef } from './refs';

/**
 * The sprint demo record: sprint → demo → agenda items → what was seen and decided per item.
 * Rows are split by kind (items, notes, verdicts, evidence, issues) so each change is one small
 * audited row, and every row carries `workspaceId` and `sprintId` so deleting the owner
 * cascades to it.
 */

export const ATTENDEE_ROLES = ['infosec', 'auditor', 'product-owner', 'developer'] as const;
export const AttendeeRole = z.enum(ATTENDEE_ROLES, {
  message: 'the role is one of infosec, auditor, product owner, developer',
});
export type AttendeeRole = z.infer<typeof AttendeeRole>;

export const ROLE_LABELS: Readonly<Record<AttendeeRole, string>> = {
  infosec: 'Infosec',
  auditor: 'Auditor',
  'product-owner': 'Product owner',
  developer: 'Developer',
};

export const Attendee = z.object({
  id: Id,
  name: Name,
  role: AttendeeRole,
  present: z.boolean().default(false),
});
export type Attendee = z.infer<typeof Attendee>;

/** Links on agenda items are shown as text and opened in the system browser: http(s) only. */
export const WebLink = z
  .string()
  .trim()
  .max(2048, 'links are limited to 2,048 characters')
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const protocol = new URL(value).protocol;
    return protocol === 'https:' || protocol === 'http:';
  }, 'a link must be an http(s) address');

const Digest = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * A sign-off typed as free text by earlier versions: a name and role anyone at the keyboard
 * could enter, no signature. Shown as "legacy, unsigned"; its digest is version 1.
 */
export const LegacySignOff = z.object({
  by: Name,
  role: AttendeeRole,
  at: IsoDateTime,
  /** SHA-256 of the demo record as it stood when signed (core/demo/digest.ts, version 1). */
  digest: Digest,
});
export type LegacySignOff = z.infer<typeof LegacySignOff>;

/**
 * The seal of a round (the record, or an amendment) that people signed off with their
 * signatures: it locks the record at `digest`; the signatures are `demoSignOffs` rows, the
 * first written with the seal, others added while the record is unchanged.
 */
export const SealedSignOff = z.object({
  kind: z.literal('signed'),
  /** The first signer's name, as their certificate gives it. */
  by: Name,
  at: IsoDateTime,
  digestVersion: z.literal(2),
  digest: Digest,
});
export type SealedSignOff = z.infer<typeof SealedSignOff>;

export const SignOff = z.union([SealedSignOff, LegacySignOff]);
export type SignOff = z.infer<typeof SignOff>;

export function isLegacySignOff(signOff: SignOff): signOff is LegacySignOff {
  return !('kind' in signOff);
}

/** Who a round's seal names: the first signer, or the legacy sign-off's typed name and role. */
export function signOffBy(signOff: SignOff): string {
  return isLegacySignOff(signOff)
    ? `${signOff.by} (${ROLE_LABELS[signOff.role]}; legacy, unsigned)`
    : signOff.by;
}

/** The version of the record digest a sign-off pinned. */
export function digestVersionOf(signOff: SignOff): 1 | 2 {
  return isLegacySignOff(signOff) ? 1 : signOff.digestVersion;
}

/** A change to a signed-off record: opened with a reason, closed by a new sign-off. */
export const Amendment = z.object({
  number: z.number().int().positive(),
  reason: z.string().trim().min(1, 'an amendment needs a reason').max(2000),
  openedBy: z.string().max(120),
  openedAt: IsoDateTime,
  signOff: SignOff.nullable().default(null),
});
export type Amendment = z.infer<typeof Amendment>;

export const Demo = z
  .object({
    id: Id,
    workspaceId: Id,
    sprintId: Id,
    title: Name,
    date: IsoDate,
    facilitator: z.string().trim().max(120).default(''),
    attendees: z.array(Attendee).max(200).default([]),
    /** When presenter mode first ran: the meeting clock counts from here. */
    startedAt: IsoDateTime.nullable().default(null),
    signOff: SignOff.nullable().default(null),
    amendments: z.array(Amendment).default([]),
  })
  .extend(Timestamps.shape);
export type Demo = z.infer<typeof Demo>;

export const AttendeeDraft = z.object({ name: Name, role: AttendeeRole });
export type AttendeeDraft = z.input<typeof AttendeeDraft>;

export const DemoDraft = z.object({
  sprintId: Id,
  title: Name,
  date: IsoDate,
  facilitator: z.string().trim().max(120).default(''),
  attendees: z.array(AttendeeDraft).max(200).default([]),
});
export type DemoDraft = z.input<typeof DemoDraft>;

export const ItemKey = z
  .string()
  .trim()
  .max(64, 'keys are limited to 64 characters')
  .refine(
    (value) => ![...value].some((char) => char.charCodeAt(0) < 32),
    'a key cannot contain control characters',
  );

export const AgendaItemFields = z.object({
  key: ItemKey.default(''),
  title: z
    .string()
    .trim()
    .min(1, 'a title is required')
    .max(300, 'titles are limited to 300 characters'),
  description: LongText.default(''),
  owner: z.string().trim().max(120).default(''),
  links: z.array(WebLink).max(20, 'at most 20 links').default([]),
  controls: z.array(ControlRef).max(100, 'at most 100 controls per item').default([]),
});
export type AgendaItemDraft = z.input<typeof AgendaItemFields>;

export const AgendaItem = AgendaItemFields.extend({
  id: Id,
  demoId: Id,
  workspaceId: Id,
  sprintId: Id,
  position: z.number(),
}).extend(Timestamps.shape);
export type AgendaItem = z.infer<typeof AgendaItem>;

/** Fields every row recorded against an agenda item carries. */
const itemRow = {
  id: Id,
  demoId: Id,
  itemId: Id,
  workspaceId: Id,
  sprintId: Id,
  /** The amendment the row was recorded in; null for the original record. */
  amendment: z.number().int().positive().nullable().default(null),
};

export const NOTE_KINDS = ['observation', 'question'] as const;
export const NoteKind = z.enum(NOTE_KINDS);
export type NoteKind = z.infer<typeof NoteKind>;

const NoteText = z
  .string()
  .trim()
  .min(1, 'write something first')
  .max(20_000, 'limited to 20,000 characters');

export const DemoNote = z.object({
  ...itemRow,
  kind: NoteKind,
  text: NoteText,
  at: IsoDateTime,
  author: z.string().max(120),
  /** For follow-up questions: the answer, once given. */
  answer: z.string().max(20_000).nullable().default(null),
  answeredAt: IsoDateTime.nullable().default(null),
});
export type DemoNote = z.infer<typeof DemoNote>;

export const VERDICTS = ['satisfied', 'not-satisfied', 'not-applicable', 'exception'] as const;
export const VerdictKind = z.enum(VERDICTS);
export type VerdictKind = z.infer<typeof VerdictKind>;

export const VERDICT_LABELS: Readonly<Record<VerdictKind, string>> = {
  satisfied: 'Satisfied',
  'not-satisfied': 'Not satisfied',
  'not-applicable': 'Not applicable',
  exception: 'Exception',
};

/** A verdict as decided; an exception must say why and until when. */
export const VerdictDecision = z
  .object({
    verdict: VerdictKind,
    reason: z.string().trim().max(2000, 'limited to 2,000 characters').default(''),
    expires: IsoDate.nullable().default(null),
  })
  .superRefine((value, context) => {
    if (value.verdict !== 'exception') return;
    if (value.reason === '')
      context.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'an exception needs a reason',
      });
    if (value.expires === null)
      context.addIssue({
        code: 'custom',
        path: ['expires'],
        message: 'an exception needs an expiry date',
      });
  });
export type VerdictDecision = z.input<typeof VerdictDecision>;

export const ControlVerdict = z.object({
  ...itemRow,
  control: ControlRef,
  verdict: VerdictKind,
  reason: z.string().max(2000).default(''),
  expires: IsoDate.nullable().default(null),
  decidedAt: IsoDateTime,
  decidedBy: z.string().max(120),
});
export type ControlVerdict = z.infer<typeof ControlVerdict>;

/** Evidence as the demo item references it: what the file was, never its content. */
export const EvidenceRefFields = z.object({
  /** The evidence store's id when one is wired; otherwise the id of this reference. */
  evidenceId: z.string().min(1).max(100),
  name: z.string().min(1).max(255),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest'),
  mediaType: z.string().max(255).default(''),
  /** Whether the file's content is kept by an evidence store (false: fingerprint only). */
  stored: z.boolean().default(false),
});
export type EvidenceRefFields = z.input<typeof EvidenceRefFields>;

export const DemoEvidence = z.object({
  ...itemRow,
  ...EvidenceRefFields.shape,
  attachedAt: IsoDateTime,
  attachedBy: z.string().max(120),
});
export type DemoEvidence = z.infer<typeof DemoEvidence>;

export const DEMO_ISSUE_PRIORITIES = ['P1', 'P2'] as const;
export const DemoIssuePriority = z.enum(DEMO_ISSUE_PRIORITIES, {
  message: 'the priority is P1 or P2',
});
export type DemoIssuePriority = z.infer<typeof DemoIssuePriority>;

export const PRIORITY_MEANINGS: Readonly<Record<DemoIssuePriority, string>> = {
  P1: 'fix immediately',
  P2: 'fix by the end of the week',
};

export const RaisedIssueDraft = z.object({
  title: z
    .string()
    .trim()
    .min(1, 'an issue needs a title')
    .max(300, 'titles are limited to 300 characters'),
  priority: DemoIssuePriority,
  control: ControlRef.nullable().default(null),
  description: LongText.default(''),
});
export type RaisedIssueDraft = z.input<typeof RaisedIssueDraft>;

export const DemoIssue = z.object({
  ...itemRow,
  ...RaisedIssueDraft.shape,
  raisedAt: IsoDateTime,
  raisedBy: z.string().max(120),
  /** The issue tracker's id when one is wired; null when recorded on the demo item only. */
  trackerId: z.string().max(100).nullable().default(null),
});
export type DemoIssue = z.infer<typeof DemoIssue>;
