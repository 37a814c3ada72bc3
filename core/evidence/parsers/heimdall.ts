import { list, record, text } from '../builder';
import type { CheckStatus, Severity } from '../model';

/**
 * MITRE Heimdall's rules for InSpec exec JSON and HDF, so a file counts here as it counts in
 * Heimdall. Read from the heimdall2 repository (released as the npm package inspecjs 2.12.6):
 * - libs/inspecjs/src/compat_impl/compat_inspec_1_0.ts: `ExecControl.compute_segments`,
 *   `ExecControl.compute_status`, `HDFControl10.compute_severity`;
 * - libs/inspecjs/src/compat_wrappers.ts: `hdfWrapControl`, `convertImpactToSeverity`;
 * - libs/inspecjs/src/context.ts: `contextualizeEvaluation` (which control overlays which) and
 *   `ContextualizedControlImp.root`;
 * - apps/frontend/src/store/data_filters.ts (`omit_overlayed_controls`: only controls that no
 *   other control extends) and status_counts.ts (each counted with `c.root.hdf.status`).
 */

export type HeimdallStatus =
  'Passed' | 'Failed' | 'Not Applicable' | 'Not Reviewed' | 'Profile Error' | 'From Profile';

/** Heimdall's five result statuses in ours; a profile's control that never ran is not checked. */
export const CHECK_STATUS: Record<HeimdallStatus, CheckStatus> = {
  Passed: 'pass',
  Failed: 'fail',
  'Not Applicable': 'notApplicable',
  'Not Reviewed': 'notChecked',
  'Profile Error': 'error',
  'From Profile': 'notChecked',
};

/**
 * `ExecControl.compute_segments`: a result with a backtrace is an error whatever its status, a
 * result without a status is `no_status` (JavaScript truthiness throughout, as Heimdall's `?:`
 * and `||`: an empty backtrace list is still a backtrace). Undefined when the control has no `results` at all:
 * `hdfWrapControl` then reads it as a profile's control ("From Profile").
 */
export function segmentStatuses(control: Record<string, unknown>): string[] | undefined {
  if (control['results'] === undefined) return undefined;
  return list(control['results']).map((value) => {
    const result = record(value);
    return result['backtrace'] ? 'error' : text(result['status']) || 'no_status';
  });
}

/**
 * `ExecControl.compute_status`, in its order: any error is a profile error, even with impact 0;
 * then a waived control or impact 0 is not applicable (even without results); then no results is
 * a profile error; then failed, passed (skips beside a pass still pass), only skips not reviewed.
 */
export function controlStatus(
  control: Record<string, unknown>,
  segments: readonly string[] | undefined,
): HeimdallStatus {
  if (segments === undefined) return 'From Profile';
  if (segments.includes('error')) return 'Profile Error';
  if (isWaived(control) || control['impact'] === 0) return 'Not Applicable';
  if (segments.length === 0) return 'Profile Error';
  if (segments.includes('failed')) return 'Failed';
  if (segments.includes('passed')) return 'Passed';
  if (segments.includes('skipped')) return 'Not Reviewed';
  return 'Profile Error';
}

/** Whether Heimdall counts the control as waived (it is then not applicable). */
export function isWaived(control: Record<string, unknown>): boolean {
  return Boolean(record(control['waiver_data'])['skipped_due_to_waiver']);
}

/**
 * `compute_status` refuses (throws, so Heimdall will not open the file) an attestation whose
 * status is neither passed nor failed; the status itself does not change the count.
 */
export function hasInvalidAttestation(control: Record<string, unknown>): boolean {
  const attestation = control['attestation_data'];
  if (!attestation) return false;
  const status = record(attestation)['status'];
  return Boolean(status) && status !== 'passed' && status !== 'failed';
}

const SEVERITY_WORDS: Record<string, Severity> = {
  none: 'info',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical',
};

/**
 * `HDFControl10.compute_severity`: the `severityoverride` tag, else the `severity` tag, when it
 * is one of none/low/medium/high/critical (any case); else `convertImpactToSeverity`: below 0.1
 * none (our info), below 0.4 low, below 0.7 medium, below 0.9 high, else critical. Heimdall's
 * schema requires a numeric impact and refuses a file without one; here such a control's
 * severity is unknown.
 */
export function controlSeverity(control: Record<string, unknown>): Severity {
  const tags = record(control['tags']);
  for (const tag of ['severityoverride', 'severity']) {
    const word = tags[tag];
    const severity = typeof word === 'string' ? SEVERITY_WORDS[word.toLowerCase()] : undefined;
    if (severity) return severity;
  }
  const impact = control['impact'];
  if (typeof impact !== 'number' || Number.isNaN(impact)) return 'unknown';
  if (impact < 0.1) return 'info';
  if (impact < 0.4) return 'low';
  if (impact < 0.7) return 'medium';
  if (impact < 0.9) return 'high';
  return 'critical';
}

export interface ProfileFacts {
  name: string | undefined;
  /** `parent_profile`: the name of the profile that wraps or overlays this one. */
  parent: string | undefined;
}

export interface ControlFacts {
  profile: number;
  id: string;
  /** Has at least one result (Heimdall's `hdf.segments.length`). */
  populated: boolean;
}

export interface Counted<T extends ControlFacts> {
  /** The control counted: the outermost overlay, which gives the check its id and title. */
  control: T;
  /** The control at the bottom of its overlay chain, whose status and severity Heimdall counts. */
  root: T;
}

export interface OverlayOutcome<T extends ControlFacts> {
  counted: Counted<T>[];
  /** Overlaid controls counted through the control that overlays them. */
  overlaid: number;
  /** Controls Heimdall never counts: overlaid only by themselves or in a loop of profiles. */
  uncounted: number;
  /** A chain of overlays loops: Heimdall cannot open such a file (its `root` never ends). */
  loop: boolean;
}

/**
 * Which controls Heimdall counts, and as which control (`contextualizeEvaluation`, then the
 * frontend's `omit_overlayed_controls` and `c.root`). A profile whose `parent_profile` names
 * another makes that one extend it: each control of the extending profile overlays the first
 * control with the same id in the first profile it extends that has one. Controls of profiles
 * outside any such relation overlay the first control with the same id in the whole file that
 * has results (else the first with that id). Only controls that nothing overlays are counted,
 * each with the status and severity of the root of its chain.
 */
export function resolveOverlays<T extends ControlFacts>(
  profiles: readonly ProfileFacts[],
  controls: readonly T[],
): OverlayOutcome<T> {
  const firstProfileNamed = new Map<string, number>();
  profiles.forEach((profile, index) => {
    if (profile.name !== undefined && !firstProfileNamed.has(profile.name))
      firstProfileNamed.set(profile.name, index);
  });
  const extendsFrom: number[][] = profiles.map(() => []);
  const extended = profiles.map(() => false);
  profiles.forEach((profile, index) => {
    const parent = profile.parent === undefined ? undefined : firstProfileNamed.get(profile.parent);
    if (parent === undefined) return;
    extendsFrom[parent]!.push(index);
    extended[index] = true;
  });

  const firstInProfile = profiles.map(() => new Map<string, number>());
  const firstWithId = new Map<string, number>();
  const firstPopulatedWithId = new Map<string, number>();
  controls.forEach((control, index) => {
    const inProfile = firstInProfile[control.profile];
    if (inProfile && !inProfile.has(control.id)) inProfile.set(control.id, index);
    if (!firstWithId.has(control.id)) firstWithId.set(control.id, index);
    if (control.populated && !firstPopulatedWithId.has(control.id))
      firstPopulatedWithId.set(control.id, index);
  });

  const parentOf = new Int32Array(controls.length).fill(-1);
  const overlaidBy = new Uint8Array(controls.length);
  controls.forEach((control, index) => {
    const extending = extendsFrom[control.profile] ?? [];
    let ancestor: number | undefined;
    if (extending.length > 0 || extended[control.profile]) {
      for (const profile of extending) {
        ancestor = firstInProfile[profile]?.get(control.id);
        if (ancestor !== undefined) break;
      }
    } else {
      ancestor = firstPopulatedWithId.get(control.id) ?? firstWithId.get(control.id);
      if (ancestor === index) ancestor = undefined;
    }
    if (ancestor === undefined) return;
    parentOf[index] = ancestor;
    overlaidBy[ancestor] = 1;
  });

  return countLeaves(controls, parentOf, overlaidBy);
}

/** Walks each counted control down to its root once, marking every control it passes. */
function countLeaves<T extends ControlFacts>(
  controls: readonly T[],
  parentOf: Int32Array,
  overlaidBy: Uint8Array,
): OverlayOutcome<T> {
  const rootOf = new Int32Array(controls.length).fill(-1);
  const walkedBy = new Int32Array(controls.length).fill(-1);
  const counted: Counted<T>[] = [];
  let loop = false;
  controls.forEach((control, leaf) => {
    if (overlaidBy[leaf]) return;
    const path: number[] = [];
    let at = leaf;
    while (rootOf[at] === -1 && parentOf[at] !== -1 && walkedBy[at] !== leaf) {
      walkedBy[at] = leaf;
      path.push(at);
      at = parentOf[at]!;
    }
    if (walkedBy[at] === leaf) loop = true;
    const root = rootOf[at] === -1 ? at : rootOf[at]!;
    rootOf[at] = root;
    for (const step of path) rootOf[step] = root;
    counted.push({ control, root: controls[root]! });
  });
  let represented = 0;
  for (const root of rootOf) if (root !== -1) represented += 1;
  return {
    counted,
    overlaid: represented - counted.length,
    uncounted: controls.length - represented,
    loop,
  };
}
