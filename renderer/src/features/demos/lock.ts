import type { Demo } from '../../../../core/model';

/**
 * A demo is open for changes until it is signed off; after that only inside an open amendment,
 * whose number every row recorded in it carries.
 */
export type EditState =
  | { editable: true; amendment: number | null }
  | { editable: false; signedAt: string; signedBy: string };

export function editState(demo: Demo): EditState {
  if (demo.signOff === null) return { editable: true, amendment: null };
  const last = demo.amendments.at(-1);
  if (last && last.signOff === null) return { editable: true, amendment: last.number };
  const latest = last?.signOff ?? demo.signOff;
  return { editable: false, signedAt: latest.at, signedBy: latest.by };
}

export class DemoLockedError extends Error {
  override readonly name = 'DemoLockedError';
  constructor() {
    super(
      'This demo was signed off and is locked. Open an amendment (with its reason) to change it.',
    );
  }
}

/** The amendment number to stamp on a new row; throws when the demo is locked. */
export function assertEditable(demo: Demo): number | null {
  const state = editState(demo);
  if (!state.editable) throw new DemoLockedError();
  return state.amendment;
}
