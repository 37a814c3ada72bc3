import { useEffect, useMemo } from 'react';
import { useLocation } from 'wouter';
import { useRegisterCommands } from '../../app/commands/registry';
import { notify, notifyError } from '../../app/notifications';
import { useSetting } from '../settings/queries';
import { backUpNow, runScheduledBackup } from './commands';

const CHECK_EVERY_MS = 60_000;

/**
 * Always mounted: runs automatic backups while the app is open (checked every minute and as soon
 * as the schedule changes), and offers the backup, audit log and bundle commands everywhere.
 */
export function BackupService() {
  const schedule = useSetting('backupSchedule');
  const [, navigate] = useLocation();

  useEffect(() => {
    if (!schedule.data?.enabled) return;
    const check = (): void => {
      void runScheduledBackup().then((outcome) => {
        if (outcome === 'failed')
          notify('error', 'The automatic backup failed; see Settings → Backups.');
      });
    };
    check();
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [schedule.data]);

  const commands = useMemo(
    () => [
      {
        id: 'backup.now',
        title: 'Back up now',
        section: 'Data',
        run: () => {
          void backUpNow('dialog').then(
            (result) => {
              if (result) notify('success', `Backup saved: ${result.path}`);
            },
            (error: unknown) => notifyError(error),
          );
        },
      },
      {
        id: 'audit.open',
        title: 'Open the audit log',
        section: 'Data',
        shortcut: 'Alt+L',
        allowInTextEntry: true,
        run: () => navigate('/settings/audit-log'),
      },
      {
        id: 'bundles.open',
        title: 'Audit bundles: export, import, review, merge',
        section: 'Data',
        shortcut: 'Alt+Shift+B',
        allowInTextEntry: true,
        run: () => navigate('/settings/bundles'),
      },
    ],
    [navigate],
  );
  useRegisterCommands(commands);
  return null;
}
