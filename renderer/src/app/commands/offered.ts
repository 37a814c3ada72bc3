import { useMemo } from 'react';
import type { Command } from './registry';
import { needing, useRegisterCommands } from './registry';

/**
 * Commands a page offers, declared app-wide: the palette and the shortcut list show them from
 * anywhere, and running one away from its page opens the page, which then runs it. The page
 * registers the same id with `offered(id, run)`, so title, section and keys are written once.
 * Commands about one record (a demo's presenter mode, an issue's edit) stay with that record's
 * page and are listed while it is open.
 */
export interface OfferedCommand {
  id: string;
  title: string;
  section: string;
  shortcut?: string;
  /** More words the palette matches. */
  keywords?: string;
  /** The page that offers it (an app path). */
  path: string;
  /** Opening the page is the whole command (nothing left for the page to run). */
  opensPage?: boolean;
  /** The shortcut works on its page only (the keys mean something else elsewhere). */
  pageKey?: boolean;
  allowInTextEntry?: boolean;
}

export const OFFERED_COMMANDS: readonly OfferedCommand[] = [
  // Sprints
  { id: 'sprint.new', title: 'New sprint', section: 'Sprints', shortcut: 'Alt+N', path: '/' },
  { id: 'team.new', title: 'New team', section: 'Sprints', path: '/' },
  { id: 'workspace.edit', title: 'Edit workspace', section: 'Sprints', path: '/' },
  // Demos
  {
    id: 'demo.new',
    title: 'New demo',
    section: 'Demos',
    shortcut: 'Alt+N',
    allowInTextEntry: true,
    path: '/demos',
  },
  {
    id: 'demo.coverage',
    title: 'Control coverage',
    section: 'Demos',
    shortcut: 'Alt+C',
    keywords: 'stale freshness scope',
    allowInTextEntry: true,
    path: '/demos/coverage',
    opensPage: true,
  },
  // Evidence
  {
    id: 'evidence.attach',
    title: 'Attach evidence files',
    section: 'Evidence',
    shortcut: 'Alt+E',
    keywords: 'upload add import drop',
    allowInTextEntry: true,
    path: '/evidence',
  },
  {
    id: 'evidence.search',
    title: 'Search evidence',
    section: 'Evidence',
    shortcut: 'Mod+Shift+F',
    keywords: 'find filter files control',
    allowInTextEntry: true,
    path: '/evidence',
  },
  // Controls
  {
    id: 'controls.search',
    title: 'Search controls',
    section: 'Controls',
    shortcut: '/',
    keywords: 'find',
    path: '/controls',
    pageKey: true,
  },
  {
    id: 'controls.adopt',
    title: 'Adopt a framework',
    section: 'Controls',
    keywords: 'scope baseline add framework',
    path: '/controls',
  },
  {
    id: 'controls.import',
    title: 'Import a control catalog (OSCAL or CSV)',
    section: 'Controls',
    path: '/controls',
  },
  {
    id: 'controls.soa',
    title: 'Statement of Applicability',
    section: 'Controls',
    keywords: 'scope soa',
    path: '/controls/soa',
    opensPage: true,
  },
  {
    id: 'controls.soa.export',
    title: 'Export Statement of Applicability (CSV)',
    section: 'Controls',
    path: '/controls/soa',
  },
  // Issues
  { id: 'issues.import', title: 'Import issues from Jira', section: 'Issues', path: '/issues' },
  {
    id: 'issues.export',
    title: 'Export issues as CSV for Jira',
    section: 'Issues',
    path: '/issues',
  },
  { id: 'issues.policy', title: 'Edit the SLA policy', section: 'Issues', path: '/issues' },
  // Telemetry
  {
    id: 'telemetry.import',
    title: 'Import telemetry',
    section: 'Telemetry',
    shortcut: 'Alt+I',
    keywords: 'logs',
    path: '/telemetry',
    pageKey: true,
  },
  // Reports and signing
  {
    id: 'report.build',
    title: 'Build and sign the report',
    section: 'Reports',
    shortcut: 'Mod+Shift+S',
    keywords: 'print pdf export signed control-evidence',
    path: '/reports',
  },
  {
    id: 'report.verify',
    title: 'Verify a signed PDF…',
    section: 'Reports',
    keywords: 'check signature',
    path: '/reports',
  },
  {
    id: 'identity.create',
    title: 'Create a signing identity',
    section: 'Signing',
    keywords: 'certificate key sign',
    path: '/settings',
  },
  {
    id: 'identity.import',
    title: 'Import a PKCS#12 signing identity',
    section: 'Signing',
    keywords: 'certificate p12 pfx sign',
    path: '/settings',
  },
  // Data
  {
    id: 'bundle.import',
    title: 'Import or merge an audit bundle',
    section: 'Data',
    shortcut: 'Alt+O',
    allowInTextEntry: true,
    path: '/settings/bundles',
  },
];

/**
 * What a page registers for an offered id, less its action:
 * `{ ...offered('report.build'), run: () => … }`.
 */
export function offered(id: string): Omit<Command, 'run'> {
  const declared = OFFERED_COMMANDS.find((command) => command.id === id);
  if (declared === undefined) throw new Error(`No offered command ${id}`);
  const { path: _path, opensPage: _opensPage, pageKey: _pageKey, ...command } = declared;
  return command;
}

/**
 * The app-wide stand-ins: each opens its page and asks for the command to run there. A key two
 * commands share (Alt+N: a new sprint on Sprints, a new demo on Demos), or marked `pageKey`,
 * works on its page only.
 */
export function offeredFallbacks(
  open: (path: string) => void,
  runWhenOffered: (id: string, path: string) => void,
): Command[] {
  const keyCount = new Map<string, number>();
  for (const command of OFFERED_COMMANDS) {
    if (command.shortcut !== undefined)
      keyCount.set(command.shortcut, (keyCount.get(command.shortcut) ?? 0) + 1);
  }
  return OFFERED_COMMANDS.map(({ path, opensPage, pageKey, ...command }) => ({
    ...command,
    ...(command.shortcut !== undefined && (pageKey || (keyCount.get(command.shortcut) ?? 0) > 1)
      ? { shortcutWhere: `in ${command.section}` }
      : {}),
    run: () => {
      open(path);
      if (!opensPage) runWhenOffered(command.id, path);
    },
  }));
}

/**
 * Registers offered commands that cannot run on this page as it is (no workspace yet): asked
 * for, each says `needs` instead of waiting for a page that will never offer it.
 */
export function useOfferedNeeding(ids: readonly string[], needs: string): void {
  const key = ids.join('|');
  const commands = useMemo(
    () => (key === '' ? [] : key.split('|').map((id) => needing(offered(id), needs))),
    [key, needs],
  );
  useRegisterCommands(commands);
}
