import type { ComponentType } from 'react';
import { WhoYouAreStep } from '../../features/people/WhoYouAreStep';
import { readCurrentPerson } from '../../features/people/queries';

/**
 * The first run: the steps a new profile takes before the app opens, in order. A step is
 * pending while `pending()` (a live database read) says so; the first pending one is shown, and
 * the app opens when none is. A new step is one more entry here.
 */
export interface FirstRunStep {
  id: string;
  /** Short title for the list of steps. */
  title: string;
  pending: () => Promise<boolean>;
  /** Takes the step; the step is done when `pending()` turns false. */
  Component: ComponentType;
}

export const FIRST_RUN_STEPS: readonly FirstRunStep[] = [
  {
    id: 'who-you-are',
    title: 'Who you are',
    pending: async () => (await readCurrentPerson()) === null,
    Component: WhoYouAreStep,
  },
];
