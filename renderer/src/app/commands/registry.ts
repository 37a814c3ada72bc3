import { useLayoutEffect, useSyncExternalStore } from 'react';
import type { Chord, KeyLike } from './shortcuts';
import { isTextEntry, matches, parseShortcut } from './shortcuts';

/**
 * The one place commands live: the command palette, keyboard shortcuts, the native menu and
 * presenter mode all run commands by id from here. Components register the commands that make
 * sense while they are on screen and unregister them when they leave.
 */
export interface Command {
  id: string;
  title: string;
  /** Groups commands in the palette and the shortcut list. */
  section: string;
  shortcut?: string;
  /** Run even while typing in a text field (for chords with Mod, Alt or function keys). */
  allowInTextEntry?: boolean;
  /** Hidden from the palette (e.g. the palette's own command). */
  hidden?: boolean;
  /** More words the palette matches (`print` finds the report that is printed). */
  keywords?: string;
  /**
   * Where the shortcut works when it is not app-wide (another command elsewhere has the same
   * keys): shown in the shortcut list, and the key is left to the page that is on screen.
   */
  shortcutWhere?: string;
  /**
   * Does the command, or, when what it works on is missing here and now (no workspace, no
   * sprint, no signing identity), says what it needs instead of doing nothing.
   */
  run: () => void | Refusal;
}

/** What a command needs before it can run: shown to the person who asked for it. */
export interface Refusal {
  needs: string;
}

/** A command that always answers with what it needs (its page has nothing to run it on). */
export function needing(command: Omit<Command, 'run'>, needs: string): Command {
  return { ...command, run: () => ({ needs }) };
}

interface Registered extends Command {
  chord: Chord | null;
  token: symbol;
  fallback: boolean;
}

export interface RegisterOptions {
  /**
   * App-wide stand-ins for page commands: they sit below any registration of the same id, so
   * the page's own command runs while the page is on screen.
   */
  fallback?: boolean;
}

export class CommandRegistry {
  private readonly commands = new Map<string, Registered[]>();
  private readonly listeners = new Set<() => void>();
  private snapshot: readonly Command[] = [];
  private pending: { id: string; path: string } | null = null;
  private readonly refusalListeners = new Set<(needs: string) => void>();

  /** Hears every refusal (the shell shows it as a notice); returns an unsubscribe. */
  onRefusal(listener: (needs: string) => void): () => void {
    this.refusalListeners.add(listener);
    return () => this.refusalListeners.delete(listener);
  }

  private perform(command: Command): void {
    const outcome = command.run();
    if (outcome === undefined) return;
    for (const listener of this.refusalListeners) listener(outcome.needs);
  }

  /** Adds commands; returns a function that removes exactly these registrations. */
  register(commands: readonly Command[], options: RegisterOptions = {}): () => void {
    const token = Symbol('registration');
    const fallback = options.fallback ?? false;
    let arrived: string | null = null;
    for (const command of commands) {
      const chord = command.shortcut === undefined ? null : parseShortcut(command.shortcut);
      const stack = this.commands.get(command.id) ?? [];
      const entry = { ...command, chord, token, fallback };
      if (fallback) stack.unshift(entry);
      else stack.push(entry);
      this.commands.set(command.id, stack);
      if (!fallback && this.pending?.id === command.id) arrived = command.id;
    }
    this.changed();
    if (arrived !== null) {
      // A command asked for before its page was on screen: run it now that the page offers it.
      this.pending = null;
      const id = arrived;
      queueMicrotask(() => this.run(id));
    }
    return () => {
      for (const command of commands) {
        const stack = (this.commands.get(command.id) ?? []).filter(
          (entry) => entry.token !== token,
        );
        if (stack.length === 0) this.commands.delete(command.id);
        else this.commands.set(command.id, stack);
      }
      this.changed();
    };
  }

  /** The most recent registration of each id wins, so a page can refine a global command. */
  list(): readonly Command[] {
    return this.snapshot;
  }

  run(id: string): boolean {
    const command = this.commands.get(id)?.at(-1);
    if (command === undefined) return false;
    if (!command.fallback) this.pending = null;
    this.perform(command);
    return true;
  }

  /**
   * Runs `id` once a page registers it: an app-wide command opens the page that offers it and
   * leaves the rest to that page. Forgotten when the user goes elsewhere first (`leftFor`).
   */
  runWhenOffered(id: string, path: string): void {
    this.pending = { id, path };
  }

  /** The location changed: a command waiting for a page the user left is forgotten. */
  leftFor(location: string): void {
    if (this.pending && !within(location, this.pending.path)) this.pending = null;
  }

  /** Runs the command bound to this key press, if any; returns whether one ran. */
  handleKey(event: KeyLike & { target: EventTarget | null }, isMac: boolean): boolean {
    const typing = isTextEntry(event.target);
    const current = [...this.commands.values()]
      .reverse()
      .map((stack) => stack.at(-1))
      .filter((command): command is Registered => command !== undefined);
    // Commands of what is on screen first, then the app-wide ones whose keys are theirs alone.
    const candidates = [
      ...current.filter((command) => !command.fallback),
      ...current.filter((command) => command.fallback && command.shortcutWhere === undefined),
    ];
    for (const command of candidates) {
      if (!command.chord || !matches(command.chord, event, isMac)) continue;
      const plainKey =
        !command.chord.mod &&
        !command.chord.alt &&
        !/^f\d+$/.test(command.chord.key) &&
        command.chord.key !== 'escape';
      if (typing && plainKey && !command.allowInTextEntry) continue;
      this.perform(command);
      return true;
    }
    return false;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.snapshot = [...this.commands.values()]
      .map((stack) => stack.at(-1))
      .filter((command): command is Registered => command !== undefined)
      .map(({ chord: _chord, token: _token, fallback: _fallback, ...command }) => command);
    for (const listener of this.listeners) listener();
  }
}

/** Whether `location` is `path` or a page below it. */
function within(location: string, path: string): boolean {
  if (path === '/') return location === '/';
  return location === path || location.startsWith(`${path}/`);
}

export const commandRegistry = new CommandRegistry();

export function useCommands(): readonly Command[] {
  return useSyncExternalStore(commandRegistry.subscribe, () => commandRegistry.list());
}

/**
 * Registers `commands` while the calling component is mounted. A layout effect, so a command is
 * registered before the screen that offers it is painted: a key pressed at first sight works.
 */
export function useRegisterCommands(commands: readonly Command[], options?: RegisterOptions): void {
  const fallback = options?.fallback ?? false;
  useLayoutEffect(() => commandRegistry.register(commands, { fallback }), [commands, fallback]);
}
