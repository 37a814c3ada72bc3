import { useEffect, useMemo, useRef } from 'react';
import { useLocation } from 'wouter';
import type { OutboxListing } from '../../../../core/locker/app';
import { getApi } from '../../app/api';
import { onHostEvent } from '../../app/host-events';
import { useRegisterCommands } from '../../app/commands/registry';
import { notify } from '../../app/notifications';

/**
 * Always mounted: asks main once to publish what is due (main then retries by itself and tells
 * the window of every change), says once when bundles wait for credentials or settings, and
 * offers the Team locker page everywhere.
 */
export function LockerService() {
  const [, navigate] = useLocation();
  const told = useRef(false);
  useEffect(() => {
    const tell = (listing: OutboxListing): void => {
      const waiting = listing.items.filter((item) => item.state === 'waiting').length;
      if (listing.blocked && waiting > 0 && !told.current) {
        told.current = true;
        notify(
          'info',
          `${waiting} bundle${waiting === 1 ? '' : 's'} wait${waiting === 1 ? 's' : ''} for the team locker: ${listing.blocked}`,
        );
      }
    };
    const unsubscribe = onHostEvent('locker:outboxChanged', tell);
    getApi()
      .lockerSync()
      .then(tell)
      .catch(() => undefined);
    return unsubscribe;
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
