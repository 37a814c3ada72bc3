import { afterEach, vi } from 'vitest';
import { SUITE_NOW } from '../support/clock';

/**
 * Every unit test file starts at the same instant, whatever the day the suite runs: Date is
 * faked (and moves on at the real pace from there, so durations still pass), timers are not.
 * A test that needs another instant sets it with `vi.setSystemTime`; after each test the pinned
 * clock comes back.
 */
function pinClock(): void {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true, advanceTimeDelta: 1 });
  vi.setSystemTime(SUITE_NOW);
}

pinClock();
afterEach(pinClock);
