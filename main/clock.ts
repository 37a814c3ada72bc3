/**
 * The time main signs and stamps with: a signature's signing time, an identity's certificate,
 * a bundle's or backup's manifest, the outbox's retries. One clock per host, given to every
 * service through the platform, so everything main writes agrees with itself.
 */
export type Clock = () => Date;

/** The machine's clock: what the app signs with. */
export const systemClock: Clock = () => new Date();

/**
 * A clock that reads `start` now and flows on at the real pace, as a page's clock does once a
 * test host installs Playwright's clock at that instant: main then signs with the pages' time.
 */
export function flowingClock(start: Date, realMs: () => number = Date.now): Clock {
  const origin = realMs();
  return () => new Date(start.getTime() + (realMs() - origin));
}
