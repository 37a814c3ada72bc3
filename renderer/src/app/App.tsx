import { useCallback, useEffect } from 'react';
import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { setActor } from '../db';
import { saveSetting } from '../features/settings/commands';
import { useSetting } from '../features/settings/queries';
import { getApi } from './api';
import { notifyError } from './notifications';
import { Shell } from './Shell';
import { useAppliedTheme } from './theme';

export function App() {
  const theme = useSetting('theme');
  const userName = useSetting('userName');
  const applied = useAppliedTheme(theme.data ?? 'system');

  useEffect(() => {
    if (userName.data === undefined) return;
    if (userName.data.trim() !== '') {
      setActor(userName.data);
      return;
    }
    getApi()
      .appGetInfo()
      .then((info) => setActor(info.userName))
      .catch(() => setActor('unknown'));
  }, [userName.data]);

  useEffect(() => {
    if (theme.data !== undefined) document.documentElement.dataset['ready'] = 'true';
  }, [theme.data]);

  const toggleTheme = useCallback(() => {
    void saveSetting('theme', applied === 'dark' ? 'light' : 'dark').catch((error: unknown) =>
      notifyError(error),
    );
  }, [applied]);

  return (
    <Router hook={useHashLocation}>
      <Shell onToggleTheme={toggleTheme} />
    </Router>
  );
}
