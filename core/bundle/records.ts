import { z } from 'zod';
import { ExportedReport } from '../report/exported';
import {
  AgendaItem,
  ControlVerdict,
  Demo,
  DemoEvidence,
  DemoIssue,
  DemoNote,
  DemoSignature,
  Evidence,
  EvidenceLink,
  EvidenceSummaryRow,
  Id,
  IsoDateTime,
  PostMortem,
  SecurityIssue,
  Sprint,
  Team,
  Workspace,
} from '../model';
import { SHA256_HEX } from '../util/hash';
import type { BundleScope } from './scope';

/**
 * What the app stores about audit bundles: a reviewer's observations (records of their own,
 * merged back like any other), a row per bundle exported, imported, reviewed or merged, and the
 * schema each kind of record in a bundle must satisfy before it is stored.
 */

export const ObservationTarget = z.object({
  table: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  key: z.string().min(1).max(200),
  /** How the record reads to a person: `PAY-142 Card tokenisation`. */
  label: z.string().max(300),
});
export type ObservationTarget = z.infer<typeof ObservationTarget>;

export const ObservationText = z
  .string()
  .trim()
  .min(1, 'write the observation first')
  .max(20_000, 'limited to 20,000 characters');

export const ReviewObservation = z.object({
  id: Id,
  /** The bundle reviewed (its manifest's id). */
  bundleId: Id,
  workspaceId: Id,
  sprintId: Id.nullable(),
  demoId: Id.nullable(),
  /** The record it is about; null for the bundle as a whole. */
  target: ObservationTarget.nullable(),
  text: ObservationText,
  author: z.string().max(120),
  at: IsoDateTime,
});
export type ReviewObservation = z.infer<typeof ReviewObservation>;

export const BUNDLE_ROLES = ['exported', 'imported', 'reviewed', 'merged'] as const;
export type BundleRole = (typeof BUNDLE_ROLES)[number];

const Sha256Hex = z.string().regex(SHA256_HEX);

export const SignerSummary = z.object({
  commonName: z.string(),
  fingerprint: Sha256Hex,
  trusted: z.boolean(),
  signedAt: z.string().nullable(),
});
export type SignerSummary = z.infer<typeof SignerSummary>;

export interface BundleRecord {
  id: string;
  /** The bundle's own id, the same in every review of it. */
  bundleId: string;
  workspaceId: string;
  role: BundleRole;
  title: string;
  scope: BundleScope;
  fileName: string;
  /** Where the file was saved, when the host says. */
  path: string | null;
  size: number;
  /** SHA-256 of the whole file. */
  sha256: string;
  /** The exporter's signed manifest: what reviews bind to and merges are checked against. */
  manifestSha256: string;
  signatureSha256: string;
  signer: SignerSummary;
  /** The reviews the file carried (or, for `reviewed`, carries now). */
  reviews: {
    number: number;
    manifestSha256: string;
    signatureSha256: string;
    signer: SignerSummary;
  }[];
  records: number;
  /** For imports and merges: records written, and how each conflict was resolved. */
  applied: number;
  resolutions: { table: string; key: string; choice: 'ours' | 'theirs' }[];
  at: string;
  by: string;
  /** An imported bundle's file, kept to send its review back with the original bytes. */
  file: Blob | null;
}

const EvidenceBlobRow = z.object({
  sha256: Sha256Hex,
  size: z.number().int().nonnegative(),
  blob: z.instanceof(Blob),
  storedAt: z.string(),
});

/**
 * Every table a bundle may carry, and what its records must look like. A bundle holding any
 * other table, or a record that does not fit, is refused before anything is stored.
 */
export const RECORD_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  workspaces: Workspace,
  teams: Team,
  sprints: Sprint,
  demos: Demo,
  demoItems: AgendaItem,
  demoNotes: DemoNote,
  demoVerdicts: ControlVerdict,
  demoEvidence: DemoEvidence,
  demoIssues: DemoIssue,
  demoSignOffs: DemoSignature,
  evidence: Evidence,
  evidenceLinks: EvidenceLink,
  evidenceBlobs: EvidenceBlobRow,
  evidenceSummaries: EvidenceSummaryRow,
  issues: SecurityIssue,
  postMortems: PostMortem,
  reports: ExportedReport,
  reviewObservations: ReviewObservation,
};

/** Tables keyed by the SHA-256 of their content: the same key is the same content. */
export const CONTENT_ADDRESSED = new Set(['evidenceBlobs', 'evidenceSummaries']);

/** The first problem with a record from a bundle, as `table key: path message`; null if none. */
export function recordProblem(table: string, key: string, value: unknown): string | null {
  const schema = RECORD_SCHEMAS[table];
  if (schema === undefined) return `${table}: this kind of record cannot be imported`;
  const result = schema.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0];
  return `${table} ${key}: ${issue?.path.join('.') || 'record'} ${issue?.message ?? 'is invalid'}`;
}
