import { useEffect } from 'react';
import { notify, notifyError } from '../../app/notifications';
import { reopenExpiredRiskAcceptances } from './commands';

const CHECK_EVERY_MS = 60_000;

/** Reopens issues whose risk acceptance ran out: at start-up, then every minute. */
export function useRiskExpiry(): void {
  useEffect(() => {
    const check = (): void => {
      reopenExpiredRiskAcceptances().then(
        (count) => {
          if (count > 0) {
            notify('info', `${count} risk acceptance${count === 1 ? '' : 's'} expired: reopened.`);
          }
        },
        (error: unknown) => notifyError(error, 'Checking risk acceptances failed'),
      );
    };
    check();
    const timer = setInterval(check, CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, []);
}
