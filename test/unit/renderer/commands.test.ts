import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { filterCommands } from '../../../renderer/src/app/commands/CommandPalette';
import {
  OFFERED_COMMANDS,
  offered,
  offeredFallbacks,
} from '../../../renderer/src/app/commands/offered';
import { PRINT_COMMAND } from '../../../renderer/src/app/commands/print';
import { CommandRegistry, needing } from '../../../renderer/src/app/commands/registry';
import type { KeyLike } from '../../../renderer/src/app/commands/shortcuts';
import {
  formatShortcut,
  keyOf,
  matches,
  parseShortcut,
} from '../../../renderer/src/app/commands/shortcuts';

function key(init: Partial<KeyLike> & { key: string }): KeyLike & { target: EventTarget | null } {
  return {
    code: '',
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    target: null,
    ...init,
  };
}

describe('shortcuts', () => {
  it('parses chords and refuses unknown modifiers', () => {
    expect(parseShortcut('Mod+Shift+K')).toEqual({ mod: true, alt: false, shift: true, key: 'k' });
    expect(() => parseShortcut('Hyper+K')).toThrow();
  });

  it('reads letters and digits from the physical key, so Alt+3 works on macOS too', () => {
    expect(keyOf(key({ key: '£', code: 'Digit3', altKey: true }))).toBe('3');
    expect(keyOf(key({ key: 'K', code: 'KeyK' }))).toBe('k');
  });

  it('maps Mod to Ctrl on Linux and Windows and to ⌘ on macOS', () => {
    const chord = parseShortcut('Mod+K');
    expect(matches(chord, key({ key: 'k', code: 'KeyK', ctrlKey: true }), false)).toBe(true);
    expect(matches(chord, key({ key: 'k', code: 'KeyK', metaKey: true }), false)).toBe(false);
    expect(matches(chord, key({ key: 'k', code: 'KeyK', metaKey: true }), true)).toBe(true);
    expect(
      matches(chord, key({ key: 'K', code: 'KeyK', ctrlKey: true, shiftKey: true }), false),
    ).toBe(false);
  });

  it('matches symbols typed with Shift without naming Shift', () => {
    expect(
      matches(parseShortcut('?'), key({ key: '?', code: 'Slash', shiftKey: true }), false),
    ).toBe(true);
  });

  it('formats shortcuts for each platform', () => {
    expect(formatShortcut('Mod+K', false)).toBe('Ctrl+K');
    expect(formatShortcut('Mod+Shift+K', true)).toBe('⌘⇧K');
    expect(formatShortcut('Alt+1', false)).toBe('Alt+1');
    expect(formatShortcut('F1', false)).toBe('F1');
  });
});

describe('command registry', () => {
  it('runs commands by id; the latest registration of an id wins until it leaves', () => {
    const registry = new CommandRegistry();
    const global = vi.fn();
    const page = vi.fn();
    registry.register([{ id: 'sprint.new', title: 'New sprint', section: 'Sprints', run: global }]);
    const leave = registry.register([
      { id: 'sprint.new', title: 'New sprint here', section: 'Sprints', run: page },
    ]);
    expect(registry.run('sprint.new')).toBe(true);
    expect(page).toHaveBeenCalledTimes(1);
    expect(registry.list().map((command) => command.title)).toEqual(['New sprint here']);
    leave();
    registry.run('sprint.new');
    expect(global).toHaveBeenCalledTimes(1);
    expect(registry.run('missing')).toBe(false);
  });

  it('keeps plain-key shortcuts away from text fields but lets modifier chords through', () => {
    const registry = new CommandRegistry();
    const help = vi.fn();
    const palette = vi.fn();
    registry.register([
      { id: 'help', title: 'Help', section: 'General', shortcut: '?', run: help },
      { id: 'palette', title: 'Palette', section: 'General', shortcut: 'Mod+K', run: palette },
    ]);
    const input = document.createElement('input');
    expect(
      registry.handleKey(
        { ...key({ key: '?', code: 'Slash', shiftKey: true }), target: input },
        false,
      ),
    ).toBe(false);
    expect(
      registry.handleKey(
        { ...key({ key: '?', code: 'Slash', shiftKey: true }), target: document.body },
        false,
      ),
    ).toBe(true);
    expect(
      registry.handleKey(
        { ...key({ key: 'k', code: 'KeyK', ctrlKey: true }), target: input },
        false,
      ),
    ).toBe(true);
    expect(help).toHaveBeenCalledTimes(1);
    expect(palette).toHaveBeenCalledTimes(1);
  });

  it('notifies subscribers when commands come and go', () => {
    const registry = new CommandRegistry();
    const listener = vi.fn();
    registry.subscribe(listener);
    registry.register([{ id: 'a', title: 'A', section: 'S', run: vi.fn() }])();
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe('command palette filter', () => {
  const commands = [
    { id: 'go.settings', title: 'Go to Settings', section: 'Navigation', run: vi.fn() },
    { id: 'sprint.new', title: 'New sprint', section: 'Sprints', run: vi.fn() },
    { id: 'app.palette', title: 'Command palette', section: 'General', hidden: true, run: vi.fn() },
  ];

  it('matches every typed word against title and section, best title match first', () => {
    expect(filterCommands(commands, 'sprint').map((command) => command.id)).toEqual(['sprint.new']);
    expect(filterCommands(commands, 'go set').map((command) => command.id)).toEqual([
      'go.settings',
    ]);
    expect(filterCommands(commands, 'navigation').map((command) => command.id)).toEqual([
      'go.settings',
    ]);
    expect(filterCommands(commands, 'nothing like this')).toEqual([]);
  });

  it('never lists hidden commands', () => {
    expect(filterCommands(commands, '').map((command) => command.id)).not.toContain('app.palette');
  });
});

describe('commands offered app-wide', () => {
  const sleep = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('lists every page’s commands from anywhere, under the page’s own registration', () => {
    const registry = new CommandRegistry();
    registry.register(
      offeredFallbacks(vi.fn(), (id, path) => registry.runWhenOffered(id, path)),
      { fallback: true },
    );
    const ids = registry.list().map((command) => command.id);
    expect(ids).toEqual(OFFERED_COMMANDS.map((command) => command.id));
    for (const id of ['report.build', 'identity.create', 'demo.coverage', 'evidence.search'])
      expect(ids).toContain(id);
    const page = vi.fn();
    // A page registers after the shell in time, but also before it (child layout effects run
    // first): either way the page's command is the one that runs.
    const leave = registry.register([{ ...offered('report.build'), run: page }]);
    registry.register([{ id: 'other', title: 'Other', section: 'S', run: vi.fn() }], {
      fallback: true,
    });
    registry.run('report.build');
    expect(page).toHaveBeenCalledTimes(1);
    leave();
  });

  it('opens the page away from it, and the page runs the command once it offers it', async () => {
    const registry = new CommandRegistry();
    const opened: string[] = [];
    registry.register(
      offeredFallbacks(
        (path) => opened.push(path),
        (id, path) => registry.runWhenOffered(id, path),
      ),
      { fallback: true },
    );
    registry.run('report.build');
    expect(opened).toEqual(['/reports']);
    const build = vi.fn();
    registry.leftFor('/reports');
    registry.register([{ ...offered('report.build'), run: build }]);
    await sleep();
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('forgets a command whose page the user left before it was offered', async () => {
    const registry = new CommandRegistry();
    registry.register(
      offeredFallbacks(vi.fn(), (id, path) => registry.runWhenOffered(id, path)),
      { fallback: true },
    );
    registry.run('identity.create');
    registry.leftFor('/settings');
    registry.leftFor('/evidence');
    const create = vi.fn();
    registry.register([{ ...offered('identity.create'), run: create }]);
    await sleep();
    expect(create).not.toHaveBeenCalled();
  });

  it('opens a page that is the whole command without waiting for anything', async () => {
    const registry = new CommandRegistry();
    const opened: string[] = [];
    const waiting = vi.fn();
    registry.register(
      offeredFallbacks((path) => opened.push(path), waiting),
      { fallback: true },
    );
    registry.run('demo.coverage');
    expect(opened).toEqual(['/demos/coverage']);
    expect(waiting).not.toHaveBeenCalled();
  });

  it('binds a key app-wide only when it is that command’s alone', () => {
    const registry = new CommandRegistry();
    const opened: string[] = [];
    registry.register(
      offeredFallbacks((path) => opened.push(path), vi.fn()),
      { fallback: true },
    );
    const fallbacks = registry.list();
    // Alt+N is a new sprint on Sprints and a new demo on Demos: listed with where it works.
    expect(fallbacks.find((command) => command.id === 'demo.new')?.shortcutWhere).toBe('in Demos');
    expect(fallbacks.find((command) => command.id === 'sprint.new')?.shortcutWhere).toBe(
      'in Sprints',
    );
    const altN = { ...key({ key: 'n', code: 'KeyN', altKey: true }), target: document.body };
    expect(registry.handleKey(altN, false)).toBe(false);
    const demo = vi.fn();
    registry.register([{ ...offered('demo.new'), run: demo }]);
    expect(registry.handleKey(altN, false)).toBe(true);
    expect(demo).toHaveBeenCalledTimes(1);
    // Mod+Shift+S (build and sign the report) is its own: it works from anywhere.
    const modShiftS = {
      ...key({ key: 'S', code: 'KeyS', ctrlKey: true, shiftKey: true }),
      target: document.body,
    };
    expect(registry.handleKey(modShiftS, false)).toBe(true);
    expect(opened).toEqual(['/reports']);
  });

  it('refuses an id nobody declared', () => {
    expect(() => offered('no.such.command')).toThrow(/no.such.command/);
  });

  it('prints the page on screen for “print”, offers the report next, never goes to Sprints', () => {
    const commands = [
      { id: 'go.workspace', title: 'Go to Sprints', section: 'Navigation', run: vi.fn() },
      ...offeredFallbacks(vi.fn(), vi.fn()),
      PRINT_COMMAND,
    ];
    const found = filterCommands(commands, 'print').map((command) => command.id);
    expect(found.slice(0, 2)).toEqual(['app.print', 'report.build']);
    expect(found).not.toContain('go.workspace');
    // The test environment has no printing: stand in for the browser's print dialog.
    const print = vi.fn();
    vi.stubGlobal('print', print);
    const registry = new CommandRegistry();
    registry.register([PRINT_COMMAND]);
    registry.run('app.print');
    expect(print).toHaveBeenCalledTimes(1);
    vi.unstubAllGlobals();
    expect(filterCommands(commands, 'sign')[0]?.id).toBe('report.build');
    expect(filterCommands(commands, 'search evidence')[0]?.id).toBe('evidence.search');
    expect(filterCommands(commands, 'coverage')[0]?.id).toBe('demo.coverage');
    expect(filterCommands(commands, 'adopt')[0]?.id).toBe('controls.adopt');
  });

  it('says what a command needs when it cannot run, however it was asked for', async () => {
    const registry = new CommandRegistry();
    const said: string[] = [];
    registry.onRefusal((needs) => said.push(needs));
    registry.register(
      offeredFallbacks(vi.fn(), (id, path) => registry.runWhenOffered(id, path)),
      { fallback: true },
    );
    // From the palette, away from Reports: the page opens, has no workspace, and says so.
    registry.run('report.build');
    registry.leftFor('/reports');
    const leave = registry.register([needing(offered('report.build'), 'Create a workspace.')]);
    await sleep();
    expect(said).toEqual(['Create a workspace.']);
    leave();
    // By its key, on Demos without a sprint.
    registry.register([needing(offered('demo.new'), 'Create a sprint first.')]);
    const altN = { ...key({ key: 'n', code: 'KeyN', altKey: true }), target: document.body };
    expect(registry.handleKey(altN, false)).toBe(true);
    expect(said).toEqual(['Create a workspace.', 'Create a sprint first.']);
    // A command that runs says nothing.
    registry.register([{ ...offered('evidence.search'), run: () => undefined }]);
    registry.run('evidence.search');
    expect(said).toHaveLength(2);
  });

  it('has every offered command offered by the page it opens', () => {
    const sources = readdirSync('renderer/src', { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.tsx'))
      .map((file) => readFileSync(path.join('renderer/src', file), 'utf8'))
      .join('\n');
    const missing = OFFERED_COMMANDS.filter(
      (command) => !sources.includes(`offered('${command.id}')`),
    ).map((command) => command.id);
    expect(missing).toEqual([]);
  });
});
