import type { ReadingFlag } from '../../../../core/evidence/readers';
import type { ComponentType } from 'react';
import type { ResolvedControls } from '../../../../core/catalog/resolve';
import { createContext, useContext } from 'react';
import type { CoverageEvidence } from '../../../../core/demo/coverage';
import type { EvidencePeriod, FileFreshness } from '../../../../core/evidence/freshness';
import type {
  ControlRef,
  DemoIssuePriority,
  EvidenceRefFields,
  RaisedIssueDraft,
} from '../../../../core/model';
import { catalogControlSearch, statementOfApplicabilityScope } from './wiring/controls';
import { evidenceStore } from './wiring/evidence';
import { trackerIssues } from './wiring/issues';

/**
 * The seams between the demo runner and the features it leans on: control catalogs (search and
 * titles, scope), the evidence store, and the issue tracker. The demo UI and its commands talk
 * only to these interfaces; `defaultDemoSlots` wires the app's features (see wiring/ and
 * ARCHITECTURE.md). Writes that belong to another feature run inside the demo's own transaction
 * (each slot names the tables it writes), so the demo record and the other feature never
 * disagree about what happened.
 */

export interface ControlMatch {
  ref: ControlRef;
  /** The control's title from its catalog; null when no loaded catalog has it. */
  title: string | null;
  /** Where it comes from: a catalog's short title, or why a typed reference is offered. */
  source: string;
}

export interface ControlSearch {
  /** Controls matching what the user typed, best first. */
  search(text: string, context: { workspaceId: string }): Promise<ControlMatch[]>;
  /** What was typed, read as every control field reads it (core/catalog/resolve.ts). */
  resolve(text: string): Promise<ResolvedControls>;
  /** Titles for display; refs no catalog knows are simply absent. */
  titles(refs: readonly ControlRef[]): Promise<ReadonlyMap<ControlRef, string>>;
  /** One line shown under the control field, saying where matches come from. */
  readonly hint: string;
}

export interface ScopeOfControls {
  /** Controls in scope for the workspace. */
  inScope: ControlRef[];
  /** Controls the workspace decided do not apply: left out of coverage even when linked. */
  outOfScope: ControlRef[];
}

export interface ControlScope {
  scope(workspaceId: string): Promise<ScopeOfControls>;
  readonly hint: string;
}

export interface EvidenceTarget {
  workspaceId: string;
  sprintId: string;
  demoId: string;
  itemId: string;
  /**
   * The item's controls: each stored file is linked to those its format can demonstrate
   * (core/evidence/controls.ts, `controlsDemonstrated`), never to the others.
   */
  controls: readonly ControlRef[];
}

export interface AttachProgress {
  fileName: string;
  fileIndex: number;
  fileCount: number;
  /** 0–100 through hashing and reading the file. */
  percent: number;
  /** `waiting` while other files take the store's attention; then reading; then storing. */
  phase: 'waiting' | 'reading' | 'storing';
}

export interface AttachedFile {
  name: string;
  /** What the file shows in one line, or why it could not be read. */
  headline: string;
  /** What changed since the previous version of the same evidence; null when there is none. */
  changes: string | null;
  /** The item's controls the file was linked to (those it can demonstrate). */
  controls: readonly ControlRef[];
  /** The file shows nothing (unreadable, scan failed or incomplete, not understood). */
  flagged?: boolean;
}

export interface AttachOptions {
  /**
   * Records the item's reference to one stored file. Runs inside the transaction that stores
   * the file, so a refusal (a demo signed off meanwhile) stores nothing.
   */
  record: (ref: EvidenceRefFields) => Promise<void>;
  /** Tables `record` writes. */
  recordTables: readonly string[];
  onProgress?: (progress: AttachProgress) => void;
  signal?: AbortSignal;
}

/** What the item shows of a file it references (from the store, when it keeps content). */
export interface EvidenceView {
  format: string;
  /** The format as the file names it (`Nmap XML 1.05`, `SARIF 2.1.0`). */
  variant: string;
  headline: string;
  parseError: string | null;
  /** Why the file shows nothing (failed or incomplete scan, not understood); null when it is read. */
  flag: ReadingFlag | null;
  /** One line: what changed since the previous version; null when there is none. */
  changes: string | null;
  changedGroups: readonly { title: string; items: readonly string[] }[];
  /** Controls the stored evidence is linked to. */
  controls: readonly ControlRef[];
  /** The days it demonstrates (its tool's date or a stated period); null when undated. */
  period: EvidencePeriod | null;
  /** Who stated the period, when a person did. */
  statedBy: string;
  /** Fresh, stale or undated today (core/evidence/freshness.ts). */
  freshness: FileFreshness;
  /** Where the evidence is shown in full (an absolute app path). */
  href: string;
}

/**
 * Linking an item's stored evidence to controls the item gains, in the demo's transaction: by
 * meaning, each file only to the controls it can demonstrate.
 */
export interface ItemEvidenceLinks {
  /** Tables the linker writes (and reads: the stored summaries). */
  readonly tables: readonly string[];
  /**
   * Resolves what deciding needs (the control catalogs) BEFORE the demo's transaction opens,
   * which must wait for nothing but the database.
   */
  prepareLinks(): Promise<ItemEvidenceLinker>;
}

export interface ItemEvidenceLinker {
  /** Inside the demo's transaction: links each file to those of `controls` it can demonstrate. */
  linkDemonstrated(evidenceIds: readonly string[], controls: readonly ControlRef[]): Promise<void>;
}

export interface EvidenceAttach extends ItemEvidenceLinks {
  /**
   * Takes files dropped or chosen for an agenda item, stores each with its reference on the
   * item (see `AttachOptions.record`) as soon as it is read, several at once, and resolves once
   * all are stored (rejecting with the first failure; the others are stored regardless).
   * Progress is reported per file (`fileIndex`).
   */
  attach(
    files: readonly File[],
    target: EvidenceTarget,
    options: AttachOptions,
  ): Promise<AttachedFile[]>;
  /** Whether file content is kept (false: only its fingerprint is recorded). */
  readonly storesContent: boolean;
  /**
   * Keeps the store ready to take files without a start-up delay until the returned function
   * is called (presenter mode holds it while open).
   */
  holdReady(): () => void;
  readonly hint: string;
  /** Inside the demo's transaction: the evidence no longer belongs to the item (it stays stored). */
  detach(evidenceId: string, itemId: string): Promise<void>;
  /** Inside the demo's transaction: `detach` reversed (an undo). */
  reattach(evidenceId: string, itemId: string): Promise<void>;
  /**
   * Inside the demo's transaction: of the controls `among` (the item's), the file is linked to
   * exactly `linked`; links to other controls are left as they are.
   */
  setLinks(
    evidenceId: string,
    among: readonly ControlRef[],
    linked: readonly ControlRef[],
  ): Promise<void>;
  /**
   * The newest file of each source a pipeline provided (signed evidence bundles) that can
   * demonstrate any of `controls`, as references the item can record. Read before the demo's
   * transaction opens.
   */
  newestPipelineEvidence(
    workspaceId: string,
    controls: readonly ControlRef[],
  ): Promise<EvidenceRefFields[]>;
  /** Inside the demo's transaction: the stored files now belong to the item too. */
  attachStored(evidenceIds: readonly string[], itemId: string): Promise<void>;
  /** What the store knows of these evidence ids; ids it does not have are absent. */
  useViews(evidenceIds: readonly string[]): ReadonlyMap<string, EvidenceView>;
  /**
   * The workspace's stored files linked to controls, with their periods: what control coverage
   * counts (a file counts only for the controls it is linked to). Undefined while loading.
   */
  useControlEvidence(workspaceId: string): readonly CoverageEvidence[] | undefined;
}

export interface IssueContext {
  workspaceId: string;
  sprintId: string;
  demoId: string;
  itemId: string;
  itemKey: string;
  itemTitle: string;
  /** Stored evidence of the item, linked to the issue. */
  evidenceIds: readonly string[];
  /** The failed verdict the issue is raised from, if it is. */
  verdict: { id: string; control: ControlRef } | null;
}

export interface IssueRaiser {
  /** Tables `raise` writes: the demo records the issue in the same transaction. */
  readonly tables: readonly string[];
  /**
   * Raises the issue in the tracker, inside the caller's transaction over `tables`, and returns
   * its id there (kept on the demo's own record of the issue).
   */
  raise(
    draft: RaisedIssueDraft & { owner: string },
    context: IssueContext,
  ): Promise<{ trackerId: string; key: string }>;
  readonly hint: string;
  /** The tracked issue's key, live status and SLA clock, for the item and the review. */
  readonly Status: ComponentType<{ trackerId: string }>;
}

export interface DemoSlots {
  controls: ControlSearch;
  scope: ControlScope;
  evidence: EvidenceAttach;
  issues: IssueRaiser;
}

export const defaultDemoSlots: DemoSlots = {
  controls: catalogControlSearch,
  scope: statementOfApplicabilityScope,
  evidence: evidenceStore,
  issues: trackerIssues,
};

export const DemoSlotsContext = createContext<DemoSlots>(defaultDemoSlots);

export function useDemoSlots(): DemoSlots {
  return useContext(DemoSlotsContext);
}

/** The priority suggested for an issue: P1 for a failed verdict, else P2. */
export function suggestedPriority(failedVerdict: boolean): DemoIssuePriority {
  return failedVerdict ? 'P1' : 'P2';
}
