import { useEffect, useMemo, useRef } from 'react';
import { useLocation } from 'wouter';
import { getApi } from '../../app/api';
import { useRegisterCommands } from '../../app/commands/registry';
import { notify } from '../../app/notifications';

/** How often main is asked to send what is due (it keeps each bundle's backoff itself). */
const SYNC_EVERY_MS = 5_000;

/**
 * Always mounted: while the app is open, asks main every few seconds to publish the outbox's
 * bundles that are due (main skips those still waiting out their retry delay), says once when
 * bundles wait for credentials, and offers the Team locker page everywhere.
 */
export function LockerService() {
  const [, navigate] = useLocation();
  const told = useRef(false);
  useEffect(() => {
    const sync = (): void => {
      getApi()
        .lockerSync()
        .then((listing) => {
          const waiting = listing.items.filter((item) => item.state === 'waiting').length;
          if (listing.blocked && waiting > 0 && !told.current) {
            told.current = true;
            notify(
              'info',
              `${waiting} bundle${waiting === 1 ? '' : 's'} wait${waiting === 1 ? 's' : ''} for the team locker: ${listing.blocked}`,
            );
          }
        })
        .catch(() => undefined);
    };
    sync();
    const timer = window.setInterval(sync, SYNC_EVERY_MS);
    return () => window.clearInterval(timer);
  }, []);
  const commands = useMemo(
    () => [
      {
        id: 'locker.open',
        title: 'Team locker: settings, publishing, teammates’ bundles',
        section: 'Data',
        shortcut: 'Alt+Shift+T',
        allowInTextEntry: true,
        run: () => navigate('/settings/locker'),
      },
    ],
    [navigate],
  );
  useRegisterCommands(commands);
  return null;
}
