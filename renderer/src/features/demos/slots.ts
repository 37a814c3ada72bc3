import { createContext, useContext } from 'react';
import type {
  ControlRef,
  EvidenceRefFields,
  DemoIssuePriority,
  RaisedIssueDraft,
} from '../../../../core/model';
import { ControlRef as ControlRefSchema, newId } from '../../../../core/model';
import { sha256OfBlob } from '../../../../core/util/digest';
import { knownControlRefs } from './queries';

/**
 * The seams between the demo runner and the features it leans on: control catalogs (search and
 * titles, scope), the evidence store, and the issue tracker. The demo UI talks only to these
 * interfaces. The defaults below are real but minimal, and say so on screen: controls are
 * references typed or pasted by the user; evidence is fingerprinted (name, size, SHA-256, media
 * type) without keeping the file; issues are recorded on the demo item only. Wiring a full
 * implementation means replacing one member of `defaultDemoSlots` (see ARCHITECTURE.md).
 */

export interface ControlMatch {
  ref: ControlRef;
  /** The control's title from its catalog; null when no catalog is available. */
  title: string | null;
  /** Why it is offered: `catalog`, `typed`, `used in this workspace`. */
  source: string;
}

export interface ControlSearch {
  /** Controls matching what the user typed, best first. */
  search(text: string, context: { workspaceId: string }): Promise<ControlMatch[]>;
  /** Titles for display; refs no catalog knows are simply absent. */
  titles(refs: readonly ControlRef[]): Promise<ReadonlyMap<ControlRef, string>>;
  /** One line shown under the control field, saying where matches come from. */
  readonly hint: string;
}

export interface ControlScope {
  /** Controls in scope for the workspace; coverage adds every control linked or judged. */
  inScope(workspaceId: string): Promise<ControlRef[]>;
  readonly hint: string;
}

export interface EvidenceTarget {
  workspaceId: string;
  sprintId: string;
  demoId: string;
  itemId: string;
}

export interface EvidenceAttach {
  /**
   * Takes files dropped or chosen for an agenda item and returns what the item should
   * reference. Must not resolve before the evidence is safely stored (when it stores content).
   */
  attach(
    files: readonly File[],
    target: EvidenceTarget,
    onProgress?: (message: string) => void,
  ): Promise<EvidenceRefFields[]>;
  /** Whether file content is kept (false: only its fingerprint is recorded). */
  readonly storesContent: boolean;
  readonly hint: string;
}

export interface IssueContext {
  workspaceId: string;
  sprintId: string;
  demoId: string;
  itemId: string;
  itemKey: string;
  itemTitle: string;
}

export interface IssueRaiser {
  /**
   * Raises the issue in the tracker and returns its id there; null when there is no tracker
   * and the issue lives on the demo item only. The demo records the issue either way.
   */
  raise(draft: RaisedIssueDraft, context: IssueContext): Promise<{ trackerId: string | null }>;
  readonly hint: string;
}

export interface DemoSlots {
  controls: ControlSearch;
  scope: ControlScope;
  evidence: EvidenceAttach;
  issues: IssueRaiser;
}

const MAX_MATCHES = 20;

/** Controls as typed references, plus those already used in the workspace. */
export const referenceControlSearch: ControlSearch = {
  hint: 'Type a control reference such as nist-sp-800-53-rev5#ac-2 or owasp-asvs#V5.1.1; references already used in this workspace are suggested.',
  async search(text, { workspaceId }) {
    const query = text.trim();
    const matches: ControlMatch[] = [];
    if (ControlRefSchema.safeParse(query).success)
      matches.push({ ref: query, title: null, source: 'typed' });
    if (query === '') return matches;
    const needle = query.toLowerCase();
    for (const ref of await knownControlRefs(workspaceId)) {
      if (ref !== query && ref.toLowerCase().includes(needle))
        matches.push({ ref, title: null, source: 'used in this workspace' });
      if (matches.length >= MAX_MATCHES) break;
    }
    return matches;
  },
  async titles() {
    return new Map();
  },
};

export const linkedControlScope: ControlScope = {
  hint: 'In scope: every control linked to an agenda item or judged in a demo of this workspace.',
  async inScope() {
    return [];
  },
};

/** Records what a file was (name, size, SHA-256, media type); the file itself is not kept. */
export const fingerprintEvidence: EvidenceAttach = {
  storesContent: false,
  hint: 'Files are fingerprinted (name, size, SHA-256, type); their content is not stored here.',
  async attach(files, _target, onProgress) {
    const refs: EvidenceRefFields[] = [];
    for (const file of files) {
      onProgress?.(`Hashing ${file.name}…`);
      const sha256 = await sha256OfBlob(file);
      refs.push({
        evidenceId: newId(),
        name: file.name.slice(0, 255) || 'unnamed file',
        size: file.size,
        sha256,
        mediaType: file.type.slice(0, 255),
        stored: false,
      });
    }
    return refs;
  },
};

/** No tracker: the issue is recorded on the demo item (with its priority, control and time). */
export const demoRecordIssues: IssueRaiser = {
  hint: 'Recorded on this agenda item of the demo record.',
  async raise() {
    return { trackerId: null };
  },
};

export const defaultDemoSlots: DemoSlots = {
  controls: referenceControlSearch,
  scope: linkedControlScope,
  evidence: fingerprintEvidence,
  issues: demoRecordIssues,
};

export const DemoSlotsContext = createContext<DemoSlots>(defaultDemoSlots);

export function useDemoSlots(): DemoSlots {
  return useContext(DemoSlotsContext);
}

/** The priority suggested for an issue raised from a verdict. */
export function suggestedPriority(verdict: string | undefined): DemoIssuePriority {
  return verdict === 'not-satisfied' ? 'P1' : 'P2';
}
