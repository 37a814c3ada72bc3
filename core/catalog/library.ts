import type { ControlRef } from '../model/refs';
import { controlRef, parseControlRef } from '../model/refs';
import type { Catalog, CatalogControl, CatalogGroup, CatalogProfile } from './model';
import { statementText } from './text';

/** What other features show for a control reference: enough to label and explain it. */
export interface ControlSummary {
  ref: ControlRef;
  catalogId: string;
  catalogTitle: string;
  catalogVersion: string;
  controlId: string;
  /** The identifier as the source prints it (`AC-2(1)`, `V5.1.1`, `A.8.8`). */
  label: string;
  title: string;
  /** The statement as plain text, parameters shown as NIST prints them. */
  statement: string;
  withdrawn: boolean;
  isEnhancement: boolean;
}

export interface ResolvedControl {
  catalog: Catalog;
  control: CatalogControl;
}

/**
 * Every loaded catalog, indexed for lookups by reference: control details, family, enhancements,
 * baselines, and mappings in both directions ("also satisfies" on each side of a mapping).
 * Built once per set of catalogs; immutable afterwards.
 */
export class ControlLibrary {
  readonly catalogs: readonly Catalog[];
  private readonly byRef = new Map<ControlRef, ResolvedControl>();
  private readonly children = new Map<ControlRef, CatalogControl[]>();
  private readonly mappedFrom = new Map<ControlRef, ControlRef[]>();
  private readonly summaries = new Map<ControlRef, ControlSummary>();
  private readonly byEvidenceFormat = new Map<string, ControlRef[]>();

  constructor(catalogs: readonly Catalog[]) {
    // One catalog per id: later entries (e.g. a newer import) replace earlier ones.
    const unique = new Map<string, Catalog>();
    for (const catalog of catalogs) unique.set(catalog.id, catalog);
    this.catalogs = [...unique.values()];
    for (const catalog of this.catalogs) {
      for (const control of catalog.controls) {
        const ref = controlRef(catalog.id, control.id);
        this.byRef.set(ref, { catalog, control });
        if (control.parentId !== null) {
          const parent = controlRef(catalog.id, control.parentId);
          this.children.set(parent, [...(this.children.get(parent) ?? []), control]);
        }
        for (const target of control.mappings ?? [])
          this.mappedFrom.set(target, [...(this.mappedFrom.get(target) ?? []), ref]);
        for (const format of control.evidence ?? [])
          this.byEvidenceFormat.set(format, [...(this.byEvidenceFormat.get(format) ?? []), ref]);
      }
    }
  }

  catalog(catalogId: string): Catalog | undefined {
    return this.catalogs.find((catalog) => catalog.id === catalogId);
  }

  get(ref: ControlRef): ResolvedControl | undefined {
    return this.byRef.get(ref);
  }

  has(ref: ControlRef): boolean {
    return this.byRef.has(ref);
  }

  /** Title, label and statement text of a control; undefined for a reference to nothing loaded. */
  describe(ref: ControlRef): ControlSummary | undefined {
    const cached = this.summaries.get(ref);
    if (cached) return cached;
    const resolved = this.byRef.get(ref);
    if (!resolved) return undefined;
    const { catalog, control } = resolved;
    const summary: ControlSummary = {
      ref,
      catalogId: catalog.id,
      catalogTitle: catalog.title,
      catalogVersion: catalog.version,
      controlId: control.id,
      label: control.label ?? control.id,
      title: control.title,
      statement: statementText(control),
      withdrawn: control.withdrawn === true,
      isEnhancement: control.parentId !== null,
    };
    this.summaries.set(ref, summary);
    return summary;
  }

  /**
   * Controls whose catalog names this evidence format as able to demonstrate them (format ids
   * are those the evidence feature detects, e.g. `nmap`, `sarif`), with the catalog's short title.
   */
  demonstratedBy(format: string): { ref: ControlRef; title: string; catalogTitle: string }[] {
    return (this.byEvidenceFormat.get(format) ?? []).flatMap((ref) => {
      const resolved = this.byRef.get(ref);
      if (!resolved || resolved.control.withdrawn === true) return [];
      const { catalog, control } = resolved;
      return [{ ref, title: control.title, catalogTitle: catalog.shortTitle ?? catalog.title }];
    });
  }

  enhancements(ref: ControlRef): CatalogControl[] {
    return this.children.get(ref) ?? [];
  }

  /** The family a control belongs to (an enhancement's is its base control's). */
  groupOf(ref: ControlRef): CatalogGroup | undefined {
    const resolved = this.byRef.get(ref);
    if (!resolved) return undefined;
    let control = resolved.control;
    while (control.groupId === null && control.parentId !== null) {
      const parent = this.byRef.get(controlRef(resolved.catalog.id, control.parentId));
      if (!parent) break;
      control = parent.control;
    }
    return resolved.catalog.groups.find((group) => group.id === control.groupId);
  }

  /** Profiles (baselines, levels) of the control's catalog that include it. */
  profilesOf(ref: ControlRef): CatalogProfile[] {
    const resolved = this.byRef.get(ref);
    if (!resolved) return [];
    return resolved.catalog.profiles.filter((profile) =>
      profile.controlIds.includes(resolved.control.id),
    );
  }

  /**
   * Controls in other frameworks this one also satisfies: its own mappings plus the controls
   * that map to it, each side listed once.
   */
  alsoSatisfies(ref: ControlRef): ControlRef[] {
    const own = this.byRef.get(ref)?.control.mappings ?? [];
    return [...new Set([...own, ...(this.mappedFrom.get(ref) ?? [])])].filter(
      (other) => other !== ref,
    );
  }

  /** Controls of a catalog in source order, optionally those of one group and its subgroups. */
  controlsOf(catalogId: string, groupId?: string): CatalogControl[] {
    const catalog = this.catalog(catalogId);
    if (!catalog) return [];
    if (groupId === undefined) return catalog.controls;
    const groups = new Set([groupId]);
    for (const group of catalog.groups)
      if (group.parentId !== null && groups.has(group.parentId)) groups.add(group.id);
    return catalog.controls.filter((control) => {
      const group = this.groupOf(controlRef(catalog.id, control.id));
      return group !== undefined && groups.has(group.id);
    });
  }

  static refOf(catalogId: string, controlId: string): ControlRef {
    return controlRef(catalogId, controlId);
  }

  static parts(ref: ControlRef): { catalogId: string; controlId: string } {
    return parseControlRef(ref);
  }
}
