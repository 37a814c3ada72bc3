import type { Demo, SignOff } from '../model/demo';

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

/**
 * What a sign-off now signs: the round open for changes (the record, or the open amendment),
 * which the first signature seals; or, once sealed, the latest round, which others co-sign
 * while the record stays as it was sealed.
 */
export interface SignOffRound {
  /** Null for the record itself, else the amendment's number. */
  amendment: number | null;
  /** The round's seal; null while it is open. */
  sealed: SignOff | null;
}

export function signOffRound(demo: Demo): SignOffRound {
  const state = editState(demo);
  if (state.editable) return { amendment: state.amendment, sealed: null };
  const last = demo.amendments.at(-1);
  return last?.signOff
    ? { amendment: last.number, sealed: last.signOff }
    : { amendment: null, sealed: demo.signOff };
}
