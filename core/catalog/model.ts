import { z } from 'zod';
import { CATALOG_ID, CONTROL_ID, ControlRef } from '../model/refs';
import { SHA256_HEX } from '../util/hash';

/**
 * The control catalog model shared by every feature: a framework (catalog) with nested groups
 * (families, chapters, themes), controls and enhancements (controls whose `parentId` is another
 * control), each with its statement, guidance and parameters where the source has them.
 *
 * Groups and controls are stored flat, in source order, linked by `parentId`/`groupId`: flat
 * lists are what search, lookup and storage need, and the tree is rebuilt cheaply for display.
 * The shipped data files under templates/frameworks/ and imported catalogs use this one shape.
 */

export const CATALOG_FORMAT = 'demo-ledger/catalog@1';

/** Nesting deeper than this is refused on import: no real catalog comes close. */
export const MAX_NESTING = 32;

const text = z.string().max(200_000);
const shortText = z.string().max(2_000);

export const CatalogId = z
  .string()
  .regex(CATALOG_ID, 'a catalog id is 1–64 lowercase letters, digits, dots, dashes or underscores');
export const ControlId = z
  .string()
  .regex(CONTROL_ID, 'a control id is 1–64 letters, digits, dots, dashes, underscores or brackets');

/** A piece of a statement: prose with an optional label (`a.`, `1.`) and nested items. */
export interface CatalogPart {
  label?: string | undefined;
  prose: string;
  items: CatalogPart[];
}

export const CatalogPart: z.ZodType<CatalogPart> = z.object({
  label: shortText.optional(),
  prose: text,
  get items() {
    return z.array(CatalogPart).max(500);
  },
});

/** An organisation-defined value in a statement (`{{ insert: param, ac-2_prm_1 }}`). */
export const CatalogParam = z.object({
  id: z.string().min(1).max(200),
  label: shortText.optional(),
  guidelines: text.optional(),
  values: z.array(shortText).max(100).optional(),
  select: z
    .object({
      howMany: z.enum(['one', 'one-or-more']).optional(),
      choices: z.array(shortText).max(100),
    })
    .optional(),
});
export type CatalogParam = z.infer<typeof CatalogParam>;

export const CatalogGroup = z.object({
  id: z.string().min(1).max(200),
  title: shortText,
  /** Short display label where the source has one (`AC`, `V5`, `A.5`). */
  label: shortText.optional(),
  parentId: z.string().nullable(),
});
export type CatalogGroup = z.infer<typeof CatalogGroup>;

export const CatalogControl = z.object({
  id: ControlId,
  title: shortText,
  /** The identifier as printed in the source (`AC-2(1)`); the id when there is none. */
  label: shortText.optional(),
  /** The control this one enhances, or null for a base control. */
  parentId: ControlId.nullable(),
  /** The group of a base control; enhancements inherit their parent's. */
  groupId: z.string().nullable(),
  statement: CatalogPart.nullable(),
  guidance: text.optional(),
  params: z.array(CatalogParam).max(500).optional(),
  /** Withdrawn controls stay in the catalog (references to them must resolve) but are marked. */
  withdrawn: z.boolean().optional(),
  /** Ids of controls in the same catalog this one refers to. */
  related: z.array(ControlId).max(500).optional(),
  /** Where a withdrawn control went (`incorporated-into`, `moved-to`). */
  replacedBy: z.array(ControlId).max(50).optional(),
  /** Cross-framework mappings: other controls this one also satisfies. */
  mappings: z.array(ControlRef).max(500).optional(),
  /** Evidence formats that can demonstrate the control (the DevOps baseline states them). */
  evidence: z.array(shortText).max(50).optional(),
  /** Assurance level where the source grades requirements (ASVS 1, 2, 3). */
  level: z.number().int().min(1).max(9).optional(),
});
export type CatalogControl = z.infer<typeof CatalogControl>;

/** A named subset of the catalog's controls, e.g. the 800-53 MODERATE baseline, ASVS level 2. */
export const CatalogProfile = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/),
  title: shortText,
  description: shortText.optional(),
  source: shortText.optional(),
  controlIds: z.array(ControlId).max(20_000),
});
export type CatalogProfile = z.infer<typeof CatalogProfile>;

export const CatalogSource = z.object({
  name: shortText,
  url: z.url().optional(),
  repository: shortText.optional(),
  commit: shortText.optional(),
  path: shortText.optional(),
  sha256: z.string().regex(SHA256_HEX).optional(),
  note: shortText.optional(),
});
export type CatalogSource = z.infer<typeof CatalogSource>;

export const CatalogLicence = z.object({
  /** SPDX identifier (`CC0-1.0`, `CC-BY-SA-4.0`), or `NOASSERTION` when the file says nothing. */
  spdx: z.string().min(1).max(100),
  name: shortText,
  attribution: shortText,
  url: z.url().optional(),
});
export type CatalogLicence = z.infer<typeof CatalogLicence>;

export const Catalog = z.object({
  format: z.literal(CATALOG_FORMAT),
  id: CatalogId,
  title: shortText.min(1),
  /** A name that fits a menu (`NIST SP 800-53 Rev. 5`). */
  shortTitle: shortText.optional(),
  version: z.string().trim().min(1).max(100),
  published: shortText.optional(),
  description: text.optional(),
  oscalVersion: shortText.optional(),
  sources: z.array(CatalogSource).max(20),
  licence: CatalogLicence,
  groups: z.array(CatalogGroup).max(5_000),
  controls: z.array(CatalogControl).max(20_000),
  profiles: z.array(CatalogProfile).max(50).default([]),
});
export type Catalog = z.infer<typeof Catalog>;
export type CatalogInput = z.input<typeof Catalog>;

/** Catalog version key used for storage and pinning: `nist-sp-800-53-rev5@5.0.1`. */
export function catalogKey(catalog: Pick<Catalog, 'id' | 'version'>): string {
  return `${catalog.id}@${catalog.version}`;
}

export interface CatalogCounts {
  groups: number;
  controls: number;
  enhancements: number;
  withdrawn: number;
}

export function countCatalog(catalog: Pick<Catalog, 'groups' | 'controls'>): CatalogCounts {
  let controls = 0;
  let enhancements = 0;
  let withdrawn = 0;
  for (const control of catalog.controls) {
    if (control.parentId === null) controls += 1;
    else enhancements += 1;
    if (control.withdrawn) withdrawn += 1;
  }
  return { groups: catalog.groups.length, controls, enhancements, withdrawn };
}

/**
 * Checks what zod cannot see in one row: ids unique, parents and groups present, profiles and
 * related ids pointing at controls of this catalog. Returns messages with a dotted path.
 */
export function catalogIntegrityIssues(catalog: Catalog): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const groupIds = new Set<string>();
  catalog.groups.forEach((group, index) => {
    if (groupIds.has(group.id))
      issues.push({ path: `groups.${index}.id`, message: `duplicate group id ${group.id}` });
    groupIds.add(group.id);
  });
  catalog.groups.forEach((group, index) => {
    if (group.parentId !== null && !groupIds.has(group.parentId))
      issues.push({ path: `groups.${index}.parentId`, message: `no group ${group.parentId}` });
  });
  const controlIds = new Set<string>();
  catalog.controls.forEach((control, index) => {
    if (controlIds.has(control.id))
      issues.push({ path: `controls.${index}.id`, message: `duplicate control id ${control.id}` });
    controlIds.add(control.id);
  });
  catalog.controls.forEach((control, index) => {
    const at = `controls.${index}`;
    if (control.parentId !== null && !controlIds.has(control.parentId))
      issues.push({ path: `${at}.parentId`, message: `no control ${control.parentId}` });
    if (control.groupId !== null && !groupIds.has(control.groupId))
      issues.push({ path: `${at}.groupId`, message: `no group ${control.groupId}` });
  });
  catalog.profiles.forEach((profile, index) => {
    const missing = profile.controlIds.filter((id) => !controlIds.has(id));
    if (missing.length > 0)
      issues.push({
        path: `profiles.${index}.controlIds`,
        message: `${profile.id} names controls not in the catalog: ${missing.slice(0, 5).join(', ')}`,
      });
  });
  return issues;
}
