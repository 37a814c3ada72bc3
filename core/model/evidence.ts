import { z } from 'zod';
import { EvidenceOrigin, EvidenceSummary, FormatId } from '../evidence/model';
import { CustodyList } from '../evidence-bundle/custody';
import { Dating } from '../evidence/freshness';
import { ReadingFlag } from '../evidence/readers';
import { SOURCE_KEY_MAX } from '../evidence/source';
import { SHA256_HEX } from '../util/hash';
import { Id, IsoDate, IsoDateTime, LongText, Timestamps } from './common';

/**
 * Evidence as stored. Content is addressed by its SHA-256: one blob and one parsed summary per
 * distinct file, however many workspaces, controls or demos use it. An `Evidence` row is one
 * attachment of that content in a workspace, with what the person said about it.
 */

export const Sha256 = z.string().regex(SHA256_HEX, 'expected a SHA-256 hex digest');

/** What a person may change about an attachment: how long it stays fresh, where it came from, notes. */
export const EvidenceMetadata = z.object({
  /** Stale this many days after `effectiveTo`; null means it never goes stale. */
  freshnessDays: z.number().int().min(1, 'at least one day').max(3650).nullable(),
  origin: EvidenceOrigin,
  notes: LongText.default(''),
});
export type EvidenceMetadata = z.infer<typeof EvidenceMetadata>;
export type EvidenceMetadataDraft = z.input<typeof EvidenceMetadata>;

/**
 * The period a person states an undated file demonstrates (first and last day). A file its
 * tool dates keeps the tool's date; nobody can restate it.
 */
export const StatedPeriod = z
  .object({ from: IsoDate, to: IsoDate })
  .refine((value) => value.to >= value.from, {
    message: 'the end of the period cannot be before its start',
    path: ['to'],
  });
export type StatedPeriod = z.infer<typeof StatedPeriod>;

export const Evidence = z
  .object({
    id: Id,
    workspaceId: Id,
    sha256: Sha256,
    fileName: z.string().min(1).max(255),
    mediaType: z.string().max(100),
    size: z.number().int().nonnegative(),
    format: FormatId,
    variant: z.string().max(200),
    /** Why the file could not be summarised; null when it was. The raw file is kept either way. */
    parseError: z.string().max(2000).nullable(),
    /** The counts a reviewer reads first, for lists (the full summary is kept by hash). */
    headline: z.string().max(300),
    /**
     * Why the file shows nothing, said before anything else: its scan failed, could not be read
     * to its end, or it looks like a report no reader understood. Null for a recognised,
     * complete file (and for rows stored before this was recorded, until they are re-read).
     */
    flag: ReadingFlag.nullable().optional(),
    /** Groups versions of the same evidence for comparison: format and where it came from. */
    sourceKey: z.string().max(SOURCE_KEY_MAX),
    attachedBy: z.string().max(200),
    attachedAt: IsoDateTime,
    /**
     * First and last day the evidence demonstrates, by the tool's own date in the file or as a
     * person stated it (`dating`); both null while the file is undated (core/evidence/freshness.ts).
     */
    effectiveFrom: IsoDate.nullable(),
    effectiveTo: IsoDate.nullable(),
    dating: Dating,
    /** Who stated the period, for `dating: 'stated'`; empty otherwise. */
    statedBy: z.string().max(200).default(''),
    freshnessDays: z.number().int().nullable(),
    origin: EvidenceOrigin,
    notes: LongText,
    /** Where the file came from when a pipeline's signed evidence bundle provided it. */
    custody: CustodyList.optional(),
  })
  .extend(Timestamps.shape)
  .refine((value) => (value.dating === 'undated') === (value.effectiveFrom === null), {
    message: 'an undated file has no period, and a dated one has one',
    path: ['effectiveFrom'],
  })
  .refine((value) => (value.effectiveFrom === null) === (value.effectiveTo === null), {
    message: 'a period has both a first and a last day',
    path: ['effectiveTo'],
  });
export type Evidence = z.infer<typeof Evidence>;

/** The stored file, keyed by its hash. */
export interface EvidenceBlob {
  sha256: string;
  size: number;
  blob: Blob;
  storedAt: string;
}

/** The parsed summary of a file, keyed by its hash (parsing depends only on the content). */
export const EvidenceSummaryRow = z.object({
  sha256: Sha256,
  summary: EvidenceSummary,
  parsedAt: IsoDateTime,
});
export type EvidenceSummaryRow = z.infer<typeof EvidenceSummaryRow>;

/**
 * What evidence can be attached to. Controls are referenced as `<catalogId>#<controlId>`; other
 * features add their own target types (a demo item, an issue) without changing this table.
 */
export const LinkTargetType = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'expected a target type like control or demo-item');

/** The link target type of a demo agenda item (its id is the item's id). */
export const DEMO_ITEM_TARGET = 'demo-item';

export const LinkTarget = z.object({
  targetType: LinkTargetType,
  targetId: z.string().min(1).max(200),
});
export type LinkTarget = z.infer<typeof LinkTarget>;

export const EvidenceLink = z
  .object({
    id: Id,
    workspaceId: Id,
    evidenceId: Id,
    targetType: LinkTargetType,
    targetId: z.string().min(1).max(200),
    linkedBy: z.string().max(200),
  })
  .extend(Timestamps.shape);
export type EvidenceLink = z.infer<typeof EvidenceLink>;

/** Per-source settings: the ports expected to be open (others become findings). */
export const EvidenceSource = z
  .object({
    id: Id,
    workspaceId: Id,
    sourceKey: z.string().max(SOURCE_KEY_MAX),
    expectedPorts: z.array(z.string().max(80)).max(500),
  })
  .extend(Timestamps.shape);
export type EvidenceSource = z.infer<typeof EvidenceSource>;
