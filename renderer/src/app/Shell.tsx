import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { AreaIntro } from '../components/AreaIntro';
import { ControlsArea } from '../features/controls/ControlsArea';
import { IssueRaiser } from '../features/issues/IssueRaiser';
import { IssuesPage } from '../features/issues/IssuesPage';
import { PersonBadge } from '../features/people/PersonBadge';
import { PostMortemsPage } from '../features/postmortems/PostMortemsPage';
import { SampleBanner } from '../features/sample/SampleBanner';
import { DemosPage } from '../features/demos/DemosPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { BackupService } from '../features/backup/BackupService';
import { LockerService } from '../features/locker/LockerService';
import { SettingsPage } from '../features/settings/SettingsPage';
import { WorkspacePage } from '../features/workspaces/WorkspacePage';
import { WorkspaceSwitcher } from '../features/workspaces/WorkspaceSwitcher';
import { onHostEvent } from './host-events';
import { AREAS } from './areas';
import { CommandPalette } from './commands/CommandPalette';
import type { Command } from './commands/registry';
import { commandRegistry, useRegisterCommands } from './commands/registry';
import { offeredFallbacks } from './commands/offered';
import { PRINT_COMMAND } from './commands/print';
import { formatShortcut, isMacPlatform } from './commands/shortcuts';
import { ShortcutsDialog } from './commands/ShortcutsDialog';
import { DataUpgradeService } from './DataUpgradeService';
import { ErrorBoundary } from './ErrorBoundary';
import { EvidenceArea } from './integrations/EvidenceArea';
import { TelemetryArea } from './integrations/TelemetryArea';
import { Notifications, notify } from './notifications';
import { undoLatest } from './undo';

const PAGES: Readonly<Record<string, () => React.JSX.Element>> = {
  workspace: WorkspacePage,
  controls: ControlsArea,
  // Areas that hand work to other features are wrapped in app/integrations/.
  evidence: EvidenceArea,
  issues: IssuesPage,
  postmortems: PostMortemsPage,
  demos: DemosPage,
  reports: ReportsPage,
  settings: SettingsPage,
  telemetry: TelemetryArea,
};

export function Shell({ onToggleTheme }: { onToggleTheme: () => void }) {
  const [location, navigate] = useLocation();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const isMac = isMacPlatform();

  const commands = useMemo<Command[]>(() => {
    const go = (path: string) => () => {
      navigate(path);
      mainRef.current?.focus();
    };
    return [
      ...AREAS.map((area, index) => ({
        id: `go.${area.id}`,
        title: `Go to ${area.label}`,
        section: 'Navigation',
        ...(index < 9 ? { shortcut: `Alt+${index + 1}` } : {}),
        allowInTextEntry: true,
        run: go(area.path),
      })),
      {
        id: 'app.palette',
        title: 'Command palette',
        section: 'General',
        shortcut: 'Mod+K',
        allowInTextEntry: true,
        hidden: true,
        run: () => setPaletteOpen(true),
      },
      {
        id: 'app.shortcuts',
        title: 'Keyboard shortcuts',
        section: 'General',
        shortcut: 'F1',
        run: () => setShortcutsOpen(true),
      },
      {
        id: 'app.shortcuts.help',
        title: 'Keyboard shortcuts',
        section: 'General',
        shortcut: '?',
        hidden: true,
        run: () => setShortcutsOpen(true),
      },
      {
        id: 'app.undo',
        title: 'Undo the last removal or change',
        section: 'General',
        shortcut: 'Mod+Z',
        run: () => void undoLatest(),
      },
      PRINT_COMMAND,
      {
        id: 'app.theme',
        title: 'Switch between light and dark theme',
        section: 'General',
        run: onToggleTheme,
      },
    ];
  }, [navigate, onToggleTheme]);
  useRegisterCommands(commands);
  // Every page's commands, from anywhere: each opens its page, which runs it.
  const fallbacks = useMemo(
    () =>
      offeredFallbacks(
        (path) => {
          navigate(path);
          // Focus moves to the page opened (the page's own command may move it on).
          document.querySelector<HTMLElement>('main')?.focus();
        },
        (id, path) => commandRegistry.runWhenOffered(id, path),
      ),
    [navigate],
  );
  useRegisterCommands(fallbacks, { fallback: true });
  useEffect(() => commandRegistry.leftFor(location), [location]);
  // A command asked for where it cannot run says what it needs.
  useEffect(() => commandRegistry.onRefusal((needs) => notify('info', needs)), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.repeat) return;
      if (document.querySelector('dialog[open]') && event.key !== 'F1') return;
      if (commandRegistry.handleKey(event, isMac)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    const unsubscribe = onHostEvent('menu:command', ({ commandId }) => {
      commandRegistry.run(commandId);
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe();
    };
  }, [isMac]);

  const currentArea =
    AREAS.find((area) => area.path !== '/' && location.startsWith(area.path)) ?? AREAS[0];
  return (
    <div className="shell">
      <button type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
        Skip to content
      </button>
      <aside className="sidebar">
        <div className="brand" aria-label="Demo Ledger">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          Demo Ledger
        </div>
        <PersonBadge />
        <WorkspaceSwitcher />
        <nav aria-label="Areas">
          <ul className="nav-list">
            {AREAS.map((area, index) => {
              const active = area.id === currentArea?.id;
              return (
                <li key={area.id}>
                  <Link
                    href={area.path}
                    className={active ? 'nav-link active' : 'nav-link'}
                    aria-current={active ? 'page' : undefined}
                    aria-keyshortcuts={`Alt+${index + 1}`}
                  >
                    <span>{area.label}</span>
                    <kbd className="nav-key" aria-hidden="true">
                      {formatShortcut(`Alt+${index + 1}`, isMac)}
                    </kbd>
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <DataUpgradeService />
        <button type="button" className="palette-hint" onClick={() => setPaletteOpen(true)}>
          Commands <kbd>{formatShortcut('Mod+K', isMac)}</kbd>
        </button>
      </aside>
      <main id="main" ref={mainRef} tabIndex={-1} aria-label={currentArea?.label}>
        <SampleBanner />
        <ErrorBoundary scope="this view" resetKey={location}>
          <Switch>
            {AREAS.map((area) => {
              const Page = PAGES[area.id];
              return (
                // Areas other than the home page own their sub-paths (`/controls/control/…`).
                // Areas other than the root own the paths below theirs (/demos/<id>/present).
                <Route key={area.id} path={area.path} nest={area.path !== '/'}>
                  {Page ? <Page /> : <AreaIntro area={area} />}
                </Route>
              );
            })}
            <Route>
              <AreaIntro
                area={{
                  id: 'missing',
                  path: location,
                  label: 'Not found',
                  summary: 'There is no page at this address.',
                }}
              />
            </Route>
          </Switch>
        </ErrorBoundary>
      </main>
      <IssueRaiser />
      <BackupService />
      <LockerService />
      <Notifications />
      <CommandPalette open={paletteOpen} onClose={() => setPaletteOpen(false)} />
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </div>
  );
}
