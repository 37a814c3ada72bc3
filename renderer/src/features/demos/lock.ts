import type { Demo } from '../../../../core/model';
import { editState } from '../../../../core/demo/rounds';

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
