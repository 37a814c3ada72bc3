import { useCallback, useEffect, useState } from 'react';
import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { setActor } from '../db';
import { useCurrentPerson } from '../features/people/queries';
import { lockIdentities } from '../features/signing/commands';
import { saveSetting } from '../features/settings/commands';
import { useSetting } from '../features/settings/queries';
import { FirstRunGate } from './first-run/FirstRun';
import { notifyError } from './notifications';
import { Shell } from './Shell';
import { useAppliedTheme } from './theme';

export function App() {
  const theme = useSetting('theme');
  const person = useCurrentPerson();
  const applied = useAppliedTheme(theme.data ?? 'system');
  const [gateReady, setGateReady] = useState(false);
  const onGateReady = useCallback(() => setGateReady(true), []);

  // The person at the keyboard is the actor of every audited write; nobody is until the first
  // run has asked (the computer's account name is never used in their place).
  useEffect(() => {
    if (person.data !== undefined) setActor(person.data?.name ?? '');
  }, [person.data]);
  // Whoever sits down next does not inherit an unlocked identity (see main's keyring).
  const personId = person.data?.id;
  useEffect(() => {
    if (personId !== undefined) void lockIdentities().catch(() => undefined);
  }, [personId]);

  useEffect(() => {
    if (theme.data !== undefined && gateReady) document.documentElement.dataset['ready'] = 'true';
  }, [theme.data, gateReady]);

  const toggleTheme = useCallback(() => {
    void saveSetting('theme', applied === 'dark' ? 'light' : 'dark').catch((error: unknown) =>
      notifyError(error),
    );
  }, [applied]);

  return (
    <FirstRunGate onReady={onGateReady}>
      <Router hook={useHashLocation}>
        <Shell onToggleTheme={toggleTheme} />
      </Router>
    </FirstRunGate>
  );
}
