import { useEffect, useState } from 'react';
import { formatTimeOfDay } from '../../../lib/format';
import { formatElapsed } from '../format';

/**
 * The meeting clock: time since the demo started (kept in the record, so a reload does not
 * reset it) and the time of day.
 */
export function Clock({
  startedAt,
  endedAt,
}: {
  startedAt: string | null;
  /** When the demo was signed off: the clock stops there. */
  endedAt: string | null;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const end = endedAt === null ? now : Date.parse(endedAt);
  const elapsed = startedAt === null ? 0 : end - Date.parse(startedAt);
  return (
    <div className="presenter-clock" role="timer" aria-label="Time since the demo started">
      <span className="clock-elapsed">{formatElapsed(elapsed)}</span>
      <span className="clock-now">{formatTimeOfDay(new Date(now).toISOString())}</span>
    </div>
  );
}
