import { z } from 'zod';
import { Id, IsoDateTime, LongText } from '../model/common';
import { ControlRef, parseControlRef } from '../model/refs';
import { writeCsv } from '../util/csv';
import type { ControlLibrary } from './library';
import { CatalogId } from './model';

/**
 * Scoping: the frameworks a workspace is assessed against (each pinned to the catalog version
 * it was adopted at, optionally narrowed to a baseline or level) and the per-control decisions
 * that make its Statement of Applicability.
 */

export const WorkspaceFramework = z.object({
  id: Id,
  workspaceId: Id,
  catalogId: CatalogId,
  /** The catalog version this workspace is assessed against; kept when newer versions ship. */
  version: z.string().min(1).max(100),
  /** Baseline or level (`moderate`, `l2`); null for every control of the catalog. */
  profileId: z.string().max(32).nullable(),
  addedAt: IsoDateTime,
});
export type WorkspaceFramework = z.infer<typeof WorkspaceFramework>;

export const Applicability = z.enum(['applicable', 'not-applicable']);
export type Applicability = z.infer<typeof Applicability>;

const decisionFields = z.object({
  applicability: Applicability,
  justification: LongText.transform((value) => value.trim()),
});

const justified = (value: { applicability: Applicability; justification: string }): boolean =>
  value.applicability === 'applicable' || value.justification.length > 0;
const justificationMessage = {
  message: 'say why the control does not apply',
  path: ['justification'],
};

export const ScopeDecisionDraft = decisionFields.refine(justified, justificationMessage);
export type ScopeDecisionDraft = z.input<typeof ScopeDecisionDraft>;

export const ScopeDecision = decisionFields
  .extend({
    id: Id,
    workspaceId: Id,
    ref: ControlRef,
    /** Version of the control's catalog the decision was made against. */
    catalogVersion: z.string().min(1).max(100),
    decidedBy: z.string().max(200),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .refine(justified, justificationMessage);
export type ScopeDecision = z.infer<typeof ScopeDecision>;

export interface SoaRow {
  framework: string;
  version: string;
  profile: string;
  label: string;
  ref: ControlRef;
  title: string;
  inProfile: boolean;
  applicability: Applicability | 'undecided';
  justification: string;
  decidedBy: string;
  decidedAt: string;
}

/**
 * The Statement of Applicability: every control in scope of each adopted framework (its
 * baseline or level, else every control not withdrawn), plus any other control a decision was
 * recorded for, with that decision.
 */
export function statementOfApplicability(
  library: ControlLibrary,
  frameworks: readonly WorkspaceFramework[],
  decisions: readonly ScopeDecision[],
): SoaRow[] {
  const byRef = new Map(decisions.map((decision) => [decision.ref, decision]));
  const rows: SoaRow[] = [];
  const listed = new Set<string>();
  const catalogIds = [
    ...frameworks.map((framework) => framework.catalogId),
    ...decisions.map((decision) => parseControlRef(decision.ref).catalogId),
  ];
  for (const catalogId of [...new Set(catalogIds)]) {
    const catalog = library.catalog(catalogId);
    if (!catalog) continue;
    const framework = frameworks.find((entry) => entry.catalogId === catalogId);
    const profile = catalog.profiles.find((entry) => entry.id === framework?.profileId);
    const inProfile = new Set(
      profile
        ? profile.controlIds
        : catalog.controls.filter((control) => !control.withdrawn).map((control) => control.id),
    );
    for (const control of catalog.controls) {
      const ref = `${catalog.id}#${control.id}`;
      const decision = byRef.get(ref);
      if (!inProfile.has(control.id) && decision === undefined) continue;
      listed.add(ref);
      rows.push({
        framework: catalog.shortTitle ?? catalog.title,
        version: framework?.version ?? decision?.catalogVersion ?? catalog.version,
        profile: profile?.title ?? (framework ? 'All controls' : 'Not adopted'),
        label: control.label ?? control.id,
        ref,
        title: control.title,
        inProfile: inProfile.has(control.id),
        applicability: decision?.applicability ?? 'undecided',
        justification: decision?.justification ?? '',
        decidedBy: decision?.decidedBy ?? '',
        decidedAt: decision?.updatedAt ?? '',
      });
    }
  }
  for (const decision of decisions) {
    if (listed.has(decision.ref)) continue;
    // A decision about a control no loaded catalog has any more: keep it visible, never drop it.
    rows.push({
      framework: parseControlRef(decision.ref).catalogId,
      version: decision.catalogVersion,
      profile: 'Not loaded',
      label: parseControlRef(decision.ref).controlId,
      ref: decision.ref,
      title: '',
      inProfile: false,
      applicability: decision.applicability,
      justification: decision.justification,
      decidedBy: decision.decidedBy,
      decidedAt: decision.updatedAt,
    });
  }
  return rows;
}

export const SOA_CSV_HEADER = [
  'Framework',
  'Version',
  'Baseline',
  'Control',
  'Reference',
  'Title',
  'In baseline',
  'Applicability',
  'Justification',
  'Decided by',
  'Decided at',
];

const APPLICABILITY_TEXT: Readonly<Record<SoaRow['applicability'], string>> = {
  applicable: 'Applicable',
  'not-applicable': 'Not applicable',
  undecided: 'Not decided',
};

export function soaToCsv(rows: readonly SoaRow[]): string {
  return writeCsv([
    SOA_CSV_HEADER,
    ...rows.map((row) => [
      row.framework,
      row.version,
      row.profile,
      row.label,
      row.ref,
      row.title,
      row.inProfile ? 'Yes' : 'No',
      APPLICABILITY_TEXT[row.applicability],
      row.justification,
      row.decidedBy,
      row.decidedAt,
    ]),
  ]);
}

export function applicabilityText(value: SoaRow['applicability']): string {
  return APPLICABILITY_TEXT[value];
}
